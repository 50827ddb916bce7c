"""Multipart uploads that stream from disk: files, image edits and variations, audio (from `audio`).

    f = upload_file(client, "train.jsonl", purpose="fine-tune")          # -> OpenAIFile
    img = create_image_edit(client, "cat.png", "add a hat", mask=mask_bytes)
    text = create_transcription(client, open("talk.mp3", "rb"), response_format="text")  # -> str

`file`/`image`/`mask` accept a path, bytes or an open binary file; the filename and content
type are derived (mimetypes) unless given. The generated operation builds the form, but its
fixed `boundary=+++` is dropped so httpx writes a random one and streams files in 512 KiB
pieces (see `_files`): a 1 GiB upload never sits in memory. Paths are opened and closed here; file objects
stay open. Async variants read the file synchronously between network writes.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

from ._files import FileInput, open_upload
from ._generated_bridge import (
    file_upload_request,
    image_edit_request,
    image_variation_request,
)
from ._requests import AnyClient, asend, choice_option, given, json_body, send
from .audio import acreate_transcription, acreate_translation, create_transcription, create_translation
from .models import (
    CreateFileRequest,
    CreateImageEditRequest,
    CreateImageVariationRequest,
    FilePurpose,
    ImageResponseFormat,
    ImageSize,
    ImagesResponse,
    OpenAIFile,
)

__all__ = [
    "FileInput",
    "acreate_image_edit",
    "acreate_image_variation",
    "acreate_transcription",
    "acreate_translation",
    "aupload_file",
    "create_image_edit",
    "create_image_variation",
    "create_transcription",
    "create_translation",
    "upload_file",
]


def _file_form(
    stack: ExitStack, file: FileInput, purpose: str, filename: str | None, content_type: str | None
) -> dict[str, Any]:
    upload = open_upload(stack, file, field="file", filename=filename, content_type=content_type)
    choice = choice_option(FilePurpose, purpose, "purpose")
    return file_upload_request(CreateFileRequest(file=upload, purpose=choice))


def upload_file(
    client: AnyClient, file: FileInput, purpose: str, *, filename: str | None = None, content_type: str | None = None
) -> OpenAIFile:
    """POST /files: upload a JSON Lines file (purpose "fine-tune") and return its OpenAIFile."""
    with ExitStack() as stack:
        return send(client, _file_form(stack, file, purpose, filename, content_type), json_body(OpenAIFile.from_dict))


async def aupload_file(
    client: AnyClient, file: FileInput, purpose: str, *, filename: str | None = None, content_type: str | None = None
) -> OpenAIFile:
    with ExitStack() as stack:
        kwargs = _file_form(stack, file, purpose, filename, content_type)
        return await asend(client, kwargs, json_body(OpenAIFile.from_dict))


@dataclass(frozen=True)
class _ImageOptions:
    n: int | None = None
    size: ImageSize | None = None
    response_format: ImageResponseFormat | None = None
    user: str | None = None
    filename: str | None = None


def _image_form(
    stack: ExitStack, image: FileInput, prompt: str | None, mask: FileInput | None, o: _ImageOptions
) -> dict[str, Any]:
    options = given(
        n=o.n,
        size=choice_option(ImageSize, o.size, "size"),
        response_format=choice_option(ImageResponseFormat, o.response_format, "response_format"),
        user=o.user,
    )
    picture = open_upload(stack, image, field="image", filename=o.filename)
    if prompt is None:
        return image_variation_request(CreateImageVariationRequest(image=picture, **options))
    if mask is not None:
        options["mask"] = open_upload(stack, mask, field="mask")
    return image_edit_request(CreateImageEditRequest(image=picture, prompt=prompt, **options))


def create_image_edit(
    client: AnyClient,
    image: FileInput,
    prompt: str,
    *,
    mask: FileInput | None = None,
    n: int | None = None,
    size: ImageSize | None = None,
    response_format: ImageResponseFormat | None = None,
    user: str | None = None,
    filename: str | None = None,
) -> ImagesResponse:
    """POST /images/edits: a square PNG, a prompt, and optionally a mask whose transparent areas are redrawn."""
    o = _ImageOptions(n, size, response_format, user, filename)
    with ExitStack() as stack:
        return send(client, _image_form(stack, image, prompt, mask, o), json_body(ImagesResponse.from_dict))


async def acreate_image_edit(
    client: AnyClient,
    image: FileInput,
    prompt: str,
    *,
    mask: FileInput | None = None,
    n: int | None = None,
    size: ImageSize | None = None,
    response_format: ImageResponseFormat | None = None,
    user: str | None = None,
    filename: str | None = None,
) -> ImagesResponse:
    o = _ImageOptions(n, size, response_format, user, filename)
    with ExitStack() as stack:
        kwargs = _image_form(stack, image, prompt, mask, o)
        return await asend(client, kwargs, json_body(ImagesResponse.from_dict))


def create_image_variation(
    client: AnyClient,
    image: FileInput,
    *,
    n: int | None = None,
    size: ImageSize | None = None,
    response_format: ImageResponseFormat | None = None,
    user: str | None = None,
    filename: str | None = None,
) -> ImagesResponse:
    """POST /images/variations: variations of a square PNG."""
    o = _ImageOptions(n, size, response_format, user, filename)
    with ExitStack() as stack:
        return send(client, _image_form(stack, image, None, None, o), json_body(ImagesResponse.from_dict))


async def acreate_image_variation(
    client: AnyClient,
    image: FileInput,
    *,
    n: int | None = None,
    size: ImageSize | None = None,
    response_format: ImageResponseFormat | None = None,
    user: str | None = None,
    filename: str | None = None,
) -> ImagesResponse:
    o = _ImageOptions(n, size, response_format, user, filename)
    with ExitStack() as stack:
        kwargs = _image_form(stack, image, None, None, o)
        return await asend(client, kwargs, json_body(ImagesResponse.from_dict))
