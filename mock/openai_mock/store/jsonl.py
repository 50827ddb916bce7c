"""The check of a fine-tune training file, fed its bytes as they arrive (in any chunks) or read from disk.

Every non-empty line must be a JSON object with exactly the string keys ``prompt`` and
``completion``; errors name the first bad line (1-based) and the param ``file``. At most one
unfinished line (``MAX_JSONL_LINE_BYTES``) is held between chunks, so the memory a check takes is
bounded whatever the file holds; orjson refuses nesting deeper than 1024 levels instead of recursing.

A block of lines is first read by msgspec in one call (``_examples_if_one_per_line``): a parse per line
cost most of an upload's time. Only a block that is not plainly one example per line is checked line
by line, which names the first bad one. Blocks are small (``_BLOCK_BYTES``): read in 64 KiB blocks, the
check took a third of the time it took in 512 KiB ones (what it makes of a block stays in the CPU's cache).
"""

from __future__ import annotations

import itertools
import operator
from pathlib import Path

import msgspec
import orjson

from ..errors import InvalidRequestError

__all__ = ["MAX_JSONL_LINE_BYTES", "FineTuneLines", "check_record_line", "validate_fine_tune_jsonl"]

# One example is a prompt and a completion within a 2,049-token context: a few KB. A line this long is
# not one, and reading it whole would let one upload take that much memory.
MAX_JSONL_LINE_BYTES = 1024 * 1024
_BLOCK_BYTES = 64 << 10  # larger chunks are checked a slice at a time
_KEYS = ("prompt", "completion")
_example_values = operator.itemgetter(*_KEYS)
_BOM = b"\xef\xbb\xbf"  # editors on Windows start UTF-8 files with one
_LINE_END, _FRAMED_LINE_END = b"\n", b"]\n["


class _Example(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    prompt: str
    completion: str


_examples = msgspec.json.Decoder(_Example)
_framed_examples = msgspec.json.Decoder(tuple[_Example])


def _examples_if_one_per_line(data: bytes) -> int | None:
    """The number of lines in ``data`` (whole lines) if each is one example, with JSON whitespace around it
    but no newline; ``None`` when that is not plain, for the line-by-line check to decide.

    msgspec reads JSON Lines as values apart by any whitespace, so its count alone would pass an object
    split over two lines next to two objects on one line. Each line is framed as an array instead
    (``[`` line ``]``) and each framed line must read as an array of one example. No JSON string holds
    a raw newline, so the ``]`` before each newline and the ``[`` after it are tokens, and no JSON value
    holds ``]`` then ``[`` with only whitespace between: values end at every line end. With as many
    values as lines, each line is one value: ``[`` example ``]``. A blank line frames an empty array.
    The first line, which the replacement leaves unframed, is read alone instead (as exactly one value).
    """
    if len(data) > MAX_JSONL_LINE_BYTES and _longest_line(data) > MAX_JSONL_LINE_BYTES:
        return None
    framed = data.replace(_LINE_END, _FRAMED_LINE_END)
    lines = (len(framed) - len(data)) // (len(_FRAMED_LINE_END) - len(_LINE_END))
    first_end = data.find(_LINE_END)
    try:
        _examples.decode(memoryview(data)[:first_end])
        framed_rest = memoryview(framed)[first_end + len(_FRAMED_LINE_END) - 1 : -1]  # from the second line's "["
        found = 1 + len(_framed_examples.decode_lines(framed_rest))
    except (msgspec.DecodeError, RecursionError):  # a validation error is one too; so is a value nested deep
        return None
    return found if found == lines else None


def _longest_line(data: bytes) -> int:
    """The longest line's length, its newline counted (as the limit counts it)."""
    return max(map(len, data.split(_LINE_END))) + 1


def _too_long(number: int) -> InvalidRequestError:
    return InvalidRequestError(
        f"Line {number} of the file is longer than {MAX_JSONL_LINE_BYTES} bytes; every line must be one "
        "prompt/completion example.",
        param="file",
    )


def check_record_line(number: int, raw: bytes, keys: tuple[str, ...] = _KEYS, optional: tuple[str, ...] = ()) -> bool:
    """Whether line ``number`` is a record (``False``: a blank line); raises the 400 naming it otherwise.

    A record is a JSON object with the string ``keys``, the string ``optional`` ones if present, and no
    other key: a training example by default; the retired purposes' formats name their own keys.
    """
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
    for key in keys:
        if key not in obj:
            raise InvalidRequestError(
                f"Expected file to have JSONL format with {'/'.join(keys)} keys. Missing `{key}` key on line {number}.",
                param="file",
            )
        if not isinstance(obj[key], str):
            raise InvalidRequestError(f"Expected `{key}` to be a string on line {number}.", param="file")
    for key in optional:
        if key in obj and not isinstance(obj[key], str):
            raise InvalidRequestError(f"Expected `{key}` to be a string on line {number}.", param="file")
    extra = sorted(set(obj) - {*keys, *optional})
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

    def feed(self, chunk: bytes) -> None:
        if self.error is not None:
            return
        try:
            for start in range(0, len(chunk), _BLOCK_BYTES):
                self._feed(chunk, start, min(start + _BLOCK_BYTES, len(chunk)))
        except InvalidRequestError as exc:
            self.error, self._tail = exc, b""

    def _feed(self, data: bytes, start: int, stop: int) -> None:
        """Checks ``data[start:stop]``: copied once, with the line begun in the last piece before it."""
        end = data.rfind(b"\n", start, stop) + 1
        if end:
            whole = b"".join((self._tail, memoryview(data)[start:end]))
            self._tail, rest = b"", data[end:stop]
            found = _examples_if_one_per_line(whole)
            if found is None:
                self._check_lines(whole.split(b"\n")[:-1])
            else:
                self.examples += found
                self._lines += found
        else:
            rest, self._tail = b"".join((self._tail, memoryview(data)[start:stop])), b""
        if len(rest) > MAX_JSONL_LINE_BYTES:
            raise _too_long(self._lines + 1)
        self._tail = rest
        self.largest_buffer = max(self.largest_buffer, len(rest))

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
            self.examples += sum(check_record_line(number, raw) for number, raw in enumerate(lines, first))
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
