"""The rules of OpenAI's event streams, on top of httpx-sse's parser.

Each `data:` line holds one JSON chunk; `data: [DONE]` ends the stream; an `event: error` or a
`{"error": {...}}` chunk is a server error; a body that ends before `[DONE]` was cut short.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator

import httpx
from httpx_sse import EventSource, ServerSentEvent, SSEError

from .error_mapping import error_from_payload, redact_secret
from .exceptions import IncompleteStreamError, StreamError, StreamIdleTimeoutError

__all__ = ["aiter_payloads", "iter_payloads"]

DONE = "[DONE]"


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


def iter_payloads(response: httpx.Response) -> Iterator[object]:
    """Yield each decoded JSON chunk as soon as its event is complete; stop at `[DONE]`."""
    received = 0
    try:
        for sse in EventSource(response).iter_sse():
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


async def aiter_payloads(response: httpx.Response) -> AsyncIterator[object]:
    """The async twin of iter_payloads."""
    received = 0
    events = EventSource(response).aiter_sse()
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
