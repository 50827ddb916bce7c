"""The incremental SSE parser: the same events however the bytes are split, each with its exact bytes."""

from __future__ import annotations

import pytest

from openai_mock.proxy.events import EventBlock, EventParser, ServerEvent

STREAM = (
    b": keep-alive\r\n\r\n"
    b'data: {"a": 1}\r\n\r\n'
    b"event: error\nid: 7\nretry: 100\ndata: first\ndata: second\n\n"
    b"data: cr only\r\r"
    b"data: [DONE]\n\n"
)
EXPECTED = [
    None,
    ServerEvent('{"a": 1}'),
    ServerEvent("first\nsecond", "error", "7", "100"),
    ServerEvent("cr only"),
    ServerEvent("[DONE]"),
]


def _parse(chunks: list[bytes]) -> list[EventBlock]:
    parser = EventParser()
    blocks = [block for part in chunks for block in parser.feed(part)]
    tail = parser.finish()
    return blocks + ([tail] if tail is not None else [])


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 16, len(STREAM)])
def test_events_are_the_same_however_the_stream_is_split(size: int) -> None:
    blocks = _parse([STREAM[i : i + size] for i in range(0, len(STREAM), size)])
    assert [block.event for block in blocks] == EXPECTED
    assert b"".join(block.raw for block in blocks) == STREAM  # forwarded block by block, nothing is lost


def test_a_crlf_split_between_chunks_ends_one_line_not_two() -> None:
    blocks = _parse([b"data: x\r", b"\ndata: y\r\n\r\n"])
    assert [block.event for block in blocks] == [ServerEvent("x\ny")]


def test_a_last_event_without_its_blank_line_is_returned_by_finish() -> None:
    parser = EventParser()
    assert parser.feed(b"data: [DONE]") == []
    tail = parser.finish()
    assert tail is not None and tail.event == ServerEvent("[DONE]") and tail.raw == b"data: [DONE]"
    assert parser.finish() is None
