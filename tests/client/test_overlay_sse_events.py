"""openai_client._sse_events: the event stream format, fed in pieces cut anywhere."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openai_client._sse_events import EventDecoder, ServerEvent
from openai_client.exceptions import StreamError

BODY = (
    ": a comment, then an event of two data lines\n"
    "data: first\n"
    "data:second, no space after the colon\n"
    "\n"
    "event: error\n"
    "id: 7\n"
    "retry: 1000\n"
    'data: {"error": {"message": "x"}}\n'
    "\n"
    "\n"
    "\n"
    "id: 8\n"
    "retry: 5\n"
    "\n"
    "event: custom\n"
    "\n"
    "data\n"
    "\n"
    "data:  two spaces, one kept\n"
    "unknown: field\n"
    "\n"
    "data: caf\u00e9 \u2603\n"
    "\n"
    "data: [DONE]\n"
    "\n"
    "data: never ended"
)
EVENTS = [
    ("message", "first\nsecond, no space after the colon"),
    ("error", '{"error": {"message": "x"}}'),
    ("custom", ""),
    ("message", ""),
    ("message", " two spaces, one kept"),
    ("message", "caf\u00e9 \u2603"),
    ("message", "[DONE]"),
]


def _decode(pieces: list[str], limit: int = 1 << 20) -> list[ServerEvent]:
    decoder = EventDecoder(limit)
    events: list[ServerEvent] = []
    for piece in pieces:
        events.extend(decoder.feed(piece))
    events.extend(decoder.end())
    return events


def _reference(text: str) -> list[ServerEvent]:
    """The spec's algorithm, line by line."""
    text = text.removeprefix("\ufeff")
    lines = re.split(r"\r\n|\r|\n", text)
    lines.pop()  # what follows the last line end is no line: the body ended in the middle of it
    events: list[ServerEvent] = []
    kind, data = "", []
    for line in lines:
        if not line:
            if data or kind:
                events.append((kind or "message", "\n".join(data)))
            kind, data = "", []
        elif not line.startswith(":"):
            name, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if name == "data":
                data.append(value)
            elif name == "event":
                kind = value
    return events


def test_the_reference_reads_the_sample_body_as_expected() -> None:
    assert _reference(BODY) == EVENTS


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_cut_into_two_pieces_gives_the_same_events(newline: str) -> None:
    text = BODY.replace("\n", newline)
    assert _decode([text]) == EVENTS
    for cut in range(len(text) + 1):
        assert _decode([text[:cut], text[cut:]]) == EVENTS, cut


def test_every_cut_into_three_pieces_around_each_line_end() -> None:
    text = BODY.replace("\n", "\r\n")
    ends = [match.start() for match in re.finditer("\r\n", text)]
    for end in ends:
        for first in (end - 1, end, end + 1):
            for second in (end + 1, end + 2, end + 3):
                pieces = [text[:first], text[first:second], text[second:]]
                assert _decode(pieces) == EVENTS, (first, second)


def test_a_crlf_split_between_two_reads_is_one_line_end() -> None:
    # Taken as two line ends, the LF would be a blank line ending the event after "a".
    assert _decode(["data: a\r", "\ndata: b\r\n\r\n"]) == [("message", "a\nb")]
    assert _decode(["data: a\r\n\r", "\ndata: b\r\n\r\n"]) == [("message", "a"), ("message", "b")]


def test_a_cr_at_the_very_end_of_the_body_ends_a_line() -> None:
    assert _decode(["data: a\r\r"]) == [("message", "a")]
    assert _decode(["data: a\r", "\r"]) == [("message", "a")]
    assert _decode(["data: a\r"]) == []  # one line end only: the event never ended


def test_a_byte_order_mark_is_dropped_only_at_the_start_of_the_stream() -> None:
    assert _decode(["\ufeffdata: a\n\n"]) == [("message", "a")]
    assert _decode(["", "\ufeff", "data: a\n\n"]) == [("message", "a")]
    assert _decode(["data: a\n\n", "\ufeffdata: b\n\n"]) == [("message", "a")]  # `\ufeffdata` is no field name


def test_an_unfinished_event_over_the_limit_raises_as_soon_as_it_is_fed() -> None:
    decoder = EventDecoder(100)
    for _ in range(5):
        assert decoder.feed("x" * 20) == []  # 100 characters: at the limit, not over it
    with pytest.raises(StreamError, match=r"max_event_size \(100 characters\)"):
        decoder.feed("x")


def test_a_whole_event_is_measured_even_when_it_arrives_in_one_piece() -> None:
    exact = "data: " + "y" * 94  # 100 characters
    assert _decode([f"{exact}\n\n{exact}\n\n"], limit=100) == [("message", "y" * 94)] * 2
    with pytest.raises(StreamError, match="max_event_size"):
        _decode([f"{exact}\n\n{exact}y\n\ndata: z\n\n"], limit=100)
    many_lines = "".join(f"data: {i}\n" for i in range(30)) + "\n"  # short lines, one long event
    with pytest.raises(StreamError, match="max_event_size"):
        _decode([many_lines], limit=100)


LINES = st.sampled_from(
    [
        "",
        "",
        "data: {}",
        'data: {"choices": [{"delta": {"content": "hi"}}]}',
        "data:x",
        "data",
        "data:  spaced",
        "data: [DONE]",
        "data: caf\u00e9",
        "data: \ufeff in the middle",
        ": comment",
        ":",
        "event: error",
        "event:",
        "id: 1",
        "retry: 10",
        "retry: soon",
        "other: value",
        "nocolon",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(st.tuples(LINES, st.sampled_from(["\n", "\r\n", "\r"])), max_size=30),
    bom=st.booleans(),
    cut_fractions=st.lists(st.floats(0, 1), max_size=10),
)
def test_pieces_cut_anywhere_give_the_events_the_spec_reads(
    lines: list[tuple[str, str]], bom: bool, cut_fractions: list[float]
) -> None:
    text = ("\ufeff" if bom else "") + "".join(line + newline for line, newline in lines)
    cuts = sorted({int(fraction * len(text)) for fraction in cut_fractions})
    pieces = [text[start:end] for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    assert _decode(pieces) == _reference(text)
