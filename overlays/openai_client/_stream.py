"""Stream and AsyncStream: one streamed response, iterated as typed chunks, always closed."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable, Generator, Iterator, Mapping
from types import TracebackType
from typing import Any, Generic, TypeVar

import httpx

from ._parsing import model_parser
from ._sse import DEFAULT_MAX_EVENT_SIZE, aiter_payloads, iter_payloads
from .exceptions import APIResponseValidationError, MalformedStreamEventError, StreamError

__all__ = ["AsyncStream", "Stream"]

T = TypeVar("T")
Decode = Callable[[Mapping[str, Any]], T]


def _malformed(exc: APIResponseValidationError) -> MalformedStreamEventError:
    return MalformedStreamEventError(f"malformed chunk: {exc.message}", path=exc.path)


def _chunks(response: httpx.Response, decode: Decode[T], max_event_size: int, strict: bool) -> Generator[T, None, None]:
    # A free function, not a method: the generator must not hold the Stream, so dropping the
    # Stream (e.g. `break` out of `for chunk in stream_...(...)`) finalizes it at once.
    parse = model_parser(decode, strict=strict)  # refuses data that is not a JSON object too
    try:
        for payload in iter_payloads(response, max_event_size):
            try:
                chunk = parse(payload)
            except APIResponseValidationError as exc:
                raise _malformed(exc) from exc
            yield chunk
    finally:
        response.close()


class Stream(Generic[T]):
    """Chunks of one streamed response, yielded as their events arrive.

    Iterable once, and a context manager: leaving the `with` block, `close()`, an exception,
    `break` (once the stream is dropped) or the final `[DONE]` all close the response.
    An event over `max_event_size` characters raises StreamError (and closes it too). A chunk that
    does not parse raises MalformedStreamEventError; `strict=True` also refuses enum values the spec
    does not list (see `parse_model`).
    """

    def __init__(
        self,
        response: httpx.Response,
        decode: Decode[T],
        *,
        max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
        strict: bool = False,
    ) -> None:
        self.response: httpx.Response = response
        self._iterator = _chunks(response, decode, max_event_size, strict)

    def __iter__(self) -> Iterator[T]:
        return self._iterator  # not self: a `for` loop then resumes the generator without a call to __next__

    def __next__(self) -> T:
        return next(self._iterator)

    def __enter__(self) -> Stream[T]:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._iterator.close()
        self.response.close()


async def _achunks(
    response: httpx.Response, decode: Decode[T], max_event_size: int, strict: bool
) -> AsyncGenerator[T, None]:
    parse = model_parser(decode, strict=strict)
    try:
        async for payload in aiter_payloads(response, max_event_size):
            try:
                chunk = parse(payload)
            except APIResponseValidationError as exc:
                raise _malformed(exc) from exc
            yield chunk
    finally:
        await response.aclose()


class AsyncStream(Generic[T]):
    """The async twin of Stream; the request is sent on `async with` entry or the first `__anext__`,
    so an error status raises there, before any chunk.

    Prefer `async with`: an async generator abandoned by `break` is only closed later by the
    event loop, while `async with` (or `await stream.aclose()`) closes the response at once.
    """

    def __init__(
        self,
        send: Callable[[], Awaitable[httpx.Response]],
        decode: Decode[T],
        *,
        max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
        strict: bool = False,
    ) -> None:
        self._send = send
        self._decode = decode
        self._max_event_size = max_event_size
        self._strict = strict
        self._response: httpx.Response | None = None
        self._iterator: AsyncGenerator[T, None] | None = None
        self._closed = False

    @property
    def response(self) -> httpx.Response:
        if self._response is None:
            raise RuntimeError("the request has not been sent yet: enter `async with` or iterate first")
        return self._response

    async def _start(self) -> AsyncGenerator[T, None]:
        if self._closed:
            raise StreamError("stream is closed")
        if self._iterator is None:
            self._response = await self._send()
            self._iterator = _achunks(self._response, self._decode, self._max_event_size, self._strict)
        return self._iterator

    def __aiter__(self) -> AsyncStream[T]:
        return self

    async def __anext__(self) -> T:
        if self._closed:
            raise StopAsyncIteration
        iterator = await self._start()
        return await iterator.__anext__()

    async def __aenter__(self) -> AsyncStream[T]:
        await self._start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        self._closed = True
        if self._iterator is not None:
            await self._iterator.aclose()
        if self._response is not None:
            await self._response.aclose()
