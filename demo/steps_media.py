"""Tour steps for images (generate, edit with a mask, vary) and audio (a transcription)."""

from __future__ import annotations

import base64
from pathlib import Path

from openai_client.api.images import create_image
from openai_client.audio import create_transcription
from openai_client.models import CreateImageRequest, CreateTranscriptionResponse, Image, ImagesResponse
from openai_client.types import Unset
from openai_client.uploads import create_image_edit, create_image_variation

from .media import round_mask_png, tone_wav
from .runner import Context, expect, say

__all__ = ["images", "transcription"]

SIZE = 256


def _png_of(image: Image) -> bytes:
    data = image.b64_json
    if isinstance(data, Unset):
        raise ValueError("asked for b64_json but the image came without it")
    return base64.b64decode(data)


def _save(ctx: Context, name: str, png: bytes) -> Path:
    ctx.output_dir.mkdir(parents=True, exist_ok=True)
    path = ctx.output_dir / name
    path.write_bytes(png)
    say(f"wrote {path} ({len(png):,} bytes)")
    return path


def images(ctx: Context) -> None:
    body = CreateImageRequest(prompt="A lighthouse on a cliff at dusk", size="256x256", response_format="b64_json")
    created = expect(create_image.sync(client=ctx.client, body=body), ImagesResponse)
    original = _save(ctx, "lighthouse.png", _png_of(created.data[0]))
    mask = _save(ctx, "mask.png", round_mask_png(SIZE))
    # Overlay functions: the files are streamed from disk as multipart parts.
    edited = create_image_edit(
        ctx.client, original, "Add a full moon in the sky", mask=mask, size="256x256", response_format="b64_json"
    )
    _save(ctx, "lighthouse-edited.png", _png_of(edited.data[0]))
    varied = create_image_variation(
        ctx.client, original.read_bytes(), filename="lighthouse.png", n=2, size="256x256", response_format="b64_json"
    )
    for number, image in enumerate(varied.data, start=1):
        _save(ctx, f"lighthouse-variation-{number}.png", _png_of(image))


def transcription(ctx: Context) -> None:
    audio = _save(ctx, "tone.wav", tone_wav(seconds=2.0))
    verbose = create_transcription(ctx.client, audio, response_format="verbose_json")
    result = expect(verbose, CreateTranscriptionResponse)
    say(f"text: {result.text!r}")
    details = [
        f"{name}={value}"
        for name, value in (("language", result.language), ("duration", result.duration))
        if not isinstance(value, Unset)
    ]
    say(", ".join(details) or "(no details)")
    srt = create_transcription(ctx.client, audio, response_format="srt")
    say(f"as SRT, first line: {str(srt).splitlines()[0]!r}")
