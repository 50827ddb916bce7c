"""A sync httpx transport into an ASGI app, which runs on an event loop in a helper thread."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import anyio.from_thread
import httpx
from starlette.types import ASGIApp

__all__ = ["BridgeTransport"]


class _AsyncBody(httpx.AsyncByteStream):
    """A sync request body (bytes, a multipart form streamed from disk) read by the async transport."""

    def __init__(self, stream: httpx.SyncByteStream) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._stream:
            yield chunk


class BridgeTransport(httpx.BaseTransport):
    """Each request goes through ``httpx.ASGITransport`` on the helper thread's loop; the answer
    comes back whole (a stream's events all at once, at its end)."""

    def __init__(self, app: ASGIApp) -> None:
        self._inner = httpx.ASGITransport(app=app)
        self._stack = contextlib.ExitStack()
        self._portal: anyio.from_thread.BlockingPortal | None = None

    def _started(self) -> anyio.from_thread.BlockingPortal:
        if self._portal is None:
            self._portal = self._stack.enter_context(anyio.from_thread.start_blocking_portal())
        return self._portal

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not isinstance(request.stream, httpx.AsyncByteStream):
            assert isinstance(request.stream, httpx.SyncByteStream)
            request.stream = _AsyncBody(request.stream)

        async def run() -> tuple[int, list[tuple[bytes, bytes]], bytes]:
            response = await self._inner.handle_async_request(request)
            try:
                body = await response.aread()
            finally:
                await response.aclose()
            return response.status_code, response.headers.raw, body

        status, headers, body = self._started().call(run)
        return httpx.Response(status, headers=headers, content=body, request=request)

    def close(self) -> None:
        """Stops the helper thread (the transport can be used again afterwards: it starts anew)."""
        self._portal = None
        self._stack.close()
