"""The training-file check fed in chunks: the verdict does not depend on where chunks end, and it is exact."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openai_mock.errors import InvalidRequestError
from openai_mock.store.jsonl import (
    MAX_JSONL_LINE_BYTES,
    FineTuneLines,
    _examples_if_one_per_line,
    validate_fine_tune_jsonl,
)

EXAMPLE = b'{"prompt": "q \\u00e9 ->", "completion": " a\\n"}'


def verdict(chunks: list[bytes]) -> int | str:
    lines = FineTuneLines()
    for chunk in chunks:
        lines.feed(chunk)
    try:
        return lines.finish()
    except InvalidRequestError as exc:
        assert exc.param == "file"
        return exc.message


CONTENTS = [
    EXAMPLE + b"\n" + EXAMPLE + b"\n",
    b"\xef\xbb\xbf" + EXAMPLE + b"\r\n\r\n  \n" + EXAMPLE,  # a BOM, CRLF, blank lines, no final newline
    EXAMPLE + b"\n" + b'{"completion": "x", "prompt": "y"}\n',
    EXAMPLE + b"\n\nnot json\n" + EXAMPLE + b"\n",
    EXAMPLE + b"\n" + b'{"prompt": "a", "completion": 1}\n',
    EXAMPLE + b"\n" + b'{"prompt": "a", "completion": "b", "x": null}\n',
    EXAMPLE + b"\n" + b'{"prompt": "a", "prompt": "b"}\n',
    EXAMPLE + b"\n" + b'[{"prompt": "a", "completion": "b"}]\n',
    EXAMPLE + b"\n" + b'{"prompt": "\xff", "completion": "b"}\n',  # not UTF-8
    b"\xef\xbb\xbf\n" + EXAMPLE,
    b" \n\n",
]


@pytest.mark.parametrize("content", CONTENTS)
def test_the_verdict_does_not_depend_on_where_chunks_end(content: bytes) -> None:
    whole = verdict([content])
    for cut in range(1, len(content)):
        assert verdict([content[:cut], content[cut:]]) == whole, cut
    assert verdict([content[i : i + 1] for i in range(len(content))]) == whole


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (CONTENTS[0], 2),
        (CONTENTS[1], 2),
        (CONTENTS[3], "Line 3 is not a dictionary"),
        (CONTENTS[4], "`completion` to be a string on line 2"),
        (CONTENTS[5], "'x' was unexpected) on line 2"),
        (CONTENTS[6], "Missing `completion` key on line 2"),
        (CONTENTS[7], "Line 2 is not a dictionary"),
        (CONTENTS[8], "Line 2 is not a dictionary"),
        (CONTENTS[9], "Line 1 is not a dictionary"),
        (CONTENTS[10], "at least one"),
    ],
)
def test_each_verdict_names_the_line(content: bytes, expected: int | str) -> None:
    found = verdict([content])
    assert found == expected if isinstance(expected, int) else expected in str(found)


def test_lines_that_are_json_only_when_joined_are_refused() -> None:
    # Each is a piece of an object, or two objects: valid as one JSON array, never line by line.
    split_object = EXAMPLE + b'\n{"prompt": "a",\n"completion": "b"}\n'
    assert "Line 2 is not a dictionary" in str(verdict([split_object]))
    absorbed = EXAMPLE + b'\n{"prompt": "a\n", "completion": "b"}, {"prompt": "x", "completion": "y"}\n'
    assert "Line 2 is not a dictionary" in str(verdict([absorbed]))
    two_on_one = EXAMPLE + b"\n" + EXAMPLE + b", " + EXAMPLE + b"\n"
    assert "Line 2 is not a dictionary" in str(verdict([two_on_one]))


def test_the_line_limit_counts_the_newline() -> None:
    def line(total: int) -> bytes:  # an example of exactly `total` bytes, newline excluded
        filler = total - len(b'{"prompt": "", "completion": "b"}')
        return b'{"prompt": "' + b"x" * filler + b'", "completion": "b"}'

    assert verdict([EXAMPLE + b"\n" + line(MAX_JSONL_LINE_BYTES - 1) + b"\n"]) == 2
    too_long = verdict([EXAMPLE + b"\n" + line(MAX_JSONL_LINE_BYTES) + b"\n" + EXAMPLE])
    assert f"Line 2 of the file is longer than {MAX_JSONL_LINE_BYTES} bytes" in str(too_long)
    assert verdict([EXAMPLE + b"\n" + line(MAX_JSONL_LINE_BYTES)]) == 2  # a last line without its newline
    assert "Line 2 of the file is longer" in str(verdict([EXAMPLE + b"\n" + line(MAX_JSONL_LINE_BYTES + 1)]))


def test_a_bad_line_after_many_good_ones_is_named(tmp_path: Path) -> None:
    good = (EXAMPLE + b"\n") * 50_000  # several blocks of the check
    path = tmp_path / "train.jsonl"
    path.write_bytes(good + b'{"prompt": "a"}\n' + good)
    with pytest.raises(InvalidRequestError, match="Missing `completion` key on line 50001"):
        validate_fine_tune_jsonl(path)
    path.write_bytes(good)
    assert validate_fine_tune_jsonl(path) == 50_000


# The block check (one msgspec read of many lines) must refuse whatever some line would refuse alone;
# each of these blocks holds lines that are not each one example, though msgspec reads it as examples.
NOT_ONE_EXAMPLE_PER_LINE = [
    EXAMPLE + b'\n{"prompt": "a",\n"completion": "b"}\n',  # one example over two lines
    EXAMPLE + b'\n{"prompt": "a",\n"completion": "b"}\n' + EXAMPLE + b" " + EXAMPLE + b"\n",  # ... and two on one
    EXAMPLE + b" " + EXAMPLE + b"\n",
    EXAMPLE + b"\n\n" + EXAMPLE + b"\n",  # a blank line
    b'{"prompt": "a", "completion": "b", "x": "}"}\n',
    b"\xef\xbb\xbf" + EXAMPLE + b"\n",  # a BOM: the line-by-line check strips it
    EXAMPLE + b"\n" + b'{"prompt": "\\ud800", "completion": "b"}\n',  # a lone surrogate
    EXAMPLE + b"\n" + b'{"prompt": "\xc3(", "completion": "b"}\n',  # a string that is not UTF-8
    EXAMPLE + b"\n" + b'{"prompt": "\xed\xa0\x80", "completion": "b"}\n',  # a surrogate written in UTF-8
    b'{"prompt": 1, "completion": "b"}\n' + EXAMPLE + b"\n",  # values that are not strings
    EXAMPLE + b"\n" + b'{"prompt": "a", "completion": ["b"]}\n',
    EXAMPLE + b"\n" + b'{"prompt": {"a": "b"}, "completion": null}\n',
    b'{"prompt": ' + b"[" * 5000 + b"]" * 5000 + b', "completion": "b"}\n',  # nested deeper than msgspec goes
    # Against the framing of each line as an array: a string split by a raw newline, two framed values on a
    # line, brackets that would close and open the frames.
    b'{"prompt": "a\nb", "completion": "c"}\n',
    EXAMPLE + b"] [" + EXAMPLE + b"\n",
    EXAMPLE + b"]\n[" + EXAMPLE + b"\n",
    b"[" + EXAMPLE + b"]\n",
]


@pytest.mark.parametrize("block", NOT_ONE_EXAMPLE_PER_LINE)
def test_the_block_check_leaves_to_the_line_check_what_it_cannot_vouch_for(block: bytes) -> None:
    assert _examples_if_one_per_line(block) is None


def test_the_block_check_counts_plain_examples_and_crlf_lines() -> None:
    plain = EXAMPLE + b"\n" + b'{"completion": "}", "prompt": "{"}\r\n' + b' \t{"prompt":"","completion":"]["} \n'
    assert _examples_if_one_per_line(plain) == 3
    assert verdict([plain]) == 3


def reference(content: bytes) -> int | str:
    """The rules read directly: line by line with orjson, the first bad line named."""
    examples = 0
    lines = content.split(b"\n")
    for number, raw in enumerate(lines, 1):
        if len(raw) + (number < len(lines)) > MAX_JSONL_LINE_BYTES:
            return f"Line {number} of the file is longer"
        if not raw.strip():
            continue
        try:
            obj = orjson.loads(raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw)
        except orjson.JSONDecodeError:
            return f"Line {number} is not a dictionary"
        if not isinstance(obj, dict):
            return f"Line {number} is not a dictionary"
        if set(obj) != {"prompt", "completion"} or not all(isinstance(v, str) for v in obj.values()):
            return f"line {number}"
        examples += 1
    return examples or "at least one"


PIECES = [
    EXAMPLE,
    b'{"completion": "}", "prompt": "{"}',
    b'{"prompt": "a",',
    b'"completion": "b"}',
    b'{"prompt": 1, "completion": "b"}',
    b'{"prompt": "a", "completion": "b", "n": 1}',
    b'{"prompt": "\\ud83d\\ude00", "completion": "\\ud800"}',
    b'{"prompt": "\xc3\xa9", "completion": "\xc3"}',
    b'["prompt", "completion"]',
    b"",
    b" ",
    b"\r",
    b"\n",
    b", ",
    b"}",
    b"{",
]


@settings(derandomize=True, max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12), st.integers(1, 40))
def test_the_check_agrees_with_the_rules_read_line_by_line(pieces: list[bytes], cut: int) -> None:
    content = b"\n".join(pieces)
    expected = reference(content)
    for chunks in ([content], [content[i : i + cut] for i in range(0, len(content), cut)]):
        found = verdict(chunks)
        assert found == expected if isinstance(expected, int) else expected in str(found), (found, expected)
