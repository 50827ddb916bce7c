"""Shared helpers for the overlay tests: in-process clients, recording streams, SSE and multipart."""

from __future__ import annotations

import itertools
import json
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
from python_multipart import MultipartParser

from openai_client.config import OpenAIClient, client_from_env
from openai_client.retries import RetryPolicy

API_KEY = "sk-test-8f3a1c0ffee5ecret"

Handler = Callable[[httpx.Request], httpx.Response]


@dataclass
class Sleeps:
    """Records the waits a RetryPolicy asks for instead of waiting."""

    delays: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)

    async def asleep(self, seconds: float) -> None:
        self.delays.append(seconds)


def quiet_policy(sleeps: Sleeps | None = None, **kwargs: Any) -> RetryPolicy:
    """A RetryPolicy that never really sleeps and has no jitter."""
    sleeps = sleeps if sleeps is not None else Sleeps()
    return RetryPolicy(sleep=sleeps, async_sleep=sleeps.asleep, jitter=lambda d: d, **kwargs)


def make_client(handler: Handler, *, policy: RetryPolicy | None = None, **kwargs: Any) -> OpenAIClient:
    transport = httpx.MockTransport(handler)
    return client_from_env(
        API_KEY,
        base_url="https://api.example.test/v1",
        transport=transport,
        async_transport=transport,
        retry_policy=policy if policy is not None else quiet_policy(),
        env={},
        **kwargs,
    )


class RecordingStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body handed out piece by piece, remembering how far it was read and if it was closed."""

    def __init__(self, pieces: Sequence[bytes], fail_with: Exception | None = None) -> None:
        self.pieces = list(pieces)
        self.fail_with = fail_with
        self.consumed = 0
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        for piece in self.pieces:
            self.consumed += 1
            yield piece
        if self.fail_with is not None:
            raise self.fail_with

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self.pieces:
            self.consumed += 1
            yield piece
        if self.fail_with is not None:
            raise self.fail_with

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


class WireTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Consumes request bodies piece by piece as a socket would (MockTransport joins them first),
    recording the stream type and the largest piece; `keep_body=False` for huge uploads."""

    def __init__(self, handler: Callable[[httpx.Request, bytes], httpx.Response], keep_body: bool = True) -> None:
        self.handler = handler
        self.keep_body = keep_body
        self.stream_types: list[type] = []
        self.sizes: list[int] = []
        self.largest_piece = 0
        self.pieces = 0

    def _take(self, request: httpx.Request, body: bytearray, piece: bytes) -> None:
        self.pieces += 1
        self.largest_piece = max(self.largest_piece, len(piece))
        self.sizes[-1] += len(piece)
        if self.keep_body:
            body += piece

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.stream_types.append(type(request.stream))
        self.sizes.append(0)
        body = bytearray()
        assert isinstance(request.stream, httpx.SyncByteStream)
        for piece in request.stream:
            self._take(request, body, piece)
        return self.handler(request, bytes(body))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.stream_types.append(type(request.stream))
        self.sizes.append(0)
        body = bytearray()
        assert isinstance(request.stream, httpx.AsyncByteStream)
        async for piece in request.stream:
            self._take(request, body, piece)
        return self.handler(request, bytes(body))


def wire_client(transport: WireTransport, **kwargs: Any) -> OpenAIClient:
    return client_from_env(
        API_KEY,
        base_url="https://api.example.test/v1",
        transport=transport,
        async_transport=transport,
        retry_policy=kwargs.pop("policy", quiet_policy()),
        env={},
        **kwargs,
    )


def sse_response(stream: RecordingStream, status: int = 200) -> httpx.Response:
    return httpx.Response(status, headers={"content-type": "text/event-stream; charset=utf-8"}, stream=stream)


def sse_bytes(*payloads: object, done: bool = True, newline: str = "\n") -> bytes:
    """Events as the server writes them: `data: <json>` then a blank line, ending with [DONE]."""
    lines = [f"data: {json.dumps(p) if not isinstance(p, str) else p}{newline}{newline}" for p in payloads]
    if done:
        lines.append(f"data: [DONE]{newline}{newline}")
    return "".join(lines).encode()


def split_at(data: bytes, *cuts: int) -> list[bytes]:
    """`data` cut at the given offsets (odd places: mid-line, mid-`data:`, between CR and LF)."""
    points = [0, *sorted(cuts), len(data)]
    return [data[a:b] for a, b in itertools.pairwise(points) if b > a]


def chat_chunk(
    content: str | None = None, role: str | None = None, finish: str | None = None, index: int = 0
) -> dict[str, Any]:
    delta: dict[str, Any] = {}
    if role is not None:
        delta["role"] = role
    if content is not None:
        delta["content"] = content
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1_690_000_000,
        "model": "gpt-3.5-turbo",
        "choices": [{"index": index, "delta": delta, "finish_reason": finish}],
    }


@dataclass
class Part:
    name: str
    filename: str | None
    content_type: str | None
    data: bytes


def parse_multipart(request: httpx.Request, body: bytes) -> dict[str, Part]:
    """Parse a multipart/form-data body with python-multipart (as the server would)."""
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    boundary = content_type.split("boundary=", 1)[1].strip('"')
    parts: dict[str, Part] = {}
    state: dict[str, Any] = {}

    def on_part_begin() -> None:
        state.update(headers={}, data=bytearray(), field=b"", value=b"")

    def on_header_field(data: bytes, start: int, end: int) -> None:
        state["field"] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        state["value"] += data[start:end]

    def on_header_end() -> None:
        state["headers"][state["field"].decode().lower()] = state["value"].decode()
        state.update(field=b"", value=b"")

    def on_part_data(data: bytes, start: int, end: int) -> None:
        state["data"] += data[start:end]

    def on_part_end() -> None:
        disposition = state["headers"]["content-disposition"]
        params = dict(item.strip().split("=", 1) for item in disposition.split(";")[1:] if "=" in item)
        name = params["name"].strip('"')
        filename = params["filename"].strip('"') if "filename" in params else None
        parts[name] = Part(name, filename, state["headers"].get("content-type"), bytes(state["data"]))

    parser = MultipartParser(
        boundary,
        callbacks={
            "on_part_begin": on_part_begin,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
            "on_part_data": on_part_data,
            "on_part_end": on_part_end,
        },
    )
    parser.write(body)
    parser.finalize()
    return parts
