"""The transport `client_from_env` installs: retries, then typed errors, for sync and async alike.

The generated client hands the same `httpx_args` to its `httpx.Client` and its
`httpx.AsyncClient`, so one object serves both: it is a `BaseTransport` and an
`AsyncBaseTransport`, holding a RetryTransport and an AsyncRetryTransport underneath. Those read
a plain answer's body before handing it back, so a cut while reading it is retried and then
raised as APIConnectionError / APITimeoutError here like any other transport failure (see
`openai_client.retries` for exactly what is retried).
"""

from __future__ import annotations

import httpx

from .error_mapping import connection_error_from, error_from_response
from .exceptions import OpenAIError
from .retries import AsyncRetryTransport, RetryPolicy, RetryTransport

__all__ = ["OpenAITransport"]


class OpenAITransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Retry per `policy`; then, with `raise_api_errors`, turn any 4xx/5xx into its typed APIError
    and any transport failure into APIConnectionError / APITimeoutError.

    `transport` / `async_transport` are the innermost transports (default: httpx's own, built
    on first use with `verify` and `proxy`); tests pass `httpx.MockTransport` here.
    """

    def __init__(
        self,
        *,
        policy: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
        raise_api_errors: bool = True,
        verify: bool | str = True,
        proxy: str | None = None,
    ) -> None:
        self.policy: RetryPolicy = policy if policy is not None else RetryPolicy()
        self.raise_api_errors: bool = raise_api_errors
        self._verify = verify
        self._proxy = proxy
        self._inner = transport
        self._async_inner = async_transport
        self._sync: RetryTransport | None = None
        self._async: AsyncRetryTransport | None = None

    def _sync_transport(self) -> RetryTransport:
        if self._sync is None:
            inner = self._inner
            if inner is None:
                inner = httpx.HTTPTransport(verify=self._verify, proxy=self._proxy)
            self._sync = RetryTransport(inner, self.policy)
        return self._sync

    def _async_transport(self) -> AsyncRetryTransport:
        if self._async is None:
            inner = self._async_inner
            if inner is None:
                inner = httpx.AsyncHTTPTransport(verify=self._verify, proxy=self._proxy)
            self._async = AsyncRetryTransport(inner, self.policy)
        return self._async

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = self._sync_transport().handle_request(request)
        except httpx.TransportError as exc:
            if isinstance(exc, OpenAIError) or not self.raise_api_errors:
                raise
            raise connection_error_from(exc) from exc
        if self.raise_api_errors and response.status_code >= 400:
            response.request = request
            try:
                response.read()
            except httpx.HTTPError:
                pass  # the status alone still makes a typed error
            finally:
                response.close()
            raise error_from_response(response)
        return response

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = await self._async_transport().handle_async_request(request)
        except httpx.TransportError as exc:
            if isinstance(exc, OpenAIError) or not self.raise_api_errors:
                raise
            raise connection_error_from(exc) from exc
        if self.raise_api_errors and response.status_code >= 400:
            response.request = request
            try:
                await response.aread()
            except httpx.HTTPError:
                pass
            finally:
                await response.aclose()
            raise error_from_response(response)
        return response

    def close(self) -> None:
        if self._sync is not None:
            self._sync.close()

    async def aclose(self) -> None:
        if self._async is not None:
            await self._async.aclose()
