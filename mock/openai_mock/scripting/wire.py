"""ASGI plumbing of the scripting layer: whole bodies in, captured answers, JSON and event-stream answers out."""

from __future__ import annotations

import math
from typing import Any

import orjson
from starlette.types import Message, Receive, Scope, Send

from ..http.faults import Fault, fault_error
from .journal import RecordedCall
from .steps import Failure

__all__ = [
    "Captured",
    "Headers",
    "encoded",
    "failure_answer",
    "kept_headers",
    "read_body",
    "send_bytes",
    "send_events",
    "unstreamed",
]

Headers = list[tuple[bytes, bytes]]


async def read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


class Captured:
    """A whole response collected from the app."""

    def __init__(self) -> None:
        self.status = 500
        self.headers: Headers = []
        self.body = b""

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            self.body += message.get("body", b"")

    def json(self) -> Any:
        media = dict(self.headers).get(b"content-type", b"").split(b";")[0].strip()
        if media != b"application/json":
            return None
        try:
            return orjson.loads(self.body)
        except orjson.JSONDecodeError:
            return None


def kept_headers(headers: Headers) -> Headers:
    return [(k, v) for k, v in headers if k.lower() not in (b"content-type", b"content-length")]


async def send_bytes(send: Send, status: int, body: bytes, media: str, headers: Headers) -> None:
    pairs = [(b"content-type", media.encode()), (b"content-length", str(len(body)).encode()), *headers]
    await send({"type": "http.response.start", "status": status, "headers": pairs})
    await send({"type": "http.response.body", "body": body})


async def send_events(send: Send, events: list[bytes], headers: Headers) -> None:
    pairs = [(b"content-type", b"text/event-stream; charset=utf-8"), (b"cache-control", b"no-cache"), *headers]
    await send({"type": "http.response.start", "status": 200, "headers": pairs})
    for event in events:
        await send({"type": "http.response.body", "body": event, "more_body": True})
    await send({"type": "http.response.body", "body": b""})


def failure_answer(step: Failure) -> tuple[int, dict[str, Any], dict[str, str]]:
    """Status, body and headers of a scripted failure (the injected fault's wording unless told)."""
    status, body, _ = fault_error(Fault(status=step.status))
    headers: dict[str, str] = {}
    if step.retry_after is not None:
        headers["retry-after"] = str(math.ceil(step.retry_after))
        headers["retry-after-ms"] = str(round(step.retry_after * 1000))
    error: dict[str, Any] = dict(body["error"])  # type: ignore[call-overload]
    body = {"error": error}
    if step.message is not None:
        error["message"] = step.message
    elif step.status == 429:
        error["message"] = "Rate limit reached for requests. Please try again later."
    if step.type is not None:
        error["type"] = step.type
    if step.code is not None:
        error["code"] = step.code
    return status, body, headers


def unstreamed(scope: Scope, body: bytes, call: RecordedCall) -> tuple[Scope, bytes]:
    """The same request asking for a whole answer (the script is streamed from it afterwards)."""
    if isinstance(call.body, dict) and call.body.get("stream") is True:
        body = orjson.dumps({**call.body, "stream": False})
        headers = [(k, v) for k, v in scope["headers"] if k != b"content-length"]
        scope = {**scope, "headers": [*headers, (b"content-length", str(len(body)).encode())]}
    if call.query.get("stream") == "true":
        query = scope.get("query_string", b"").replace(b"stream=true", b"stream=false")
        scope = {**scope, "query_string": query}
    return scope, body


def encoded(headers: dict[str, str]) -> Headers:
    return [(k.encode(), v.encode()) for k, v in headers.items()]
