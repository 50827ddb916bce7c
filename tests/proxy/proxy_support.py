"""Helpers of the proxy tests: the proxy in process in front of the mock or a deliberately broken upstream."""

from __future__ import annotations

import io
import json
import struct
import wave
import zlib
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from openai_mock.app import create_app
from openai_mock.config import MockConfig
from openai_mock.proxy import ProxyConfig, ProxyReport, create_proxy_app
from openai_mock.server import MockServer

API_KEY = "sk-proxy-tests-0123456789"
AUTH = {"Authorization": f"Bearer {API_KEY}"}
CHAT = {"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "Say hello"}], "max_tokens": 12}
RATE_HEADERS = {
    "x-ratelimit-limit-requests": "3500",
    "x-ratelimit-limit-tokens": "90000",
    "x-ratelimit-remaining-requests": "3499",
    "x-ratelimit-remaining-tokens": "89990",
    "x-ratelimit-reset-requests": "17ms",
    "x-ratelimit-reset-tokens": "6ms",
}


def png(side: int = 4) -> bytes:
    """A square RGBA PNG whose pixels are all transparent (an edit without a mask draws there)."""

    def part(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes([10, 20, 30, 0]) * side for _ in range(side))
    header = struct.pack(">IIBBBBB", side, side, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + part(b"IHDR", header) + part(b"IDAT", zlib.compress(rows)) + part(b"IEND", b"")


def wav(seconds: float = 1.0, rate: int = 8000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\x00\x00" * int(seconds * rate))
    return buffer.getvalue()


def chunk(content: str, index: Any = 0, finish: str | None = None) -> dict[str, Any]:
    delta = {"content": content} if content else {}
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1677652288,
        "model": "gpt-3.5-turbo",
        "choices": [{"index": index, "delta": delta, "finish_reason": finish}],
    }


def sse(*payloads: Any) -> bytes:
    return b"".join(
        b"data: " + (p.encode() if isinstance(p, str) else json.dumps(p).encode()) + b"\n\n" for p in payloads
    )


def _model(**fields: Any) -> dict[str, Any]:
    return {"id": "gpt-3.5-turbo", "object": "model", "created": 1677610602, "owned_by": "openai", **fields}


def broken_upstream() -> Starlette:
    """An API that gets one thing wrong per route, each a fault the proxy must report."""

    async def list_models(request: Request) -> Response:  # a wrong type: created is a string
        return JSONResponse({"object": "list", "data": [_model(), _model(id="davinci", created="yesterday")]})

    async def retrieve_model(request: Request) -> Response:  # a required field missing
        model = _model(id=request.path_params["model"])
        del model["owned_by"]
        return JSONResponse(model)

    async def chat(request: Request) -> Response:  # a bad event mid-stream, then no [DONE]
        body = await request.json()
        if not body.get("stream"):
            return JSONResponse({"error": "no"}, status_code=200, headers={"x-ratelimit-limit-requests": "many"})
        events = sse(chunk(""), chunk("Hel"), chunk("lo", index="zero"), chunk("", finish="stop"))
        return Response(events, media_type="text/event-stream", headers=RATE_HEADERS)

    async def embeddings(request: Request) -> Response:  # a status the spec does not declare
        return JSONResponse({"error": {"message": "I'm a teapot", "type": "teapot"}}, status_code=418)

    async def moderations(request: Request) -> Response:  # a content type the spec does not declare
        return Response("flagged: no", media_type="text/plain")

    async def completions(request: Request) -> Response:  # a correct stream, with a field the spec does not know
        good = {
            "future_field": {"id": "fp_1"},
            "id": "cmpl-1",
            "object": "text_completion",
            "created": 1,
            "model": "text-davinci-003",
            "choices": [{"text": "Hi", "index": 0, "logprobs": None, "finish_reason": None}],
        }

        async def events() -> AsyncIterator[bytes]:
            yield sse(good)
            yield sse("[DONE]")

        return StreamingResponse(events(), media_type="text/event-stream")

    async def fine_tune_events(request: Request) -> Response:  # data that is not JSON, an event after [DONE]
        events = b"data: not json\n\n" + sse("[DONE]") + b'data: {"late": true}\n\n'
        return Response(events, media_type="text/event-stream")

    return Starlette(
        routes=[
            Route("/v1/fine-tunes/{fine_tune_id}/events", fine_tune_events),
            Route("/v1/models", list_models),
            Route("/v1/models/{model}", retrieve_model),
            Route("/v1/chat/completions", chat, methods=["POST"]),
            Route("/v1/embeddings", embeddings, methods=["POST"]),
            Route("/v1/moderations", moderations, methods=["POST"]),
            Route("/v1/completions", completions, methods=["POST"]),
        ]
    )


@asynccontextmanager
async def proxied(
    upstream: Starlette | None = None, **options: Any
) -> AsyncIterator[tuple[httpx.AsyncClient, ProxyReport]]:
    """A client of the proxy at ``http://proxy/v1``, in process, in front of ``upstream`` (default: a fresh mock)."""
    mock = upstream or create_app(MockConfig(fine_tune_duration=0.2))
    app = create_proxy_app(ProxyConfig("http://upstream/v1", **options), httpx.ASGITransport(app=mock))
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://proxy/v1", headers=AUTH) as client:
            yield client, app.state.report
    finally:
        await app.state.proxy.client.aclose()
        if upstream is None:
            mock.state.services.close()


def kinds(report: ProxyReport, operation: str) -> dict[str, int]:
    seen: dict[str, int] = report.to_dict()["operations"].get(operation, {}).get("violations", {})
    return seen


def violations_of(report: ProxyReport, operation: str) -> list[dict[str, Any]]:
    return [v for v in report.to_dict()["recent_violations"] if v["operation"] == operation]


def exchange_files(directory: Path) -> Iterator[dict[str, Any]]:
    for path in sorted(directory.glob("*.json")):
        yield json.loads(path.read_text(encoding="utf-8"))


class BrokenServer(MockServer):
    """``broken_upstream()`` served on a free 127.0.0.1 port, like ``MockServer``."""

    def _app(self) -> Any:
        return broken_upstream()
