"""The rules of OpenAI's event streams, on top of httpx-sse's parser.

Each `data:` line holds one JSON chunk; `data: [DONE]` ends the stream; an `event: error` or a
`{"error": {...}}` chunk is a server error; a body that ends before `[DONE]` was cut short.

An event larger than `max_event_size` characters (default 1 MiB, far above any real chunk)
raises StreamError as soon as that much of it has arrived: httpx-sse buffers an unfinished line
and event whole, so without the bound one endless line would grow the process without limit.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterator
from typing import cast

import httpx
from httpx_sse import EventSource, ServerSentEvent, SSEError

from .error_mapping import error_from_payload, redact_secret
from .exceptions import ConfigurationError, IncompleteStreamError, StreamError, StreamIdleTimeoutError

__all__ = ["DEFAULT_MAX_EVENT_SIZE", "aiter_payloads", "check_max_event_size", "iter_payloads"]

DONE = "[DONE]"
DEFAULT_MAX_EVENT_SIZE = 1 << 20
"""Characters one event (all its lines) may hold before the stream is refused."""

# A blank line ends an event: two line breaks in a row, where CR LF counts as one break.
_EVENT_END = re.compile(r"\r\n\r\n|\n\n|\r\r|\n\r|\r\n\n")


def check_max_event_size(limit: int) -> None:
    """Refuse a limit that is not a positive int with ConfigurationError (call it before sending)."""
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ConfigurationError(f"max_event_size must be an int >= 1, got {limit!r}")


class _EventSizeGuard:
    """Follows the text of a stream, counting the characters of the event not yet ended."""

    def __init__(self, limit: int) -> None:
        check_max_event_size(limit)
        self.limit = limit
        self.pending = 0
        self.tail = ""  # the end of the previous piece, for an event end split across two pieces

    def feed(self, text: str) -> None:
        size = len(text)
        if self.pending + size <= self.limit:
            # Cannot be over the limit yet: only track where the unfinished event starts.
            end = text.rfind("\n\n")
            if "\r" in text:
                end = max(end, text.rfind("\r\r"), text.rfind("\n\r"))
            if end >= 0:
                self.pending = size - end - 2
            elif _EVENT_END.search(self.tail + text[:3]):
                self.pending = size
            else:
                self.pending += size
        else:
            self._measure(text)
        self.tail = text[-3:]

    def _measure(self, text: str) -> None:
        # Rare: this piece could carry an event past the limit, so measure every event in it.
        # Positions are in `tail + text`; only characters of `text` are new to `pending`.
        joined = self.tail + text
        fresh = len(self.tail)
        pending = self.pending
        start = fresh
        for match in _EVENT_END.finditer(joined):
            if match.end() <= fresh:
                continue  # an event end seen whole with the previous piece
            pending += max(0, match.start() - start)
            if pending > self.limit:
                break
            pending = 0
            start = max(match.end(), fresh)
        else:
            pending += len(joined) - start
        if pending > self.limit:
            raise StreamError(
                f"an event grew beyond max_event_size ({self.limit} characters) before it ended;"
                " the stream is closed (raise max_event_size if such events are expected)"
            )
        self.pending = pending


class _BoundedSource:
    """What httpx-sse's EventSource reads of a response (`headers`, `iter_text`, `aiter_text`),
    with each piece of text passed through an _EventSizeGuard first."""

    def __init__(self, response: httpx.Response, limit: int) -> None:
        self.response = response
        self.headers = response.headers
        self.guard = _EventSizeGuard(limit)

    def iter_text(self) -> Iterator[str]:
        feed = self.guard.feed
        for text in self.response.iter_text():
            feed(text)
            yield text

    async def aiter_text(self) -> AsyncIterator[str]:
        feed = self.guard.feed
        async for text in self.response.aiter_text():
            feed(text)
            yield text


def _event_source(response: httpx.Response, max_event_size: int) -> EventSource:
    return EventSource(cast(httpx.Response, _BoundedSource(response, max_event_size)))


def _payload(sse: ServerSentEvent, response: httpx.Response) -> object | None:
    """The decoded chunk of one event, None for an event without data; raises for errors."""
    data = sse.data
    if not data and sse.event != "error":
        return None
    try:
        payload: object = json.loads(data)
    except ValueError:
        text = redact_secret(data, response)
        if sse.event == "error":
            raise error_from_payload(
                text, status=response.status_code, headers=response.headers, fallback_message=text
            ) from None
        raise StreamError(f"event data is not JSON: {text[:200]!r}") from None
    if sse.event == "error" or (isinstance(payload, dict) and "error" in payload):
        # Only error text can reach the caller's logs, so only it is searched for the key (not every chunk).
        text = redact_secret(data, response)
        raise error_from_payload(
            json.loads(text), status=response.status_code, headers=response.headers, fallback_message=text
        )
    return payload


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
    source = _event_source(response, max_event_size)
    try:
        for sse in source.iter_sse():
            if sse.data == DONE:
                return
            payload = _payload(sse, response)
            if payload is not None:
                received += 1
                yield payload
    except SSEError as exc:
        raise StreamError(str(exc)) from exc
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
    events = _event_source(response, max_event_size).aiter_sse()
    try:
        async for sse in events:
            if sse.data == DONE:
                return
            payload = _payload(sse, response)
            if payload is not None:
                received += 1
                yield payload
    except SSEError as exc:
        raise StreamError(str(exc)) from exc
    except httpx.ReadTimeout as exc:
        raise _idle(response) from exc
    except httpx.TransportError as exc:
        raise _incomplete(received, type(exc).__name__) from exc
    finally:
        await events.aclose()
    raise _incomplete(received, "end of body")
