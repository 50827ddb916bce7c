"""openai_client streams: an event larger than `max_event_size` is refused before it fills the memory."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from overlay_support import RecordingStream, chat_chunk, make_client, split_at, sse_bytes, sse_response

from openai_client._sse import DEFAULT_MAX_EVENT_SIZE, iter_payloads
from openai_client.exceptions import ConfigurationError, StreamError
from openai_client.streaming import astream_chat_completion, stream_chat_completion

CHAT_BODY = {"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "hi"}]}
PIECE = 64 * 1024


def _endless_line(pieces: int) -> RecordingStream:
    """A stream whose first event never ends: `data: xxxx...` for `pieces` reads of 64 KiB."""
    return RecordingStream([b"data: "] + [b"x" * PIECE] * pieces)


def test_an_endless_line_raises_stream_error_after_about_the_limit_not_the_whole_body() -> None:
    body = _endless_line(pieces=200)  # 12.5 MiB: far more than the limit
    client = make_client(lambda request: sse_response(body))
    with pytest.raises(StreamError, match="max_event_size"), stream_chat_completion(client, CHAT_BODY) as stream:
        list(stream)
    # Read no further than the limit and one piece: the rest of the body never reached memory.
    assert body.consumed <= DEFAULT_MAX_EVENT_SIZE // PIECE + 2
    assert body.closed


def test_the_limit_is_configurable_and_counts_every_line_of_one_event() -> None:
    many_lines = b"".join(b"data: " + b"y" * 50 + b"\n" for _ in range(10)) + b"\n"
    body = RecordingStream([sse_bytes(chat_chunk("fine"), done=False), many_lines, sse_bytes()])
    client = make_client(lambda request: sse_response(body))
    seen: list[str | None] = []
    with (
        stream_chat_completion(client, CHAT_BODY, max_event_size=400) as stream,
        pytest.raises(StreamError, match=r"max_event_size \(400 characters\)"),
    ):
        seen.extend(chunk.choices[0].delta.content for chunk in stream)
    assert seen == ["fine"]
    sent: list[httpx.Request] = []

    def server(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return sse_response(RecordingStream([sse_bytes()]))

    for bad in (0, -1, 1.5, True):
        with pytest.raises(ConfigurationError, match="max_event_size"):
            stream_chat_completion(make_client(server), CHAT_BODY, max_event_size=bad)  # type: ignore[arg-type]
    assert sent == []  # refused before anything was sent


def test_many_small_events_in_one_piece_are_not_one_large_event() -> None:
    payloads = [chat_chunk(f"t{i}") for i in range(200)]
    whole = sse_bytes(*payloads, newline="\r\n")
    limit = max(len(json.dumps(p)) for p in payloads) + 16
    assert len(whole) > 20 * limit
    body = RecordingStream([whole])
    client = make_client(lambda request: sse_response(body))
    with stream_chat_completion(client, CHAT_BODY, max_event_size=limit) as stream:
        assert [c.choices[0].delta.content for c in stream] == [f"t{i}" for i in range(200)]


def test_async_streams_apply_the_limit() -> None:
    body = _endless_line(pieces=40)
    client = make_client(lambda request: sse_response(body))

    async def main() -> None:
        async with astream_chat_completion(client, CHAT_BODY, max_event_size=PIECE) as stream:
            async for _ in stream:
                pass

    with pytest.raises(StreamError, match="max_event_size"):
        asyncio.run(main())
    assert body.consumed <= 3


LIMIT = 300
SLACK = 4  # an event end split across two pieces may be counted a few characters late


def _response(data: bytes, cuts: list[int]) -> httpx.Response:
    response = sse_response(RecordingStream(split_at(data, *cuts)))
    response.request = httpx.Request("POST", "https://api.example.test/v1/chat/completions")
    return response


@settings(max_examples=150, deadline=None)
@given(
    sizes=st.lists(st.integers(8, LIMIT - SLACK) | st.integers(LIMIT + SLACK, 2 * LIMIT), min_size=1, max_size=8),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    cut_fractions=st.lists(st.floats(0, 1), max_size=12),
)
def test_refused_exactly_when_some_event_is_over_the_limit(
    sizes: list[int], newline: str, cut_fractions: list[float]
) -> None:
    # Each event is one `data:` line of `size` characters holding a JSON string.
    events = [json.dumps("z" * (size - len('data: ""'))) for size in sizes]
    data = "".join(f"data: {text}{newline}{newline}" for text in events).encode() + b"data: [DONE]\n\n"
    cuts = sorted({int(f * len(data)) for f in cut_fractions})
    payloads = iter_payloads(_response(data, cuts), max_event_size=LIMIT)
    if any(size > LIMIT for size in sizes):
        with pytest.raises(StreamError, match="max_event_size"):
            list(payloads)
    else:
        assert len(list(payloads)) == len(sizes)
