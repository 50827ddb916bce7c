"""What a client sent: one ``RecordedCall`` per request, with its body parsed and its key masked."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import orjson
from starlette.requests import Request
from starlette.types import Receive, Scope

from ..errors import MockAPIError
from ..http.gateway import mask_key
from ..http.multipart import MemorySink, Sink, read_multipart

__all__ = ["RecordedCall", "UploadedFile", "record_call", "replay_body"]

# The journal keeps uploaded files whole: tests assert on their content.
_UPLOAD_LIMIT = 1 << 30


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart body."""

    filename: str
    content_type: str | None
    content: bytes

    def to_json(self) -> dict[str, Any]:
        return {
            "filename": self.filename,
            "content_type": self.content_type,
            "size": len(self.content),
            "content_base64": base64.b64encode(self.content).decode("ascii"),
        }


@dataclass
class RecordedCall:
    """One request as the mock received it, and the status it answered.

    ``body`` is the parsed JSON body, the multipart form (text fields as strings, file parts as
    ``UploadedFile``), or ``None`` without a body. ``headers`` have lower-case names; the key in
    ``authorization`` is masked as the real API echoes it (``Bearer sk-...abcd``).
    """

    operation_id: str | None
    facade_name: str | None
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any
    content: bytes = field(repr=False)
    status: int | None = None

    @property
    def json(self) -> Any:
        """The JSON body (an alias of ``body`` that reads well in assertions)."""
        return self.body

    @property
    def stream(self) -> bool:
        """Whether the request asked for a streamed answer."""
        if isinstance(self.body, dict) and self.body.get("stream") is True:
            return True
        return self.query.get("stream") == "true"

    def to_json(self) -> dict[str, Any]:
        body = self.body
        if isinstance(body, dict):
            body = {k: v.to_json() if isinstance(v, UploadedFile) else v for k, v in body.items()}
        return {
            "operation_id": self.operation_id,
            "facade_name": self.facade_name,
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "headers": self.headers,
            "body": body,
            "status": self.status,
        }


def _masked(name: str, value: str) -> str:
    if name != "authorization":
        return value
    scheme, _, key = value.partition(" ")
    return f"{scheme} {mask_key(key.strip())}" if key.strip() else value


def replay_body(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands over ``body`` once, then the client's own messages (disconnect)."""
    sent = False

    async def replay() -> Any:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _form(scope: Scope, body: bytes, receive: Receive) -> dict[str, Any] | None:
    sinks: dict[str, tuple[str, str | None, MemorySink]] = {}

    def too_large() -> Exception:
        return ValueError("upload too large for the journal")

    def open_sink(name: str, filename: str, content_type: str | None) -> Sink | None:
        if not filename:
            return None  # a text field
        sink = MemorySink(_UPLOAD_LIMIT, too_large)
        sinks[name] = (filename, content_type, sink)
        return sink

    try:
        form = await read_multipart(Request(scope, replay_body(body, receive)), open_sink)
    except (MockAPIError, ValueError):
        return None  # the route answers the parse error; the journal keeps the raw bytes
    out: dict[str, Any] = dict(form.fields)
    for name, (filename, content_type, sink) in sinks.items():
        out[name] = UploadedFile(filename, content_type, sink.getvalue())
    return out


async def _parse(scope: Scope, headers: Mapping[str, str], body: bytes, receive: Receive) -> Any:
    if not body:
        return None
    media = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media == "multipart/form-data":
        return await _form(scope, body, receive)
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        return None


async def record_call(
    scope: Scope, body: bytes, receive: Receive, operation_id: str | None, facade_name: str | None
) -> RecordedCall:
    headers: dict[str, str] = {}
    for raw_name, raw_value in scope["headers"]:
        name = raw_name.decode("latin-1").lower()
        headers[name] = _masked(name, raw_value.decode("latin-1"))
    query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True))
    return RecordedCall(
        operation_id,
        facade_name,
        scope["method"],
        scope["path"],
        query,
        headers,
        await _parse(scope, headers, body, receive),
        body,
    )
