"""What facade methods return besides models: parsers per response kind, raw responses, binary content.

A `Parser` turns the httpx response of one call into its result: a generated model (`json_result`), a model or
text (`json_or_text_result`, audio), a `Stream` / `AsyncStream` of chunks, or a binary response. It also says
whether the body is to be streamed rather than read at once, and what to send as `Accept`.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Generic, TypeVar

import httpx

from ._parsing import FromDict, parse_model
from .exceptions import APIResponseValidationError
from .ratelimit import RateLimit, rate_limit_of

if TYPE_CHECKING:  # without the import cost of the stream machinery (httpx-sse) for plain calls
    from ._stream import AsyncStream, Stream

__all__ = [
    "AsyncBinaryResponse",
    "BinaryResponse",
    "Parser",
    "RawResponse",
    "abinary_result",
    "astream_result",
    "binary_result",
    "json_or_text_result",
    "json_result",
    "stream_result",
]

R = TypeVar("R", covariant=True)
M = TypeVar("M")


@dataclass(frozen=True, slots=True)
class Parser(Generic[R]):
    """How one call's response becomes its result."""

    parse: Callable[[httpx.Response, bool], R]
    streamed: bool = False
    accept: str | None = None


def _decoded(response: httpx.Response) -> object:
    try:
        return json.loads(response.content)
    except ValueError as exc:
        raise APIResponseValidationError(f"the answer is not JSON: {response.text[:200]!r}", path="") from exc


def json_result(model: FromDict[M]) -> Parser[M]:
    """A JSON answer parsed into the generated `model`."""
    return Parser(lambda response, strict: parse_model(model, _decoded(response), strict=strict))


def json_or_text_result(model: FromDict[M]) -> Parser[M | str]:
    """A JSON answer parsed into `model`, a text/plain one kept as text (audio as text, srt or vtt)."""

    def parse(response: httpx.Response, strict: bool) -> M | str:
        if response.headers.get("content-type", "").startswith("application/json"):
            return parse_model(model, _decoded(response), strict=strict)
        return response.text

    return Parser(parse)


def stream_result(chunk: FromDict[M]) -> Parser[Stream[M]]:
    """Server-sent events, each parsed into `chunk`, ended by `data: [DONE]`."""

    def parse(response: httpx.Response, strict: bool) -> Stream[M]:
        from ._stream import Stream

        return Stream(response, chunk.from_dict)

    return Parser(parse, streamed=True, accept="text/event-stream")


def astream_result(chunk: FromDict[M]) -> Parser[AsyncStream[M]]:
    def parse(response: httpx.Response, strict: bool) -> AsyncStream[M]:
        from ._stream import AsyncStream

        async def received() -> httpx.Response:
            return response

        return AsyncStream(received, chunk.from_dict)

    return Parser(parse, streamed=True, accept="text/event-stream")


class BinaryResponse:
    """Binary content, not yet read: `.read()`, `.iter_bytes()` or `.write_to_file(path)` (streamed, atomic).

    Each of them closes the response at the end; so do `close()` and leaving a `with` block.
    """

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    @property
    def headers(self) -> httpx.Headers:
        return self.response.headers

    def read(self) -> bytes:
        try:
            return self.response.read()
        finally:
            self.response.close()

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        try:
            yield from self.response.iter_bytes(chunk_size)
        finally:
            self.response.close()

    def write_to_file(self, path: str | os.PathLike[str], *, chunk_size: int | None = None) -> Path:
        """Stream the content into `path`: written whole or not at all."""
        from .downloads import DEFAULT_CHUNK_SIZE, write_response_to

        try:
            return write_response_to(self.response, path, chunk_size=chunk_size or DEFAULT_CHUNK_SIZE)
        finally:
            self.response.close()

    def close(self) -> None:
        self.response.close()

    def __enter__(self) -> BinaryResponse:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncBinaryResponse:
    """The async twin of BinaryResponse: `await .read()`, `async for` over `.iter_bytes()`, `await .write_to_file()`."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    @property
    def headers(self) -> httpx.Headers:
        return self.response.headers

    async def read(self) -> bytes:
        try:
            return await self.response.aread()
        finally:
            await self.response.aclose()

    async def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        try:
            async for chunk in self.response.aiter_bytes(chunk_size):
                yield chunk
        finally:
            await self.response.aclose()

    async def write_to_file(self, path: str | os.PathLike[str], *, chunk_size: int | None = None) -> Path:
        from .downloads import DEFAULT_CHUNK_SIZE, awrite_response_to

        try:
            return await awrite_response_to(self.response, path, chunk_size=chunk_size or DEFAULT_CHUNK_SIZE)
        finally:
            await self.response.aclose()

    async def close(self) -> None:
        await self.response.aclose()

    async def __aenter__(self) -> AsyncBinaryResponse:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


def binary_result() -> Parser[BinaryResponse]:
    return Parser(lambda response, strict: BinaryResponse(response), streamed=True, accept="application/octet-stream")


def abinary_result() -> Parser[AsyncBinaryResponse]:
    return Parser(
        lambda response, strict: AsyncBinaryResponse(response), streamed=True, accept="application/octet-stream"
    )


class RawResponse(Generic[R]):
    """The HTTP answer of a call made through `with_raw_response`: status, headers, rate limits; `.parse()`
    gives what the plain call returns (parsed once)."""

    def __init__(self, response: httpx.Response, parser: Parser[R], strict: bool) -> None:
        self.http_response = response
        self._parser = parser
        self._strict = strict
        self._parsed: list[R] = []

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        request_id: str | None = self.http_response.headers.get("x-request-id")
        return request_id

    @property
    def rate_limit(self) -> RateLimit:
        return rate_limit_of(self.http_response.headers)

    @property
    def url(self) -> httpx.URL:
        return self.http_response.url

    @property
    def elapsed(self) -> timedelta:
        return self.http_response.elapsed

    def parse(self) -> R:
        if not self._parsed:
            self._parsed.append(self._parser.parse(self.http_response, self._strict))
        return self._parsed[0]

    def __repr__(self) -> str:
        request = self.http_response.request
        return f"<RawResponse [{self.status_code}] {request.method} {request.url}>"
