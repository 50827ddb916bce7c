"""Server-sent event streams: completions, chat completions and fine-tune events, chunk by chunk.

    with stream_chat_completion(client, {"model": "gpt-3.5-turbo", "messages": [...]}) as stream:
        for chunk in stream:                       # ChatCompletionChunk, as each event arrives
            print(chunk.choices[0].delta.content or "", end="")

    async with astream_chat_completion(client, body) as stream:
        async for chunk in stream: ...

The request is built by the generated operation (`stream=True` forced) and sent with `stream=True`
on the client's httpx client; events are split from each read in bulk (`_sse_events`). An error
status raises its typed APIError before the first chunk; an error event raises it mid-stream; a
stream cut before `data: [DONE]` raises IncompleteStreamError; `idle_timeout` seconds without a byte
raise StreamIdleTimeoutError (it is the read timeout of that one request); an event larger than
`max_event_size` characters (default 1 MiB) raises StreamError, so a server that never ends a line
cannot fill the memory. A dict body is checked like the request model it becomes (ConfigurationError
names an unknown key or a bad value); a chunk that does not parse raises MalformedStreamEventError,
and `strict=True` refuses enum values the spec does not list.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

import httpx

from ._generated_bridge import chat_completion_request, completion_request, fine_tune_events_request
from ._parsing import request_from_mapping
from ._sse import DEFAULT_MAX_EVENT_SIZE, check_max_event_size
from ._stream import AsyncStream, Stream
from .client import AuthenticatedClient, Client
from .error_mapping import error_from_response
from .models import (
    ChatCompletionChunk,
    CompletionChunk,
    CreateChatCompletionRequest,
    CreateCompletionRequest,
    FineTuneEvent,
)

__all__ = [
    "AsyncStream",
    "Stream",
    "astream_chat_completion",
    "astream_completion",
    "astream_fine_tune_events",
    "stream_chat_completion",
    "stream_completion",
    "stream_fine_tune_events",
]

AnyClient = AuthenticatedClient | Client
B = TypeVar("B", CreateChatCompletionRequest, CreateCompletionRequest)


def _streaming_body(model: type[B], body: B | Mapping[str, Any]) -> B:
    # Round-trip through dicts rather than attrs.evolve, which would drop additional_properties.
    raw = dict(body) if isinstance(body, Mapping) else body.to_dict()
    raw["stream"] = True
    return request_from_mapping(model, raw)


def _build(http: httpx.Client | httpx.AsyncClient, kwargs: dict[str, Any], idle_timeout: float | None) -> httpx.Request:
    if idle_timeout is None:
        return http.build_request(**kwargs)
    base = http.timeout
    timeout = httpx.Timeout(connect=base.connect, read=idle_timeout, write=base.write, pool=base.pool)
    return http.build_request(**kwargs, timeout=timeout)


def _send(client: AnyClient, kwargs: dict[str, Any], idle_timeout: float | None) -> httpx.Response:
    http = client.get_httpx_client()
    response = http.send(_build(http, kwargs, idle_timeout), stream=True)
    if not response.is_success:
        try:
            response.read()
        finally:
            response.close()
        raise error_from_response(response)
    return response


def _asend(
    client: AnyClient, kwargs: dict[str, Any], idle_timeout: float | None
) -> Callable[[], Awaitable[httpx.Response]]:
    async def send() -> httpx.Response:
        http = client.get_async_httpx_client()
        response = await http.send(_build(http, kwargs, idle_timeout), stream=True)
        if not response.is_success:
            try:
                await response.aread()
            finally:
                await response.aclose()
            raise error_from_response(response)
        return response

    return send


def stream_completion(
    client: AnyClient,
    body: CreateCompletionRequest | Mapping[str, Any],
    *,
    idle_timeout: float | None = None,
    max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
    strict: bool = False,
) -> Stream[CompletionChunk]:
    """POST /completions with `stream=true`; iterate the CompletionChunk events."""
    check_max_event_size(max_event_size)
    kwargs = completion_request(_streaming_body(CreateCompletionRequest, body))
    return Stream(
        _send(client, kwargs, idle_timeout), CompletionChunk.from_dict, max_event_size=max_event_size, strict=strict
    )


def astream_completion(
    client: AnyClient,
    body: CreateCompletionRequest | Mapping[str, Any],
    *,
    idle_timeout: float | None = None,
    max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
    strict: bool = False,
) -> AsyncStream[CompletionChunk]:
    """Async stream_completion (sent on `async with` entry or first iteration)."""
    check_max_event_size(max_event_size)
    kwargs = completion_request(_streaming_body(CreateCompletionRequest, body))
    return AsyncStream(
        _asend(client, kwargs, idle_timeout), CompletionChunk.from_dict, max_event_size=max_event_size, strict=strict
    )


def stream_chat_completion(
    client: AnyClient,
    body: CreateChatCompletionRequest | Mapping[str, Any],
    *,
    idle_timeout: float | None = None,
    max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
    strict: bool = False,
) -> Stream[ChatCompletionChunk]:
    """POST /chat/completions with `stream=true`; iterate the ChatCompletionChunk events."""
    check_max_event_size(max_event_size)
    kwargs = chat_completion_request(_streaming_body(CreateChatCompletionRequest, body))
    return Stream(
        _send(client, kwargs, idle_timeout), ChatCompletionChunk.from_dict, max_event_size=max_event_size, strict=strict
    )


def astream_chat_completion(
    client: AnyClient,
    body: CreateChatCompletionRequest | Mapping[str, Any],
    *,
    idle_timeout: float | None = None,
    max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
    strict: bool = False,
) -> AsyncStream[ChatCompletionChunk]:
    """Async stream_chat_completion (sent on `async with` entry or first iteration)."""
    check_max_event_size(max_event_size)
    kwargs = chat_completion_request(_streaming_body(CreateChatCompletionRequest, body))
    return AsyncStream(
        _asend(client, kwargs, idle_timeout),
        ChatCompletionChunk.from_dict,
        max_event_size=max_event_size,
        strict=strict,
    )


def stream_fine_tune_events(
    client: AnyClient,
    fine_tune_id: str,
    *,
    idle_timeout: float | None = None,
    max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
    strict: bool = False,
) -> Stream[FineTuneEvent]:
    """GET /fine-tunes/{id}/events?stream=true; iterate FineTuneEvent objects until the job ends."""
    check_max_event_size(max_event_size)
    response = _send(client, fine_tune_events_request(fine_tune_id), idle_timeout)
    return Stream(response, FineTuneEvent.from_dict, max_event_size=max_event_size, strict=strict)


def astream_fine_tune_events(
    client: AnyClient,
    fine_tune_id: str,
    *,
    idle_timeout: float | None = None,
    max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
    strict: bool = False,
) -> AsyncStream[FineTuneEvent]:
    """Async stream_fine_tune_events (sent on `async with` entry or first iteration)."""
    check_max_event_size(max_event_size)
    send = _asend(client, fine_tune_events_request(fine_tune_id), idle_timeout)
    return AsyncStream(send, FineTuneEvent.from_dict, max_event_size=max_event_size, strict=strict)
