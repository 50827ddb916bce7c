"""The sending half of the generated `OpenAI` (which adds the resources): `with_options`, `close()`, and the one
place its requests are built, sent and parsed. `_facade_async` is the asyncio twin.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import ExitStack, nullcontext
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx

from ._facade_config import DEFAULT_MAX_RETRIES, FacadeConfig, facade_options, transport_failure
from ._facade_responses import Parser, RawResponse
from ._facade_runtime import NOT_GIVEN, Body, Headers, NotGiven, Operation, Query, Timeout, build_request
from ._facade_transports import BorrowedPool, OwnedPool, ThroughClient
from .exceptions import ConfigurationError

__all__ = ["SyncAPIResource", "SyncFacadeClient"]

R = TypeVar("R")
_NO_FILES = nullcontext()


class SyncFacadeClient(FacadeConfig):
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
        options = facade_options(
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
            if not isinstance(options["http_client"], httpx.Client):
                kind = type(options["http_client"]).__name__
                raise ConfigurationError(f"http_client must be an httpx.Client, not {kind}")
            self._pool, transport = None, ThroughClient(options["http_client"])
        elif pool is not None:
            self._pool, transport = pool, BorrowedPool(pool)
        else:
            self._pool = transport = OwnedPool()
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
                streamed=parser.streamed,
                stack=stack,
            )
            try:
                response: httpx.Response = self._http.send(request, stream=parser.streamed)
                return response
            except httpx.TransportError as exc:
                raise transport_failure(exc) from exc

    def close(self) -> None:
        """Close the connections this client opened (a caller's http_client stays open)."""
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class SyncAPIResource:
    """Base of the generated sync resources: holds the client that sends their requests."""

    def __init__(self, client: SyncFacadeClient) -> None:
        self._client = client
