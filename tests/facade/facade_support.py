"""Shared helpers for the facade tests: clients on a recording httpx.MockTransport, and on the mock server."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import numpy as np

from openai_client import AsyncOpenAI, OpenAI
from openai_mock.app import create_app
from openai_mock.config import MockConfig
from openai_mock.media.pngcodec import encode_png

API_KEY = "sk-facade-test"
BASE_URL = "https://api.example.test/v1"
Handler = Callable[[httpx.Request], httpx.Response]


@dataclass
class Recorder:
    """Answers every request with `answer(request)` and keeps the requests (bodies read)."""

    answer: Handler = field(default=lambda request: httpx.Response(200, json={}))
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        return self.answer(request)

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]

    def last_json(self) -> Any:
        return json.loads(self.last.content)


def answering(payload: object, status: int = 200, headers: dict[str, str] | None = None) -> Recorder:
    return Recorder(lambda request: httpx.Response(status, json=payload, headers=headers))


@contextmanager
def recorded_client(recorder: Recorder, **options: Any) -> Iterator[OpenAI]:
    """An OpenAI whose own http_client answers through `recorder` (so the retry and error layer is on top)."""
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    options.setdefault("max_retries", 0)
    with http, OpenAI(api_key=API_KEY, base_url=BASE_URL, http_client=http, **options) as client:
        yield client


@asynccontextmanager
async def recorded_async_client(recorder: Recorder, **options: Any) -> AsyncIterator[AsyncOpenAI]:
    http = httpx.AsyncClient(transport=httpx.MockTransport(recorder))
    options.setdefault("max_retries", 0)
    async with http, AsyncOpenAI(api_key=API_KEY, base_url=BASE_URL, http_client=http, **options) as client:
        yield client


@asynccontextmanager
async def async_mock_client(**config: Any) -> AsyncIterator[AsyncOpenAI]:
    """An AsyncOpenAI on the mock's ASGI app, in process (streams arrive whole, at the end)."""
    app = create_app(MockConfig(api_keys=(API_KEY,), **config))
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app))
    try:
        async with http, AsyncOpenAI(api_key=API_KEY, base_url="http://mock/v1", http_client=http) as client:
            yield client
    finally:
        app.state.services.close()  # ASGITransport runs no lifespan, which would close the store


CHAT_MESSAGES: list[dict[str, str]] = [{"role": "user", "content": "Say hi"}]
TRAINING = b'{"prompt": "2+2=", "completion": " 4"}\n{"prompt": "3+3=", "completion": " 6"}\n'
AUDIO = b"ID3" + bytes(4000)


def sse(*chunks: object) -> bytes:
    return b"".join(f"data: {json.dumps(chunk)}\n\n".encode() for chunk in chunks) + b"data: [DONE]\n\n"


def transparent_png(side: int = 256) -> bytes:
    """A fully transparent square RGBA PNG: a mask that lets an edit redraw everything."""
    return encode_png(np.zeros((side, side, 4), dtype=np.uint8))
