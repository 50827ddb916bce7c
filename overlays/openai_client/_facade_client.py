"""The configuration and sending half of the generated `OpenAI` / `AsyncOpenAI` (which add the resources).

Configuration follows `client_from_env`: OPENAI_API_KEY, OPENAI_ORGANIZATION and OPENAI_BASE_URL, explicit
arguments first. Requests go through the transport it installs (retries, then typed errors). A caller's own
`http_client` becomes the innermost transport, under that layer: its proxies, limits, event hooks and transport
carry every request, and retries and typed errors still apply. A client passed in stays the caller's to close.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from contextlib import ExitStack, nullcontext
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx

from ._facade_responses import Parser, RawResponse
from ._facade_runtime import NOT_GIVEN, Body, Headers, NotGiven, Operation, Query, Timeout, build_request
from .config import DEFAULT_TIMEOUT, OpenAIClient, client_from_env
from .error_mapping import connection_error_from
from .exceptions import OpenAIError

__all__ = ["AsyncAPIResource", "AsyncFacadeClient", "SyncAPIResource", "SyncFacadeClient"]

R = TypeVar("R")
DEFAULT_MAX_RETRIES = 2
_NO_FILES = nullcontext()


def _unbound(answer: httpx.Response) -> httpx.Response:
    # A fresh response around the same byte stream: the outer client binds it to its own request.
    stream, extensions = answer.stream, answer.extensions
    return httpx.Response(answer.status_code, headers=answer.headers, stream=stream, extensions=extensions)


class _ThroughClient(httpx.BaseTransport):
    """Sends each request with the caller's httpx.Client, below the retry and error layer; never closes it."""

    def __init__(self, client: httpx.Client) -> None:
        self._client = client

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return _unbound(self._client.send(request, stream=True))


class _AsyncThroughClient(httpx.AsyncBaseTransport):
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return _unbound(await self._client.send(request, stream=True))


class _OwnedPool(httpx.BaseTransport):
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


class _BorrowedPool(httpx.BaseTransport):
    """The connection pool of the client a `with_options` copy came from; that client closes it."""

    def __init__(self, pool: httpx.BaseTransport) -> None:
        self._pool = pool

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._pool.handle_request(request)


class _AsyncBorrowedPool(httpx.AsyncBaseTransport):
    def __init__(self, pool: httpx.AsyncBaseTransport) -> None:
        self._pool = pool

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._pool.handle_async_request(request)


def _options(**options: Any) -> dict[str, Any]:
    return options


class _FacadeConfig:
    """Options shared by both facades: kept as given, so `with_options` can copy them."""

    _options: dict[str, Any]

    def _configure(
        self,
        options: dict[str, Any],
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
    ) -> OpenAIClient:
        self._options = options
        http_client: httpx.Client | httpx.AsyncClient | None = options["http_client"]
        timeout = options["timeout"]
        if isinstance(timeout, NotGiven):
            timeout = http_client.timeout if http_client is not None else DEFAULT_TIMEOUT
        base_url = options["base_url"]
        config = client_from_env(
            options["api_key"],
            organization=options["organization"],
            base_url=None if base_url is None else str(base_url),
            timeout=timeout,
            max_retries=options["max_retries"],
            headers=options["default_headers"],
            transport=transport,
            async_transport=async_transport,
            params=dict(options["default_query"] or {}),
        )
        self._strict: bool = options["strict_response_validation"]
        self.api_key: str = config.token
        self.organization: str | None = config._headers.get("OpenAI-Organization")
        self.max_retries: int = options["max_retries"]
        self.timeout: httpx.Timeout = httpx.Timeout(timeout)
        return config

    def _copy_options(self, changes: dict[str, Any]) -> dict[str, Any]:
        del changes["self"]
        return {**self._options, **{name: value for name, value in changes.items() if value is not NOT_GIVEN}}


def _transport_failure(exc: httpx.TransportError) -> Exception:
    # Failures past the transport (reading a body) are wrapped as the transport wraps its own.
    return exc if isinstance(exc, OpenAIError) else connection_error_from(exc)


class SyncFacadeClient(_FacadeConfig):
    """Configuration, `with_options`, `close()` and the one place requests are sent, for `OpenAI`."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        organization: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx.Client | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        """Keys and URLs default to OPENAI_API_KEY, OPENAI_ORGANIZATION, OPENAI_BASE_URL (then the public API);
        `timeout` to 600 s (5 s to connect); `max_retries` to 2. With `strict_response_validation` an answer
        with a value the spec does not list raises APIResponseValidationError."""
        options = _options(
            api_key=api_key,
            organization=organization,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            strict_response_validation=strict_response_validation,
        )
        self._setup(options, None)

    def _setup(self, options: dict[str, Any], pool: httpx.BaseTransport | None) -> None:
        transport: httpx.BaseTransport
        self._pool: httpx.BaseTransport | None
        if options["http_client"] is not None:
            self._pool, transport = None, _ThroughClient(options["http_client"])
        elif pool is not None:
            self._pool, transport = pool, _BorrowedPool(pool)
        else:
            self._pool = transport = _OwnedPool()
        self._http = self._configure(options, transport=transport).get_httpx_client()
        self.base_url: httpx.URL = self._http.base_url

    def with_options(
        self,
        *,
        api_key: str | NotGiven = NOT_GIVEN,
        organization: str | NotGiven | None = NOT_GIVEN,
        base_url: str | httpx.URL | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | NotGiven = NOT_GIVEN,
        default_query: Mapping[str, object] | NotGiven = NOT_GIVEN,
        http_client: httpx.Client | NotGiven = NOT_GIVEN,
        strict_response_validation: bool | NotGiven = NOT_GIVEN,
    ) -> Self:
        """A new client with these options changed and the others kept; it shares this client's connections
        (closing this client closes them)."""
        copy = object.__new__(type(self))
        copy._setup(self._copy_options(dict(locals())), self._pool)
        return copy

    def _request(
        self,
        operation: Operation,
        parser: Parser[R],
        *,
        path: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        body: Mapping[str, object] | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> R:
        return parser.parse(
            self._send(operation, parser, path, query, body, extra_headers, extra_query, extra_body, timeout),
            self._strict,
        )

    def _request_raw(
        self,
        operation: Operation,
        parser: Parser[R],
        *,
        path: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        body: Mapping[str, object] | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[R]:
        response = self._send(operation, parser, path, query, body, extra_headers, extra_query, extra_body, timeout)
        return RawResponse(response, parser, self._strict)

    def _send(
        self,
        operation: Operation,
        parser: Parser[Any],
        path: Mapping[str, object] | None,
        query: Mapping[str, object] | None,
        body: Mapping[str, object] | None,
        extra_headers: Headers | None,
        extra_query: Query | None,
        extra_body: Body | None,
        timeout: Timeout | NotGiven,
    ) -> httpx.Response:
        # Only uploads open files (paths given as arguments), closed once the request is sent.
        with ExitStack() if operation.multipart else _NO_FILES as stack:
            request = build_request(
                self._http,
                operation,
                path=path,
                query=query,
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                accept=parser.accept,
                stack=stack,
            )
            try:
                response: httpx.Response = self._http.send(request, stream=parser.streamed)
                return response
            except httpx.TransportError as exc:
                raise _transport_failure(exc) from exc

    def close(self) -> None:
        """Close the connections this client opened (a caller's http_client stays open)."""
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncFacadeClient(_FacadeConfig):
    """The asyncio twin of SyncFacadeClient, for `AsyncOpenAI`."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        organization: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx.AsyncClient | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        """The options of OpenAI; `http_client` is an httpx.AsyncClient."""
        options = _options(
            api_key=api_key,
            organization=organization,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            strict_response_validation=strict_response_validation,
        )
        self._setup(options, None)

    def _setup(self, options: dict[str, Any], pool: httpx.AsyncBaseTransport | None) -> None:
        transport: httpx.AsyncBaseTransport
        self._pool: httpx.AsyncBaseTransport | None
        if options["http_client"] is not None:
            self._pool, transport = None, _AsyncThroughClient(options["http_client"])
        elif pool is not None:
            self._pool, transport = pool, _AsyncBorrowedPool(pool)
        else:
            self._pool = transport = httpx.AsyncHTTPTransport()
        self._http = self._configure(options, async_transport=transport).get_async_httpx_client()
        self.base_url: httpx.URL = self._http.base_url

    def with_options(
        self,
        *,
        api_key: str | NotGiven = NOT_GIVEN,
        organization: str | NotGiven | None = NOT_GIVEN,
        base_url: str | httpx.URL | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | NotGiven = NOT_GIVEN,
        default_query: Mapping[str, object] | NotGiven = NOT_GIVEN,
        http_client: httpx.AsyncClient | NotGiven = NOT_GIVEN,
        strict_response_validation: bool | NotGiven = NOT_GIVEN,
    ) -> Self:
        """A new client with these options changed and the others kept; it shares this client's connections
        (closing this client closes them)."""
        copy = object.__new__(type(self))
        copy._setup(self._copy_options(dict(locals())), self._pool)
        return copy

    async def _request(
        self,
        operation: Operation,
        parser: Parser[R],
        *,
        path: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        body: Mapping[str, object] | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> R:
        response = await self._send(
            operation, parser, path, query, body, extra_headers, extra_query, extra_body, timeout
        )
        return parser.parse(response, self._strict)

    async def _request_raw(
        self,
        operation: Operation,
        parser: Parser[R],
        *,
        path: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        body: Mapping[str, object] | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> RawResponse[R]:
        response = await self._send(
            operation, parser, path, query, body, extra_headers, extra_query, extra_body, timeout
        )
        return RawResponse(response, parser, self._strict)

    async def _send(
        self,
        operation: Operation,
        parser: Parser[Any],
        path: Mapping[str, object] | None,
        query: Mapping[str, object] | None,
        body: Mapping[str, object] | None,
        extra_headers: Headers | None,
        extra_query: Query | None,
        extra_body: Body | None,
        timeout: Timeout | NotGiven,
    ) -> httpx.Response:
        # Only uploads open files (paths given as arguments), closed once the request is sent.
        with ExitStack() if operation.multipart else _NO_FILES as stack:
            request = build_request(
                self._http,
                operation,
                path=path,
                query=query,
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                accept=parser.accept,
                stack=stack,
            )
            try:
                return await self._http.send(request, stream=parser.streamed)
            except httpx.TransportError as exc:
                raise _transport_failure(exc) from exc

    async def close(self) -> None:
        """Close the connections this client opened (a caller's http_client stays open)."""
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


class SyncAPIResource:
    """Base of the generated sync resources: holds the client that sends their requests."""

    def __init__(self, client: SyncFacadeClient) -> None:
        self._client = client


class AsyncAPIResource:
    """Base of the generated async resources."""

    def __init__(self, client: AsyncFacadeClient) -> None:
        self._client = client
