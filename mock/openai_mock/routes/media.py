"""/images (generations, edits, variations, and the PNGs their URLs point to) and /audio."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import TypeVar

import pydantic
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from openai_models import (
    CreateImageEditRequest,
    CreateImageRequest,
    CreateImageVariationRequest,
    CreateTranscriptionRequest,
    CreateTranslationRequest,
    ImageResponseFormat,
)

from ..engines import catalog
from ..errors import InvalidRequestError, NotFoundError, PayloadTooLargeError
from ..http.multipart import FormBody, MemorySink, Sink, read_multipart
from ..http.responses import json_response
from ..http.services import Memo, Operation, Services, api
from ..http.validation import given, validate_form
from ..media import audio, images

__all__ = ["IMAGE_PATH", "media_routes"]

# Image URLs name what to draw, so a restarted mock serves the same picture for an old URL.
IMAGE_PATH = "/v1/images/content/{name}"
M = TypeVar("M", bound=pydantic.BaseModel)
_IMAGE_NAME = re.compile(r"^img-([0-9a-f]{16})-([0-9]{1,10})-(256|512|1024)\.png$")
# A noisy 1024x1024 variation is about 3 MB: the latest 32 images are kept while they fit in this.
_PNG_CACHE_BYTES = 64 * 1024 * 1024
# Edits and variations are drawn from the upload, which their names cannot carry: the latest are kept
# in memory and older ones answer 404, like the real API's expiring URLs.
_DERIVED_NAME = re.compile(r"^(edit|variation)-[0-9a-f]{16}-[0-9]{1,2}-(256|512|1024)\.png$")


def _image_too_large(param: str) -> InvalidRequestError:
    return InvalidRequestError("Uploaded image must be a PNG and less than 4 MB.", param=param)


def _audio_too_large() -> PayloadTooLargeError:
    return PayloadTooLargeError(f"Maximum content size limit ({audio.MAX_AUDIO_BYTES}) exceeded", param="file")


async def _read_form(
    s: Services, request: Request, schema: str, limit: int, too_large: type[Exception] | None = None
) -> FormBody:
    binary = s.spec.binary_fields(schema)

    def open_sink(name: str, filename: str, content_type: str | None) -> Sink | None:
        if name not in binary:
            return None
        return MemorySink(limit, (lambda: _image_too_large(name)) if too_large is None else _audio_too_large)

    return await read_multipart(request, open_sink)


def _image_options(
    body: CreateImageRequest | CreateImageEditRequest | CreateImageVariationRequest,
) -> tuple[int, str, ImageResponseFormat]:
    """``n``, ``size`` and ``response_format`` of an image request (a null in any of them is its default)."""
    return given(body.n, "n"), given(body.size, "size").value, given(body.response_format, "response_format")


def _data(form: FormBody, name: str) -> bytes | None:
    part = form.files.get(name)
    return part.sink.getvalue() if part is not None and isinstance(part.sink, MemorySink) else None


def media_routes(s: Services) -> list[Operation]:
    pngs = Memo(32, _PNG_CACHE_BYTES)
    derived = Memo(32, _PNG_CACHE_BYTES)

    def images_response(
        request: Request, digest: str, seed: int, side: int, n: int, response_format: ImageResponseFormat
    ) -> Response:
        names = [f"img-{digest}-{(seed + i) % 10**10}-{side}.png" for i in range(n)]
        if response_format is ImageResponseFormat.url:
            base = str(request.base_url).rstrip("/")
            data = [{"url": base + IMAGE_PATH.format(name=name)} for name in names]
        else:
            data = [{"b64_json": base64.b64encode(_png(name)).decode("ascii")} for name in names]
        return json_response({"created": int(s.clock()), "data": data})

    def derived_response(
        request: Request, kind: str, digest: str, side: int, results: list[bytes], response_format: ImageResponseFormat
    ) -> Response:
        if response_format is not ImageResponseFormat.url:
            data = [{"b64_json": base64.b64encode(png).decode("ascii")} for png in results]
            return json_response({"created": int(s.clock()), "data": data})
        base = str(request.base_url).rstrip("/")
        urls = []
        for i, png in enumerate(results):
            name = f"{kind}-{digest}-{i}-{side}.png"
            derived.put(name, png, len(png) + len(name))
            urls.append({"url": base + IMAGE_PATH.format(name=name)})
        return json_response({"created": int(s.clock()), "data": urls})

    def _png(name: str) -> bytes:
        cached: bytes | None = pngs.get(name)
        if cached is None:
            match = _IMAGE_NAME.match(name)
            if match is None:
                raise NotFoundError(f"No such image: {name}")
            digest, seed, side = match.groups()
            cached = images.render_png(digest, int(side), int(seed))
            pngs.put(name, cached, len(cached) + len(name))
        return cached

    def _digest(*parts: bytes) -> str:
        return hashlib.sha256(b"\x00".join(parts)).hexdigest()[:16]

    @api
    async def create_image(request: Request) -> Response:
        body = await s.json_body(request, CreateImageRequest)
        n, size, response_format = _image_options(body)
        side = images.check_image_request(body.prompt, n, size)
        digest = _digest(body.prompt.encode())
        return await run_in_threadpool(images_response, request, digest, 0, side, n, response_format)

    async def _upload(request: Request, schema: str, cls: type[M]) -> tuple[FormBody, M]:
        form = await _read_form(s, request, schema, images.MAX_IMAGE_BYTES)
        return form, validate_form(s.spec, schema, form.fields, set(form.files), cls)

    @api
    async def create_image_edit(request: Request) -> Response:
        form, body = await _upload(request, "CreateImageEditRequest", CreateImageEditRequest)
        image, mask = _data(form, "image") or b"", _data(form, "mask")
        await run_in_threadpool(images.validate_edit, image, mask)
        n, size, response_format = _image_options(body)
        side = images.check_image_request(body.prompt, n, size)
        digest = _digest(image, mask or b"", body.prompt.encode())
        edits = await run_in_threadpool(images.edited_pngs, image, mask, body.prompt, side, images.image_seed(image), n)
        return await run_in_threadpool(derived_response, request, "edit", digest, side, edits, response_format)

    @api
    async def create_image_variation(request: Request) -> Response:
        form, body = await _upload(request, "CreateImageVariationRequest", CreateImageVariationRequest)
        image = _data(form, "image") or b""
        await run_in_threadpool(images.validate_image, image)
        n, size, response_format = _image_options(body)
        side = images.check_image_request(None, n, size)
        variations = await run_in_threadpool(images.variation_pngs, image, side, images.image_seed(image), n)
        digest = _digest(image)
        return await run_in_threadpool(
            derived_response, request, "variation", digest, side, variations, response_format
        )

    async def image_content(request: Request) -> Response:
        name = request.path_params["name"]
        if _DERIVED_NAME.match(name) is not None:
            png: bytes | None = derived.get(name)
            if png is None:
                raise NotFoundError(f"No such image: {name} (edits and variations are kept for a while only)")
            return Response(png, media_type="image/png")
        if _IMAGE_NAME.match(name) is None:
            raise NotFoundError(f"No such image: {name}")
        return Response(await run_in_threadpool(_png, name), media_type="image/png")

    async def _audio(request: Request, translate: bool) -> Response:
        schema = "CreateTranslationRequest" if translate else "CreateTranscriptionRequest"
        cls: type[CreateTranslationRequest | CreateTranscriptionRequest] = (
            CreateTranslationRequest if translate else CreateTranscriptionRequest
        )
        form = await _read_form(s, request, schema, audio.MAX_AUDIO_BYTES, PayloadTooLargeError)
        body = validate_form(s.spec, schema, form.fields, set(form.files), cls)
        s.model_for(body.model, catalog.AUDIO)
        part = form.files["file"]
        language = getattr(body, "language", None)
        transcript = await run_in_threadpool(
            lambda: audio.transcribe(
                part.filename,
                _data(form, "file") or b"",
                translate=translate,
                language=language,
                prompt=body.prompt,
                temperature=body.temperature,
            )
        )
        formatted = audio.format_transcript(transcript, body.response_format.value)
        return Response(formatted.body, media_type=formatted.content_type)

    @api
    async def create_transcription(request: Request) -> Response:
        return await _audio(request, False)

    @api
    async def create_translation(request: Request) -> Response:
        return await _audio(request, True)

    return [
        ("POST", "/v1/images/generations", create_image),
        ("POST", "/v1/images/edits", create_image_edit),
        ("POST", "/v1/images/variations", create_image_variation),
        ("GET", IMAGE_PATH, api(image_content)),
        ("POST", "/v1/audio/transcriptions", create_transcription),
        ("POST", "/v1/audio/translations", create_translation),
    ]
