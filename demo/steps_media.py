"""Tour steps for images (generate, edit with a mask, vary) and audio (a transcription)."""

from __future__ import annotations

import base64
from pathlib import Path

from openai_client.models import Image
from openai_client.types import Unset

from .media import round_mask_png, tone_wav
from .runner import Context, say

__all__ = ["images", "transcription"]

SIZE = 256


def _png_of(image: Image) -> bytes:
    data = image.b64_json
    if not data:
        raise ValueError("asked for b64_json but the image came without it")
    return base64.b64decode(data)


def _save(ctx: Context, name: str, png: bytes) -> Path:
    ctx.output_dir.mkdir(parents=True, exist_ok=True)
    path = ctx.output_dir / name
    path.write_bytes(png)
    say(f"wrote {path} ({len(png):,} bytes)")
    return path


def images(ctx: Context) -> None:
    images = ctx.client.images
    created = images.generate(prompt="A lighthouse on a cliff at dusk", size="256x256", response_format="b64_json")
    original = _save(ctx, "lighthouse.png", _png_of(created.data[0]))
    mask = _save(ctx, "mask.png", round_mask_png(SIZE))
    # Files go as multipart parts streamed from disk: a path, bytes, an open file or (filename, bytes).
    edited = images.edit(
        image=original, prompt="Add a full moon in the sky", mask=mask, size="256x256", response_format="b64_json"
    )
    _save(ctx, "lighthouse-edited.png", _png_of(edited.data[0]))
    varied = images.create_variation(
        image=("lighthouse.png", original.read_bytes()), n=2, size="256x256", response_format="b64_json"
    )
    for number, image in enumerate(varied.data, start=1):
        _save(ctx, f"lighthouse-variation-{number}.png", _png_of(image))


def transcription(ctx: Context) -> None:
    audio = _save(ctx, "tone.wav", tone_wav(seconds=2.0))
    transcriptions = ctx.client.audio.transcriptions
    result = transcriptions.create(model="whisper-1", file=audio, response_format="verbose_json")
    say(f"text: {result.text!r}")
    details = [
        f"{name}={value}"
        for name, value in (("language", result.language), ("duration", result.duration))
        if not isinstance(value, Unset) and value is not None
    ]
    say(", ".join(details) or "(no details)")
    srt = transcriptions.create(model="whisper-1", file=audio, response_format="srt")  # text, not JSON
    say(f"as SRT, first line: {srt.splitlines()[0]!r}")
