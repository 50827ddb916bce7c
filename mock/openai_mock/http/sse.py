"""Server-sent events: ``data: {json}`` chunks ended by ``data: [DONE]``, with latency and stream faults.

As per the SSE spec an event is its ``data:`` line(s) followed by a blank line; the JSON chunks
never contain a newline (orjson writes none), so one ``data:`` line per event is enough.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import aclosing
from typing import Any

import anyio
import orjson
from starlette.responses import StreamingResponse

from .faults import Fault
from .responses import error_body

__all__ = ["DONE", "FAULT_AFTER", "event_bytes", "sse_response"]

DONE = b"data: [DONE]\n\n"
# Stream faults strike after this many events (or before [DONE] when the stream is shorter).
FAULT_AFTER = 2


def event_bytes(payload: Any) -> bytes:
    return b"data: " + orjson.dumps(payload) + b"\n\n"


def _error_event() -> bytes:
    body = error_body("The server had an error while processing your request. Sorry about that!", "server_error")
    return b"event: error\n" + event_bytes(body)


async def _paced(events: AsyncGenerator[bytes, None], fault: Fault | None, latency_ms: float) -> AsyncIterator[bytes]:
    mode = fault.stream if fault is not None else None
    gap = latency_ms / 1000
    if mode == "slow" and fault is not None:
        gap += fault.interval_ms / 1000
    sent = 0
    async with aclosing(events):
        async for event in events:
            if mode in ("error", "cut") and sent == FAULT_AFTER:
                break
            if sent and gap:
                await anyio.sleep(gap)
            yield event
            sent += 1
    if mode == "cut":
        return
    if sent and gap:
        await anyio.sleep(gap)
    yield _error_event() if mode == "error" else DONE


def sse_response(
    events: AsyncGenerator[bytes, None], fault: Fault | None, latency_ms: float, headers: dict[str, str] | None = None
) -> StreamingResponse:
    """Each event is flushed as produced; the stream faults of ``fault`` apply."""
    return StreamingResponse(
        _paced(events, fault, latency_ms),
        media_type="text/event-stream",
        headers={"cache-control": "no-cache", **(headers or {})},
    )
