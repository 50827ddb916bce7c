"""Helpers for the mock's HTTP tests: an in-process sync client and a check of responses against the spec."""

from __future__ import annotations

import io
import json
import re
import struct
import wave
import zlib
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

import anyio.from_thread
import httpx
from starlette.applications import Starlette

from openai_mock.app import create_app
from openai_mock.config import MockConfig
from openai_mock.spec import load_spec

API_KEY = "sk-test-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {API_KEY}"}
SPEC = load_spec()


class _AsyncBody(httpx.AsyncByteStream):
    """A sync request body (a generator, say) read by the async transport."""

    def __init__(self, stream: httpx.SyncByteStream) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._stream:
            yield chunk


class PortalTransport(httpx.BaseTransport):
    """Runs each request through ``httpx.ASGITransport`` on an event loop in a helper thread."""

    def __init__(self, app: Starlette, portal: anyio.from_thread.BlockingPortal) -> None:
        self._inner = httpx.ASGITransport(app=app)
        self._portal = portal

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not isinstance(request.stream, httpx.AsyncByteStream):
            assert isinstance(request.stream, httpx.SyncByteStream)
            request.stream = _AsyncBody(request.stream)

        async def run() -> tuple[int, list[tuple[bytes, bytes]], bytes]:
            response = await self._inner.handle_async_request(request)
            body = await response.aread()
            return response.status_code, response.headers.raw, body

        status, headers, body = self._portal.call(run)
        return httpx.Response(status, headers=headers, content=body, request=request)


@contextmanager
def mock_client(config: MockConfig | None = None, *, auth: bool = True) -> Iterator[tuple[httpx.Client, Starlette]]:
    """A client of a fresh in-process mock at ``http://mock/v1``; the store is closed afterwards."""
    app = create_app(config or MockConfig(fine_tune_duration=0.4))
    try:
        with anyio.from_thread.start_blocking_portal() as portal:
            transport = PortalTransport(app, portal)
            with httpx.Client(transport=transport, base_url="http://mock/v1", headers=AUTH if auth else {}) as client:
                yield client, app
    finally:
        app.state.services.close()


# -- the spec check ---------------------------------------------------------------------------------


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _operation(method: str, path: str) -> tuple[str, dict[str, Any]]:
    paths: dict[str, Any] = SPEC.document["paths"]
    for template, item in paths.items():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path) and method in item:
            return f"/paths/{_escape(template)}/{method}", item[method]
    raise AssertionError(f"{method.upper()} {path} is not an operation of the spec")


def sse_events(text: str) -> list[dict[str, str]]:
    """The events of an SSE body, each as ``{"data": ..., "event": ...}``."""
    events = []
    for block in text.split("\n\n"):
        if not block.strip():
            continue
        event: dict[str, str] = {}
        for line in block.split("\n"):
            field, _, value = line.partition(": ")
            event[field] = event[field] + "\n" + value if field in event else value
        events.append(event)
    return events


def conforms(response: httpx.Response) -> httpx.Response:
    """Assert that the response is one the spec declares: status, content type, body schema, headers."""
    path = response.request.url.path.removeprefix("/v1")
    pointer, operation = _operation(response.request.method.lower(), path)
    responses = operation["responses"]
    code = str(response.status_code)
    assert code in responses or "default" in responses, f"status {code} is not declared for {pointer}"
    key = code if code in responses else "default"
    declared = responses[key]
    pointer = f"{pointer}/responses/{key}"
    if "$ref" in declared:
        pointer = declared["$ref"].removeprefix("#")
        declared = SPEC.document["components"]["responses"][pointer.rsplit("/", 1)[-1]]
    media = response.headers["content-type"].split(";")[0].strip()
    assert media in declared["content"], f"{media} is not declared for {pointer}"
    validator = SPEC.pointer_validator(f"{pointer}/content/{_escape(media)}/schema")
    if media == "application/json":
        errors = [e.message for e in validator.iter_errors(response.json())]
        assert not errors, errors
    elif media == "text/event-stream":
        for event in sse_events(response.text):
            assert not [e.message for e in validator.iter_errors(event)], event
            if event["data"] != "[DONE]":
                event_schema = SPEC.resolve(declared["content"][media]["schema"])
                branches = event_schema["properties"]["data"]["anyOf"]
                content_schema = next(b["contentSchema"] for b in branches if "contentSchema" in b)
                inner = SPEC.validator(content_schema["$ref"].rsplit("/", 1)[-1])
                assert not [e.message for e in inner.iter_errors(json.loads(event["data"]))], event
    for name, header in declared.get("headers", {}).items():
        value = response.headers.get(name)
        schema = (
            SPEC.resolve(header)["schema"]
            if "$ref" not in header
            else SPEC.resolve(SPEC.document["components"]["headers"][header["$ref"].rsplit("/", 1)[-1]])["schema"]
        )
        if value is not None and schema.get("type") == "integer":
            assert value.isdigit(), f"header {name}: {value!r} is not an integer"
    return response


def error_of(response: httpx.Response, status: int) -> dict[str, Any]:
    """The error object of a failed response, after checking status and spec conformance."""
    assert response.status_code == status, (response.status_code, response.text)
    conforms(response)
    error: dict[str, Any] = response.json()["error"]
    return error


# -- test files -------------------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int | None = None, *, alpha: bool = False) -> bytes:
    """A small valid PNG (RGBA with a transparent first row when ``alpha``)."""
    height = height or width
    channels = 4 if alpha else 3
    rows = []
    for y in range(height):
        pixel = bytes([200, 100, 50] + ([0 if y == 0 else 255] if alpha else []))
        rows.append(b"\x00" + pixel * width)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6 if alpha else 2, 0, 0, 0)
    assert len(rows[0]) == 1 + width * channels
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + _chunk(b"IEND", b"")
    )


def wav(seconds: float = 2.0, rate: int = 8000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\x00\x00" * int(seconds * rate))
    return buffer.getvalue()


def jsonl(count: int = 3) -> bytes:
    return b"".join(json.dumps({"prompt": f"q{i} ->", "completion": f" a{i}\n"}).encode() + b"\n" for i in range(count))


def document(text: str = "meeting notes", *, size: int | None = None) -> bytes:
    """A file of purpose ``search`` or ``answers``: one document line; ``size`` pads its text to that many bytes."""
    line = json.dumps({"text": text}).encode() + b"\n"
    if size is not None:
        line = json.dumps({"text": text + "x" * (size - len(line))}).encode() + b"\n"
    return line
