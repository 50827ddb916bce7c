"""Transports under the facade's retry and error layer: a caller's own httpx client, or the shared connections.

A caller's `http_client` becomes the innermost transport: its proxies, limits, event hooks and transport carry
every request, and retries and typed errors (installed above it by `client_from_env`) still apply. The facade
never closes it. Without one, a client owns a pool of connections that its `with_options` copies borrow.
"""

from __future__ import annotations

import contextlib

import httpx

__all__ = ["AsyncBorrowedPool", "AsyncThroughClient", "BorrowedPool", "OwnedPool", "ThroughClient"]


def _unbound(answer: httpx.Response) -> httpx.Response:
    # A fresh response around the same byte stream: the outer client binds it to its own request.
    stream, extensions = answer.stream, answer.extensions
    return httpx.Response(answer.status_code, headers=answer.headers, stream=stream, extensions=extensions)


def _plain(client: httpx.Client | httpx.AsyncClient) -> bool:
    """No auth, redirects or event hooks: `send()` would only hand the request to the client's transport."""
    return client.auth is None and not client.follow_redirects and not any(client.event_hooks.values())


class ThroughClient(httpx.BaseTransport):
    """Sends each request with the caller's httpx.Client, below the retry and error layer; never closes it."""

    def __init__(self, client: httpx.Client) -> None:
        self._client = client

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if _plain(self._client):
            # Straight to the transport (or proxy mount) send() would pick, without its per-call bookkeeping.
            return self._client._transport_for_url(request.url).handle_request(request)
        return _unbound(self._client.send(request, stream=True))


class AsyncThroughClient(httpx.AsyncBaseTransport):
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if _plain(self._client):
            return await self._client._transport_for_url(request.url).handle_async_request(request)
        return _unbound(await self._client.send(request, stream=True))


class OwnedPool(httpx.BaseTransport):
    """The connections of a client and its `with_options` copies: closed by `close()`, or once none of them is
    left (a module-level client is seldom closed by hand)."""

    def __init__(self) -> None:
        self._pool = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._pool.handle_request(request)

    def close(self) -> None:
        self._pool.close()

    def __del__(self) -> None:
        # The interpreter may be shutting down: nothing is left to tell about a failure.
        with contextlib.suppress(Exception):
            self._pool.close()


class BorrowedPool(httpx.BaseTransport):
    """The connection pool of the client a `with_options` copy came from; that client closes it."""

    def __init__(self, pool: httpx.BaseTransport) -> None:
        self._pool = pool

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._pool.handle_request(request)


class AsyncBorrowedPool(httpx.AsyncBaseTransport):
    def __init__(self, pool: httpx.AsyncBaseTransport) -> None:
        self._pool = pool

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._pool.handle_async_request(request)
