"""schemathesis hooks for the OpenAI spec; ``SCHEMATHESIS_HOOKS=openai_conform.hooks`` loads them in the CLI.

Importing this module registers the custom checks too, so one module name configures a run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import schemathesis
from hypothesis import strategies as st
from schemathesis import Case, HookContext, Response
from schemathesis.core.failures import Failure
from schemathesis.transport.serialization import Binary

from . import checks, served
from .allowances import rejection_reason
from .forms import multipart_is_valid_as_sent
from .media import fine_tune_jsonl, png, wav

__all__ = ["filter_failure", "flatmap_body", "operation_id"]

assert checks.sse_stream_conformance is not None  # registered on import
assert served.operation_is_served is not None
# A few sizes: a tiny file is as valid as a large one and keeps runs fast.
_SIDES = st.sampled_from([1, 2, 16, 64])


def operation_id(context: HookContext) -> str | None:
    operation = context.operation
    if operation is None:
        return None
    value = operation.definition.raw.get("operationId")
    return value if isinstance(value, str) else None


def _file(data: bytes) -> Binary:
    # schemathesis' own wrapper for generated file parts: its checks read it as a string, the transport sends bytes.
    return Binary(data)


def _is_file_value(value: Any) -> bool:
    # Generated file parts are bytes (or str); any other type is a negative mutation to keep as it is.
    return isinstance(value, (bytes, str))


def _image_edit(body: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    if not _is_file_value(body.get("image")):
        return st.just(body)
    with_mask = _is_file_value(body.get("mask"))

    def build(side: int) -> dict[str, Any]:
        files: dict[str, Binary] = {"image": _file(png(side, alpha=True, transparent=not with_mask))}
        if with_mask:
            files["mask"] = _file(png(side, alpha=True, transparent=True))
        return {**body, **files}

    return _SIDES.map(build)


def _image_variation(body: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    if not _is_file_value(body.get("image")):
        return st.just(body)
    return st.builds(lambda side, alpha: {**body, "image": _file(png(side, alpha=alpha))}, _SIDES, st.booleans())


def _audio(body: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    if not _is_file_value(body.get("file")):
        return st.just(body)
    # A real recording and a model that exists, so the success path is reached (any other name is a 404).
    model = {"model": "whisper-1"} if isinstance(body.get("model"), str) else {}
    return st.sampled_from([200, 1500, 4000]).map(lambda ms: {**body, **model, "file": _file(wav(ms))})


def _upload(body: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    if not (_is_file_value(body.get("file")) and isinstance(body.get("purpose"), str)):
        return st.just(body)
    return st.integers(1, 5).map(lambda count: {**body, "purpose": "fine-tune", "file": _file(fine_tune_jsonl(count))})


_UPLOADS: dict[str, Callable[[dict[str, Any]], st.SearchStrategy[dict[str, Any]]]] = {
    "createImageEdit": _image_edit,
    "createImageVariation": _image_variation,
    "createTranscription": _audio,
    "createTranslation": _audio,
    "createFile": _upload,
}


@schemathesis.hook
def flatmap_body(context: HookContext, body: Any) -> st.SearchStrategy[Any]:
    """Half of the multipart bodies get real files so the success path is exercised; the rest stay as generated."""
    build = _UPLOADS.get(operation_id(context) or "")
    if build is None or not isinstance(body, dict):
        return st.just(body)
    return st.one_of(build(body), st.just(body))


def _negative_form_arrived_valid(case: Case[Any], response: Response) -> bool:
    media_type = (case.media_type or "").split(";")[0].strip().lower()
    request = response.request
    content = request.body.encode() if isinstance(request.body, str) else request.body
    if media_type != "multipart/form-data" or not isinstance(content, bytes):
        return False
    raw = case.operation.definition.raw.get("requestBody") or {}
    document = case.operation.schema.raw_schema
    while "$ref" in raw:
        raw = _pointer(document, raw["$ref"])
    schema = ((raw.get("content") or {}).get(media_type) or {}).get("schema")
    content_type = str(request.headers.get("Content-Type", ""))
    return schema is not None and multipart_is_valid_as_sent(document, schema, content, content_type)


def _pointer(document: Any, ref: str) -> Any:
    node = document
    for part in ref.removeprefix("#").split("/")[1:]:
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


@schemathesis.hook
def filter_failure(context: HookContext, failure: Failure, case: Case[Any], response: Response) -> bool:
    """Drop two kinds of false alarm; every other failure is kept.

    A rejected-positive-data failure whose 400 ``allowances`` explains, and an accepted-negative-data
    failure whose multipart body, read as the server reads form text, is valid after all (``forms``).
    """
    names = getattr(failure, "checks", ())
    if "positive_data_acceptance" in names:
        return rejection_reason(operation_id(context), response.status_code, response.content) is None
    if "negative_data_rejection" in names:
        return not _negative_form_arrived_valid(case, response)
    return True
