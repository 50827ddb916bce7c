"""The rules of OpenAI's event streams, on top of the event format of `_sse_events`.

Each `data:` line holds one JSON chunk; `data: [DONE]` ends the stream; an `event: error` or a
`{"error": {...}}` chunk is a server error; a body that ends before `[DONE]` was cut short.

An event larger than `max_event_size` characters (default 1 MiB, far above any real chunk)
raises StreamError as soon as that much of it has arrived: an unfinished event is buffered whole,
so without the bound one endless line would grow the process without limit.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, AsyncIterator, Iterator
from json.scanner import make_scanner
from typing import Any, cast

import httpx

from ._sse_events import EventDecoder, ServerEvent
from .error_mapping import error_from_payload, redact_secret
from .exceptions import ConfigurationError, IncompleteStreamError, StreamError, StreamIdleTimeoutError

__all__ = ["DEFAULT_MAX_EVENT_SIZE", "aiter_payloads", "check_max_event_size", "iter_payloads"]

DONE = "[DONE]"
DEFAULT_MAX_EVENT_SIZE = 1 << 20
"""Characters one event (all its lines) may hold before the stream is refused."""


def check_max_event_size(limit: int) -> None:
    """Refuse a limit that is not a positive int with ConfigurationError (call it before sending)."""
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ConfigurationError(f"max_event_size must be an int >= 1, got {limit!r}")


# The C scanner under json.loads; typeshed wants a scanner as its argument, where it reads a JSONDecoder's settings.
_scan_json = make_scanner(cast(Any, json.JSONDecoder()))


def _json(data: str) -> object:
    """`json.loads(data)`, without its wrappers when the document fills `data` exactly (as every chunk does)."""
    try:
        value, end = _scan_json(data, 0)
    except StopIteration:  # no JSON value at the start (or leading blanks): json.loads says why, or parses it
        return json.loads(data)
    return value if end == len(data) else json.loads(data)


def _decoder(response: httpx.Response, max_event_size: int) -> EventDecoder:
    check_max_event_size(max_event_size)
    content_type = response.headers.get("content-type", "").partition(";")[0]
    if "text/event-stream" not in content_type:
        raise StreamError(f"expected a Content-Type of text/event-stream, got {content_type!r}")
    return EventDecoder(max_event_size)


def _payload(kind: str, data: str, response: httpx.Response) -> object | None:
    """The decoded chunk of one event, None for an event without data; raises for errors."""
    if not data and kind != "error":
        return None
    try:
        payload = _json(data)
    except ValueError:
        text = redact_secret(data, response)
        if kind == "error":
            raise error_from_payload(
                text, status=response.status_code, headers=response.headers, fallback_message=text
            ) from None
        raise StreamError(f"event data is not JSON: {text[:200]!r}") from None
    if kind == "error" or (type(payload) is dict and "error" in payload):
        # Only error text can reach the caller's logs, so only it is searched for the key (not every chunk).
        text = redact_secret(data, response)
        raise error_from_payload(
            json.loads(text), status=response.status_code, headers=response.headers, fallback_message=text
        )
    return payload


def _event_lists(texts: Iterator[str], decoder: EventDecoder) -> Iterator[list[ServerEvent]]:
    for text in texts:
        yield decoder.feed(text)
    yield decoder.end()


async def _aevent_lists(texts: AsyncIterator[str], decoder: EventDecoder) -> AsyncGenerator[list[ServerEvent], None]:
    async for text in texts:
        yield decoder.feed(text)
    yield decoder.end()


def _idle(response: httpx.Response) -> StreamIdleTimeoutError:
    timeout = response.request.extensions.get("timeout", {}).get("read")
    return StreamIdleTimeoutError(
        f"no data for {timeout} s while streaming {response.request.url.path}",
        idle_timeout=timeout,
    )


def _incomplete(received: int, cause: str) -> IncompleteStreamError:
    return IncompleteStreamError(
        f"stream ended before data: [DONE] ({cause}) after {received} events", events_received=received
    )


def iter_payloads(response: httpx.Response, max_event_size: int = DEFAULT_MAX_EVENT_SIZE) -> Iterator[object]:
    """Yield each decoded JSON chunk as soon as its event is complete; stop at `[DONE]`."""
    received = 0
    decoder = _decoder(response, max_event_size)
    try:
        for events in _event_lists(response.iter_text(), decoder):
            for kind, data in events:
                if data == DONE:
                    return
                payload = _payload(kind, data, response)
                if payload is not None:
                    received += 1
                    yield payload
    except httpx.ReadTimeout as exc:
        raise _idle(response) from exc
    except httpx.TransportError as exc:
        raise _incomplete(received, type(exc).__name__) from exc
    raise _incomplete(received, "end of body")


async def aiter_payloads(
    response: httpx.Response, max_event_size: int = DEFAULT_MAX_EVENT_SIZE
) -> AsyncIterator[object]:
    """The async twin of iter_payloads."""
    received = 0
    decoder = _decoder(response, max_event_size)
    event_lists = _aevent_lists(response.aiter_text(), decoder)
    try:
        async for events in event_lists:
            for kind, data in events:
                if data == DONE:
                    return
                payload = _payload(kind, data, response)
                if payload is not None:
                    received += 1
                    yield payload
    except httpx.ReadTimeout as exc:
        raise _idle(response) from exc
    except httpx.TransportError as exc:
        raise _incomplete(received, type(exc).__name__) from exc
    finally:
        await event_lists.aclose()
    raise _incomplete(received, "end of body")
