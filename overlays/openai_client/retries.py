"""Retries as httpx transports, so every generated operation retries without knowing it.

Written here rather than taken from httpx-retries or stamina: neither reads `retry-after-ms`,
httpx-retries has no retry hook and measures HTTP dates against the wall clock, and stamina
retries exceptions around calls rather than responses inside a transport.

What is retried (at most `max_retries` times, 2 by default):

- an answer with status 408, 409, 429 or any 5xx, unless the server says `x-should-retry: false`
  (and any status when it says `x-should-retry: true`); a `Retry-After` / `retry-after-ms` longer
  than `retry_after_cap` (60 s) is not waited for: the answer is returned at once (a 429 becomes a
  RateLimitError whose `retry_after` says how long the server asked for);
- a connection failure or timeout before the answer's headers arrived;
- a cut or timeout while reading the body of a plain (not streamed) answer, for idempotent
  requests: GET, HEAD and OPTIONS, and any other request that carries an `Idempotency-Key`.

The body of a plain answer is read here, inside the retry loop, so that a failure while reading it
is retried (and, through OpenAITransport, typed) like one before the headers. A streamed answer
(the request asks for `Accept: text/event-stream`, the answer is `text/event-stream`, or the request
carries the `STREAM_RESPONSE` extension) is handed back unread and never retried once handed back.

Every attempt carries `x-stainless-retry-count` (0 on the first attempt, then 1, 2, ...: the header
the official SDK sends), and every request other than GET, HEAD and OPTIONS carries an
`Idempotency-Key` that stays the same across the attempts of one call, so the server can tell a
retry from a new request (`RetryPolicy(idempotency_keys=False)` leaves it out; a key or count the
caller set is kept). A request body is resent only when it can be replayed: bytes, or a multipart
form whose files are seekable (httpx seeks them back to 0); a generator body is sent once and never
retried.
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import time
from collections.abc import Awaitable, Callable
from collections.abc import Set as AbstractSet
from datetime import UTC, datetime

import httpx

from ._values import FrozenValue
from .exceptions import ConfigurationError
from .ratelimit import retry_after_of

__all__ = [
    "DEFAULT_RETRY_STATUSES",
    "IDEMPOTENCY_HEADER",
    "RETRY_COUNT_HEADER",
    "STREAM_RESPONSE",
    "AsyncRetryTransport",
    "RetryEvent",
    "RetryPolicy",
    "RetryTransport",
    "default_jitter",
    "is_replayable",
]

logger: logging.Logger = logging.getLogger("openai_client")

# The official SDK's rule: request timeout, lock conflict, rate limit, and every server error.
DEFAULT_RETRY_STATUSES = frozenset({408, 409, 429, *range(500, 600)})
RETRY_COUNT_HEADER = "x-stainless-retry-count"
IDEMPOTENCY_HEADER = "Idempotency-Key"
STREAM_RESPONSE = "openai_client.stream_response"
"""Request extension: `extensions={STREAM_RESPONSE: True}` keeps the body unread for the caller to stream."""

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_RETRY_COUNT_NAME = RETRY_COUNT_HEADER.lower().encode("ascii")
_IDEMPOTENCY_NAME = IDEMPOTENCY_HEADER.lower().encode("ascii")


def default_jitter(delay: float) -> float:
    """Shave up to a quarter off a backoff so clients that failed together do not retry together."""
    return delay * (1.0 - 0.25 * random.random())


async def _asyncio_sleep(seconds: float) -> None:
    import asyncio  # here: sync programs should not pay for importing asyncio

    await asyncio.sleep(seconds)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class RetryEvent(FrozenValue):
    """What `on_retry` is told before each wait: the retry number (1-based) and why."""

    _fields = ("attempt", "delay", "request", "response", "exception")
    __slots__ = _fields
    attempt: int
    delay: float
    request: httpx.Request
    response: httpx.Response | None
    exception: Exception | None

    def __init__(
        self,
        attempt: int,
        delay: float,
        request: httpx.Request,
        response: httpx.Response | None = None,
        exception: Exception | None = None,
    ) -> None:
        init = object.__setattr__
        init(self, "attempt", attempt)
        init(self, "delay", delay)
        init(self, "request", request)
        init(self, "response", response)
        init(self, "exception", exception)


class RetryPolicy(FrozenValue):
    """When and how long to wait before sending a request again.

    The server's `retry-after-ms` / `Retry-After` (seconds or HTTP date) wins; one longer than
    `retry_after_cap` means "give up now" rather than a wait. Otherwise the wait is
    `backoff_base * 2**(n-1)` capped at `backoff_cap`, then jittered. `x-should-retry:
    true|false` from the server overrides `retry_statuses`. `idempotency_keys` stamps an
    `Idempotency-Key` on requests other than GET, HEAD and OPTIONS. `sleep`, `async_sleep` and
    `clock` are injectable so tests never really wait.
    """

    _fields = (
        "max_retries",
        "retry_statuses",
        "backoff_base",
        "backoff_cap",
        "retry_after_cap",
        "idempotency_keys",
        "jitter",
        "on_retry",
        "sleep",
        "async_sleep",
        "clock",
    )
    __slots__ = _fields
    max_retries: int
    retry_statuses: AbstractSet[int]
    backoff_base: float
    backoff_cap: float
    retry_after_cap: float
    idempotency_keys: bool
    jitter: Callable[[float], float]
    on_retry: Callable[[RetryEvent], None] | None
    sleep: Callable[[float], None]
    async_sleep: Callable[[float], Awaitable[None]]
    clock: Callable[[], datetime]

    def __init__(
        self,
        max_retries: int = 2,
        retry_statuses: AbstractSet[int] = DEFAULT_RETRY_STATUSES,
        backoff_base: float = 0.5,
        backoff_cap: float = 8.0,
        retry_after_cap: float = 60.0,
        idempotency_keys: bool = True,
        jitter: Callable[[float], float] = default_jitter,
        on_retry: Callable[[RetryEvent], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        async_sleep: Callable[[float], Awaitable[None]] = _asyncio_sleep,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        for name, value in (
            ("max_retries", max_retries),
            ("backoff_base", backoff_base),
            ("backoff_cap", backoff_cap),
            ("retry_after_cap", retry_after_cap),
        ):
            if value < 0:
                raise ConfigurationError(f"RetryPolicy.{name} must be >= 0, got {value!r}")
        init = object.__setattr__
        init(self, "max_retries", max_retries)
        init(self, "retry_statuses", frozenset(retry_statuses))
        init(self, "backoff_base", backoff_base)
        init(self, "backoff_cap", backoff_cap)
        init(self, "retry_after_cap", retry_after_cap)
        init(self, "idempotency_keys", idempotency_keys)
        init(self, "jitter", jitter)
        init(self, "on_retry", on_retry)
        init(self, "sleep", sleep)
        init(self, "async_sleep", async_sleep)
        init(self, "clock", clock)

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

    def asks_too_long(self, response: httpx.Response) -> bool:
        """Whether the server's Retry-After is beyond `retry_after_cap` (then it is not retried)."""
        asked = retry_after_of(response, now=self.clock)
        return asked is not None and asked > self.retry_after_cap

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
        target = request.url.copy_with(query=None)
        if response is not None and self.asks_too_long(response):
            logger.info(
                "Not retrying %s %s: status %d asks to wait longer than retry_after_cap (%.0f s)",
                request.method,
                target,
                response.status_code,
                self.retry_after_cap,
            )
            return None
        delay = self.delay_for(attempt, response)
        reason = f"status {response.status_code}" if response is not None else type(exception).__name__
        logger.info(
            "Retrying %s %s in %.3f s (retry %d of %d): %s",
            request.method,
            target,
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


def _streams(request: httpx.Request, response: httpx.Response) -> bool:
    """Whether the answer is left for the caller to read (else it is read here, within the retries)."""
    if response.is_stream_consumed:  # built from bytes (httpx reads those at once): nothing left to read
        return True
    if request.extensions.get(STREAM_RESPONSE):
        return True
    if "text/event-stream" in request.headers.get("accept", ""):
        return True
    content_type: str = response.headers.get("content-type", "")
    return content_type.startswith("text/event-stream")


class _Attempts:
    """The headers that tell the attempts of one call apart from new calls (see the module docstring)."""

    def __init__(self, request: httpx.Request, policy: RetryPolicy) -> None:
        self.request = request
        # One pass over the names: each `name in request.headers` scans and decodes them all again.
        names = {name.lower() for name, _ in request.headers.raw}
        self.count_retries = _RETRY_COUNT_NAME not in names
        keyed = _IDEMPOTENCY_NAME in names
        safe = request.method in _SAFE_METHODS
        if policy.idempotency_keys and not safe and not keyed:
            request.headers[IDEMPOTENCY_HEADER] = f"retry-{os.urandom(16).hex()}"  # 128 random bits, as uuid4
            keyed = True
        self.replayable = is_replayable(request)
        self.idempotent = safe or keyed

    def stamp(self, attempt: int) -> None:
        if self.count_retries:
            self.request.headers[RETRY_COUNT_HEADER] = str(attempt - 1)


def _buffered(response: httpx.Response, raw: bytes) -> httpx.Response:
    # Still encoded (gzip, ...): the client decodes it as it would have decoded the stream.
    return httpx.Response(
        response.status_code,
        headers=response.headers,
        stream=httpx.ByteStream(raw),
        extensions=response.extensions,
    )


class _BodyReadError(Exception):
    """A transport error raised while reading an answer's body (as opposed to before its headers)."""

    def __init__(self, error: httpx.TransportError) -> None:
        super().__init__(str(error))
        self.error = error


def _read(request: httpx.Request, response: httpx.Response) -> httpx.Response:
    if _streams(request, response):
        return response
    try:
        return _buffered(response, b"".join(response.iter_raw()))
    except httpx.TransportError as exc:
        raise _BodyReadError(exc) from exc
    finally:
        response.close()


async def _aread(request: httpx.Request, response: httpx.Response) -> httpx.Response:
    if _streams(request, response):
        return response
    try:
        return _buffered(response, b"".join([piece async for piece in response.aiter_raw()]))
    except httpx.TransportError as exc:
        raise _BodyReadError(exc) from exc
    finally:
        await response.aclose()


class RetryTransport(httpx.BaseTransport):
    """Wraps a transport (by default `httpx.HTTPTransport()`) and retries per a RetryPolicy."""

    def __init__(self, transport: httpx.BaseTransport | None = None, policy: RetryPolicy | None = None) -> None:
        self.transport: httpx.BaseTransport = transport if transport is not None else httpx.HTTPTransport()
        self.policy: RetryPolicy = policy if policy is not None else RetryPolicy()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempts = _Attempts(request, self.policy)
        attempt = 1
        while True:
            attempts.stamp(attempt)
            try:
                response = _read(request, self.transport.handle_request(request))
            except httpx.TransportError as exc:
                delay = self.policy.plan(request, attempt, exception=exc, replayable=attempts.replayable)
                if delay is None:
                    raise
            except _BodyReadError as cut:
                replay = attempts.replayable and attempts.idempotent
                delay = self.policy.plan(request, attempt, exception=cut.error, replayable=replay)
                if delay is None:
                    raise cut.error from None
            else:
                if not self.policy.should_retry_response(response) or attempt > self.policy.max_retries:
                    return response
                with contextlib.suppress(httpx.HTTPError):
                    response.read()  # drained so the connection can be reused
                delay = self.policy.plan(request, attempt, response=response, replayable=attempts.replayable)
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
        self.transport: httpx.AsyncBaseTransport = transport if transport is not None else httpx.AsyncHTTPTransport()
        self.policy: RetryPolicy = policy if policy is not None else RetryPolicy()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attempts = _Attempts(request, self.policy)
        attempt = 1
        while True:
            attempts.stamp(attempt)
            try:
                response = await _aread(request, await self.transport.handle_async_request(request))
            except httpx.TransportError as exc:
                delay = self.policy.plan(request, attempt, exception=exc, replayable=attempts.replayable)
                if delay is None:
                    raise
            except _BodyReadError as cut:
                replay = attempts.replayable and attempts.idempotent
                delay = self.policy.plan(request, attempt, exception=cut.error, replayable=replay)
                if delay is None:
                    raise cut.error from None
            else:
                if not self.policy.should_retry_response(response) or attempt > self.policy.max_retries:
                    return response
                with contextlib.suppress(httpx.HTTPError):
                    await response.aread()
                delay = self.policy.plan(request, attempt, response=response, replayable=attempts.replayable)
                if delay is None:
                    return response
                await response.aclose()
            await self.policy.async_sleep(delay)
            attempt += 1

    async def aclose(self) -> None:
        await self.transport.aclose()
