"""What facade methods return besides models: parsers per response kind, and raw responses.

A `Parser` turns the httpx response of one call into its result: a generated model (`json_result`), a model or
text (`json_or_text_result`, audio), or a `Stream` / `AsyncStream` of chunks (`_facade_binary` adds binary
content). It also says whether the body is to be streamed rather than read at once, and what to send as `Accept`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

import httpx

from ._parsing import FromDict, parse_model
from ._values import FrozenValue
from .exceptions import APIResponseValidationError
from .ratelimit import RateLimit, rate_limit_of

if TYPE_CHECKING:  # without the import cost of the stream machinery for plain calls
    from ._stream import AsyncStream, Stream

__all__ = [
    "Parser",
    "RawResponse",
    "astream_result",
    "json_or_text_result",
    "json_result",
    "stream_result",
]

R = TypeVar("R", covariant=True)
M = TypeVar("M")


class Parser(FrozenValue, Generic[R]):
    """How one call's response becomes its result."""

    _fields = ("parse", "streamed", "accept")
    __slots__ = _fields
    parse: Callable[[httpx.Response, bool], R]
    streamed: bool
    accept: str | None

    def __init__(
        self, parse: Callable[[httpx.Response, bool], R], streamed: bool = False, accept: str | None = None
    ) -> None:
        init = object.__setattr__
        init(self, "parse", parse)
        init(self, "streamed", streamed)
        init(self, "accept", accept)


def _decoded(response: httpx.Response) -> object:
    try:
        return json.loads(response.content)
    except ValueError as exc:
        raise APIResponseValidationError(f"the answer is not JSON: {response.text[:200]!r}", path="") from exc


def json_result(model: FromDict[M]) -> Parser[M]:
    """A JSON answer parsed into the generated `model` (one immutable parser per model, made on its first call)."""
    parser = _JSON_RESULTS.get(model)
    if parser is None:
        parser = _JSON_RESULTS[model] = Parser(
            lambda response, strict: parse_model(model, _decoded(response), strict=strict)
        )
    return cast(Parser[M], parser)


_JSON_RESULTS: dict[object, Parser[Any]] = {}


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

        return Stream(response, chunk.from_dict, strict=strict)

    return Parser(parse, streamed=True, accept="text/event-stream")


def astream_result(chunk: FromDict[M]) -> Parser[AsyncStream[M]]:
    def parse(response: httpx.Response, strict: bool) -> AsyncStream[M]:
        from ._stream import AsyncStream

        async def received() -> httpx.Response:
            return response

        return AsyncStream(received, chunk.from_dict, strict=strict)

    return Parser(parse, streamed=True, accept="text/event-stream")


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
    def content(self) -> bytes:
        """The body as received (read, unless the call streams: then `.parse()` reads it)."""
        return self.http_response.content

    @property
    def text(self) -> str:
        return self.http_response.text

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
