"""The uses of the generator's private operation names (pinned by tests/client/test_overlay_bridge.py; the client's
fields are read in `_client_fields`).

openapi-python-client 0.29.1 gives each operation module a private `_get_kwargs(...)` that
returns the keyword arguments for `httpx.Client.request` (method, url, params, json or files,
headers). The overlays reuse it instead of rebuilding URLs and bodies, and fix the two things
the generator gets wrong for them: multipart requests carry a fixed `boundary=+++` (dropped
here, so httpx picks a random boundary), and SSE responses are read whole (the overlays stream).
"""

from __future__ import annotations

from typing import Any

from .api.audio import create_transcription, create_translation
from .api.chat import create_chat_completion
from .api.completions import create_completion
from .api.files import create_file, download_file
from .api.fine_tunes import list_fine_tune_events
from .api.images import create_image_edit, create_image_variation
from .models import (
    CreateChatCompletionRequest,
    CreateCompletionRequest,
    CreateFileRequest,
    CreateImageEditRequest,
    CreateImageVariationRequest,
    CreateTranscriptionRequest,
    CreateTranslationRequest,
)

__all__ = [
    "chat_completion_request",
    "completion_request",
    "download_file_request",
    "file_upload_request",
    "fine_tune_events_request",
    "image_edit_request",
    "image_variation_request",
    "transcription_request",
    "translation_request",
]


def _with_stream_headers(kwargs: dict[str, Any]) -> dict[str, Any]:
    headers = dict(kwargs.get("headers") or {})
    headers["Accept"] = "text/event-stream"
    kwargs["headers"] = headers
    return kwargs


def _without_fixed_boundary(kwargs: dict[str, Any]) -> dict[str, Any]:
    # The generated header pins `boundary=+++`; without it httpx writes a random boundary
    # that matches the body it streams (RFC 7578 section 4.1).
    headers = {k: v for k, v in dict(kwargs.get("headers") or {}).items() if k.lower() != "content-type"}
    kwargs["headers"] = headers
    return kwargs


def chat_completion_request(body: CreateChatCompletionRequest) -> dict[str, Any]:
    return _with_stream_headers(create_chat_completion._get_kwargs(body=body))


def completion_request(body: CreateCompletionRequest) -> dict[str, Any]:
    return _with_stream_headers(create_completion._get_kwargs(body=body))


def fine_tune_events_request(fine_tune_id: str) -> dict[str, Any]:
    return _with_stream_headers(list_fine_tune_events._get_kwargs(fine_tune_id, stream=True))


def download_file_request(file_id: str) -> dict[str, Any]:
    return download_file._get_kwargs(file_id)


def file_upload_request(body: CreateFileRequest) -> dict[str, Any]:
    return _without_fixed_boundary(create_file._get_kwargs(body=body))


def image_edit_request(body: CreateImageEditRequest) -> dict[str, Any]:
    return _without_fixed_boundary(create_image_edit._get_kwargs(body=body))


def image_variation_request(body: CreateImageVariationRequest) -> dict[str, Any]:
    return _without_fixed_boundary(create_image_variation._get_kwargs(body=body))


def transcription_request(body: CreateTranscriptionRequest) -> dict[str, Any]:
    return _without_fixed_boundary(create_transcription._get_kwargs(body=body))


def translation_request(body: CreateTranslationRequest) -> dict[str, Any]:
    return _without_fixed_boundary(create_translation._get_kwargs(body=body))
