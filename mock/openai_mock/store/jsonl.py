"""The check of a fine-tune training file, fed its bytes as they arrive (in any chunks) or read from disk.

Every non-empty line must be a JSON object with exactly the string keys ``prompt`` and
``completion``; errors name the first bad line (1-based) and the param ``file``. At most one
unfinished line (``MAX_JSONL_LINE_BYTES``) is held between chunks, so the memory a check takes is
bounded whatever the file holds; orjson refuses nesting deeper than 1024 levels instead of recursing.

A block of lines is first read by msgspec in one call (``_examples_if_one_per_line``): a parse per line
cost most of an upload's time. Only a block that is not plainly one example per line is checked line
by line, which names the first bad one. Chunks are read where they lie (a ``memoryview`` of the
reader's buffer will do): only the unfinished line is copied out.
"""

from __future__ import annotations

import codecs
import itertools
import operator
from pathlib import Path

import msgspec
import numpy as np
import numpy.typing as npt
import orjson

from ..errors import InvalidRequestError

__all__ = ["MAX_JSONL_LINE_BYTES", "FineTuneLines", "validate_fine_tune_jsonl"]

# One example is a prompt and a completion within a 2,049-token context: a few KB. A line this long is
# not one, and reading it whole would let one upload take that much memory.
MAX_JSONL_LINE_BYTES = 1024 * 1024
_BLOCK_BYTES = 1 << 20  # larger chunks are checked a slice at a time, so the parsed lines stay few
_KEYS = ("prompt", "completion")
_example_values = operator.itemgetter(*_KEYS)
_BOM = b"\xef\xbb\xbf"  # editors on Windows start UTF-8 files with one
_NEWLINE, _CR, _CLOSE, _QUOTE = b"\n\r}\""
_ASCII_END = 0x80

Chunk = bytes | memoryview


class _Example(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """The values are kept as msgspec read them (no ``str`` made: that was most of the read); a JSON value
    is a string exactly when its first byte is a quote, which ``_all_strings`` checks for all at once."""

    prompt: msgspec.Raw
    completion: msgspec.Raw


_examples = msgspec.json.Decoder(_Example)
_prompt, _completion = operator.attrgetter("prompt"), operator.attrgetter("completion")


class _Masks:
    """Two byte masks kept from block to block: fresh ones cost a page fault per 4 KB they span, more
    than the comparisons that fill them."""

    def __init__(self) -> None:
        self._newlines = self._closes = np.empty(0, np.bool_)

    def take(self, size: int) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
        if len(self._newlines) < size:
            self._newlines, self._closes = np.empty(size, np.bool_), np.empty(size, np.bool_)
        return self._newlines[:size], self._closes[:size]


def _all_strings(examples: list[_Example]) -> bool:
    """Whether every value is a JSON string: the values joined, the byte where each starts is a quote."""
    values = [*map(_prompt, examples), *map(_completion, examples)]
    sizes = np.fromiter(map(len, values), np.intp, len(values))
    starts = np.cumsum(sizes) - sizes
    return bool((np.frombuffer(b"".join(values), np.uint8)[starts] == _QUOTE).all())


def _utf8(raw: npt.NDArray[np.uint8]) -> bool:
    """Whether the bytes are UTF-8 (msgspec does not check the strings it leaves raw); ASCII at a glance."""
    if len(raw) == 0 or int(raw.max()) < _ASCII_END:
        return True
    try:
        codecs.utf_8_decode(raw, "strict", True)
    except UnicodeDecodeError:
        return False
    return True


def _examples_if_one_per_line(
    data: Chunk, masks: _Masks, newlines_found: npt.NDArray[np.bool_] | None = None
) -> int | None:
    """The number of lines in ``data`` (whole lines) if each is one example, with JSON whitespace around it
    but no newline; ``None`` when that is not plain, for the line-by-line check to decide.

    msgspec reads JSON Lines as values apart by any whitespace, so its count alone would pass an object
    split over two lines next to two objects on one line. The brace before each newline settles it: no
    JSON string holds a raw newline (or CR), so a ``}`` right before one (a CR between) is a token, which
    closes an example (an example holds no brace token but its own). With such a ``}`` ending every line
    and as many examples as lines, no example spans two lines (the first would end inside it) and no
    line holds two (there would be more examples than line ends). ``newlines_found``: the newline mask of
    ``data``, when the caller has it.
    """
    raw = np.frombuffer(data, np.uint8)
    newlines, closes = masks.take(len(raw))
    if newlines_found is None:
        np.equal(raw, _NEWLINE, out=newlines)
    else:
        newlines = newlines_found
    lines = int(np.count_nonzero(newlines))
    np.equal(raw[:-1], _CLOSE, out=closes[1:])
    closed = int(np.count_nonzero(np.logical_and(newlines[1:], closes[1:], out=closes[1:])))
    if closed < lines:  # CRLF lines, or lines that are not plain
        closed += int(np.count_nonzero(newlines[2:] & (raw[1:-1] == _CR) & (raw[:-2] == _CLOSE)))
    if closed != lines or (len(data) > MAX_JSONL_LINE_BYTES and _longest_line(newlines) > MAX_JSONL_LINE_BYTES):
        return None
    if not _utf8(raw):
        return None
    try:
        examples = _examples.decode_lines(data)
    except (msgspec.DecodeError, RecursionError):  # a validation error is one too; so is a value nested deep
        return None
    return lines if len(examples) == lines and _all_strings(examples) else None


def _longest_line(newlines: npt.NDArray[np.bool_]) -> int:
    """The longest line's length, its newline counted (as the limit counts it)."""
    return int(np.diff(np.flatnonzero(newlines), prepend=-1).max())


def _too_long(number: int) -> InvalidRequestError:
    return InvalidRequestError(
        f"Line {number} of the file is longer than {MAX_JSONL_LINE_BYTES} bytes; every line must be one "
        "prompt/completion example.",
        param="file",
    )


def _check_line(number: int, raw: bytes) -> bool:
    """Whether line ``number`` is an example (``False``: a blank line); raises the 400 naming it otherwise."""
    if not raw.strip():
        return False
    if number == 1:
        raw = raw.removeprefix(_BOM)
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError:
        obj = None
    if not isinstance(obj, dict):
        raise InvalidRequestError(
            "Expected file to have JSONL format, where every line is a valid JSON dictionary. "
            f"Line {number} is not a dictionary.",
            param="file",
        )
    for key in _KEYS:
        if key not in obj:
            raise InvalidRequestError(
                f"Expected file to have JSONL format with prompt/completion keys. Missing `{key}` key "
                f"on line {number}.",
                param="file",
            )
        if not isinstance(obj[key], str):
            raise InvalidRequestError(f"Expected `{key}` to be a string on line {number}.", param="file")
    extra = sorted(set(obj) - set(_KEYS))
    if extra:
        raise InvalidRequestError(
            f"Additional properties are not allowed ('{extra[0]}' was unexpected) on line {number}.",
            param="file",
        )
    return True


def _all_examples(lines: list[bytes]) -> bool:
    """Whether every line is an example, checked with C-level maps (no Python code runs per line)."""
    try:
        objects = list(map(orjson.loads, lines))
        # A dict holding both keys, and no other: anything else orjson returns refuses a str index.
        values = list(map(_example_values, objects))
    except (orjson.JSONDecodeError, TypeError, KeyError):
        return False
    only_the_keys = sum(map(len, objects)) == len(_KEYS) * len(objects)
    return only_the_keys and set(map(type, itertools.chain.from_iterable(values))) <= {str}


class FineTuneLines:
    """Checks a training file fed in chunks; ``finish()`` returns the number of examples or raises.

    The first error is kept (and the rest of the file skipped) rather than raised by ``feed``, so that
    an upload still meets its other checks (the form, the quota) in the order it always has.
    """

    def __init__(self) -> None:
        self._tail = b""  # the unfinished last line
        self._lines = 0  # lines finished so far
        self.examples = 0
        self.error: InvalidRequestError | None = None
        self.largest_buffer = 0  # the longest unfinished line held between chunks, for tests of the bound
        self._masks = _Masks()
        self._head_masks = _Masks()  # the line begun in the last piece has masks of its own

    def feed(self, chunk: Chunk) -> None:
        """Check the next piece; it is not kept (a buffer may be filled again once this returns)."""
        if self.error is not None:
            return
        view = memoryview(chunk)
        try:
            for start in range(0, len(view), _BLOCK_BYTES):
                self._feed(view[start : start + _BLOCK_BYTES])
        except InvalidRequestError as exc:
            self.error, self._tail = exc, b""

    def _feed(self, chunk: memoryview) -> None:
        raw = np.frombuffer(chunk, np.uint8)
        newlines, _ = self._masks.take(len(raw))
        np.equal(raw, _NEWLINE, out=newlines)
        first = int(newlines.argmax()) if len(raw) else 0
        if len(raw) and newlines[first]:
            end = len(raw) - int(newlines[::-1].argmax())
            start = 0
            if self._tail:  # the line begun in the last piece, checked alone
                head, self._tail, start = self._tail + chunk[: first + 1], b"", first + 1
                self._check_block(head, self._head_masks, None)
            if start < end:
                self._check_block(chunk[start:end], self._masks, newlines[start:end])
            rest = bytes(chunk[end:])
        else:
            rest, self._tail = self._tail + chunk, b""
        if len(rest) > MAX_JSONL_LINE_BYTES:
            raise _too_long(self._lines + 1)
        self._tail = rest
        self.largest_buffer = max(self.largest_buffer, len(rest))

    def _check_block(self, whole: Chunk, masks: _Masks, newlines: npt.NDArray[np.bool_] | None) -> None:
        """Whole lines: in one read if they are plainly one example each, else line by line."""
        found = _examples_if_one_per_line(whole, masks, newlines)
        if found is None:
            self._check_lines(bytes(whole).split(b"\n")[:-1])
        else:
            self.examples += found
            self._lines += found

    def _check_lines(self, lines: list[bytes]) -> None:
        """Line by line: names the first bad line, or the first too long."""
        if max(map(len, lines)) >= MAX_JSONL_LINE_BYTES:  # its newline counts towards the limit
            self._check(lines[: next(i for i, line in enumerate(lines) if len(line) >= MAX_JSONL_LINE_BYTES)])
            raise _too_long(self._lines + 1)
        self._check(lines)

    def _check(self, lines: list[bytes]) -> None:
        first = self._lines + 1
        parsed = [lines[0].removeprefix(_BOM), *lines[1:]] if first == 1 and lines else lines
        if _all_examples(parsed):
            self.examples += len(lines)
        else:  # one line at a time, to name the first bad one (blank lines are allowed and land here too)
            self.examples += sum(_check_line(number, raw) for number, raw in enumerate(lines, first))
        self._lines += len(lines)

    def finish(self) -> int:
        if self.error is None and self._tail:
            try:
                self._check([self._tail])
            except InvalidRequestError as exc:
                self.error = exc
            self._tail = b""
        if self.error is not None:
            raise self.error
        if not self.examples:
            raise InvalidRequestError(
                "Expected file to have JSONL format with at least one prompt/completion example.", param="file"
            )
        return self.examples


def validate_fine_tune_jsonl(path: Path) -> int:
    """Check a fine-tune training file on disk; returns the number of examples."""
    lines = FineTuneLines()
    with open(path, "rb") as handle:
        while chunk := handle.read(_BLOCK_BYTES):
            lines.feed(chunk)
    return lines.finish()
