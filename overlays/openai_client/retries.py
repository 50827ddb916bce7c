"""Retries as httpx transports, so every generated operation retries without knowing it.

Written here rather than taken from httpx-retries or stamina: neither reads `retry-after-ms`,
httpx-retries has no retry hook and measures HTTP dates against the wall clock, and stamina
retries exceptions around calls rather than responses inside a transport.

A transport retries before it hands a response back, so a streamed (SSE) response is retried
only on a connection error or a retryable status, never after its first byte reached the caller.
A request body is resent only when it can be replayed: bytes, or a multipart form whose files
are seekable (httpx seeks them back to 0); a generator body is sent once and never retried.
"""

from __future__ import annotations

import contextlib
import logging
import random
import time
from collections.abc import Awaitable, Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

from .exceptions import ConfigurationError
from .ratelimit import retry_after_of

__all__ = ["AsyncRetryTransport", "RetryEvent", "RetryPolicy", "RetryTransport", "default_jitter", "is_replayable"]

logger = logging.getLogger("openai_client")

DEFAULT_RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})


def default_jitter(delay: float) -> float:
    """Shave up to a quarter off a backoff so clients that failed together do not retry together."""
    return delay * (1.0 - 0.25 * random.random())


async def _asyncio_sleep(seconds: float) -> None:
    import asyncio  # here: sync programs should not pay for importing asyncio

    await asyncio.sleep(seconds)


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class RetryEvent:
    """What `on_retry` is told before each wait: the retry number (1-based) and why."""

    attempt: int
    delay: float
    request: httpx.Request
    response: httpx.Response | None = None
    exception: Exception | None = None


@dataclass(frozen=True)
class RetryPolicy:
    """When and how long to wait before sending a request again.

    The server's `retry-after-ms` / `Retry-After` (seconds or HTTP date) wins, capped at
    `retry_after_cap`; otherwise the wait is `backoff_base * 2**(n-1)` capped at `backoff_cap`,
    then jittered. `x-should-retry: true|false` from the server overrides `retry_statuses`.
    `sleep`, `async_sleep` and `clock` are injectable so tests never really wait.
    """

    max_retries: int = 2
    retry_statuses: AbstractSet[int] = DEFAULT_RETRY_STATUSES
    backoff_base: float = 0.5
    backoff_cap: float = 8.0
    retry_after_cap: float = 60.0
    jitter: Callable[[float], float] = default_jitter
    on_retry: Callable[[RetryEvent], None] | None = None
    sleep: Callable[[float], None] = time.sleep
    async_sleep: Callable[[float], Awaitable[None]] = field(default=_asyncio_sleep)
    clock: Callable[[], datetime] = _utc_now

    def __post_init__(self) -> None:
        object.__setattr__(self, "retry_statuses", frozenset(self.retry_statuses))
        for name in ("max_retries", "backoff_base", "backoff_cap", "retry_after_cap"):
            if getattr(self, name) < 0:
                raise ConfigurationError(f"RetryPolicy.{name} must be >= 0, got {getattr(self, name)!r}")

    def backoff(self, attempt: int) -> float:
        """The jittered exponential wait before retry number `attempt` (1-based)."""
        return max(0.0, self.jitter(min(self.backoff_cap, self.backoff_base * 2.0 ** (attempt - 1))))

    def delay_for(self, attempt: int, response: httpx.Response | None = None) -> float:
        """The wait before retry `attempt`, honouring the server's Retry-After when it sent one."""
        if response is not None:
            asked = retry_after_of(response, now=self.clock)
            if asked is not None:
                return min(asked, self.retry_after_cap)
        return self.backoff(attempt)

    def should_retry_response(self, response: httpx.Response) -> bool:
        verdict: str = response.headers.get("x-should-retry", "").strip().lower()
        if verdict in ("true", "false"):
            return verdict == "true"
        return response.status_code in self.retry_statuses

    def should_retry_exception(self, exc: Exception) -> bool:
        return isinstance(exc, httpx.TimeoutException | httpx.NetworkError | httpx.RemoteProtocolError)

    def plan(
        self,
        request: httpx.Request,
        attempt: int,
        response: httpx.Response | None = None,
        exception: Exception | None = None,
        replayable: bool = True,
    ) -> float | None:
        """Seconds to wait before retry number `attempt`, or None to give up; calls `on_retry`.

        `replayable` says whether the request body can be sent again (see `is_replayable`).
        """
        if attempt > self.max_retries or not replayable:
            return None
        if response is not None and not self.should_retry_response(response):
            return None
        if exception is not None and not self.should_retry_exception(exception):
            return None
        delay = self.delay_for(attempt, response)
        reason = f"status {response.status_code}" if response is not None else type(exception).__name__
        logger.info(
            "Retrying %s %s in %.3f s (retry %d of %d): %s",
            request.method,
            request.url.copy_with(query=None),
            delay,
            attempt,
            self.max_retries,
            reason,
        )
        if self.on_retry is not None:
            self.on_retry(RetryEvent(attempt, delay, request, response, exception))
        return delay


def _seekable(obj: object) -> bool:
    if isinstance(obj, (bytes, str)):
        return True
    check = getattr(obj, "seekable", None)
    return bool(callable(check) and check())


def is_replayable(request: httpx.Request) -> bool:
    """Whether the body can be sent again; ask before the first send, as a send may consume it."""
    stream = request.stream
    if isinstance(stream, httpx.ByteStream):
        return True
    # httpx's multipart stream keeps its parts in `.fields` and rewinds file parts on each pass.
    fields = getattr(stream, "fields", None)
    if isinstance(fields, list):
        return all(_seekable(getattr(part, "file", b"")) for part in fields)
    return False


class RetryTransport(httpx.BaseTransport):
    """Wraps a transport (by default `httpx.HTTPTransport()`) and retries per a RetryPolicy."""

    def __init__(self, transport: httpx.BaseTransport | None = None, policy: RetryPolicy | None = None) -> None:
        self.transport = transport if transport is not None else httpx.HTTPTransport()
        self.policy = policy if policy is not None else RetryPolicy()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempt = 1
        replayable = is_replayable(request)
        while True:
            try:
                response = self.transport.handle_request(request)
            except httpx.TransportError as exc:
                delay = self.policy.plan(request, attempt, exception=exc, replayable=replayable)
                if delay is None:
                    raise
            else:
                if not self.policy.should_retry_response(response) or attempt > self.policy.max_retries:
                    return response
                with contextlib.suppress(httpx.HTTPError):
                    response.read()  # drained so the connection can be reused
                delay = self.policy.plan(request, attempt, response=response, replayable=replayable)
                if delay is None:
                    return response
                response.close()
            self.policy.sleep(delay)
            attempt += 1

    def close(self) -> None:
        self.transport.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """The asyncio twin of RetryTransport (waits with `policy.async_sleep`)."""

    def __init__(self, transport: httpx.AsyncBaseTransport | None = None, policy: RetryPolicy | None = None) -> None:
        self.transport = transport if transport is not None else httpx.AsyncHTTPTransport()
        self.policy = policy if policy is not None else RetryPolicy()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attempt = 1
        replayable = is_replayable(request)
        while True:
            try:
                response = await self.transport.handle_async_request(request)
            except httpx.TransportError as exc:
                delay = self.policy.plan(request, attempt, exception=exc, replayable=replayable)
                if delay is None:
                    raise
            else:
                if not self.policy.should_retry_response(response) or attempt > self.policy.max_retries:
                    return response
                with contextlib.suppress(httpx.HTTPError):
                    await response.aread()
                delay = self.policy.plan(request, attempt, response=response, replayable=replayable)
                if delay is None:
                    return response
                await response.aclose()
            await self.policy.async_sleep(delay)
            attempt += 1

    async def aclose(self) -> None:
        await self.transport.aclose()
