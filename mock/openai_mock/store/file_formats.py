"""What an upload of the retired purposes must hold: JSON Lines whose every line has the purpose's keys.

The 2023 API checked the lines of every purpose at upload, not only of ``fine-tune`` (whose
prompt/completion check lives with the upload, in ``files``): ``search`` and ``answers`` take
documents, ``{"text": ..., "metadata": ...}`` with ``metadata`` optional; ``classifications`` takes
labelled examples, ``{"text": ..., "label": ..., "metadata": ...}``. Every value is a string and no
other key is allowed. Errors name the first bad line (1-based) and the param ``file``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import orjson

from ..errors import InvalidRequestError

__all__ = ["LINE_FORMATS", "LineFormat", "validate_purpose_jsonl"]

# A document is at most 2,034 tokens: a few KB. Lines are read no longer than this, so a file
# without line breaks cannot make one upload's check take its whole size in memory.
_MAX_LINE_BYTES = 1024 * 1024
_BOM = b"\xef\xbb\xbf"  # editors on Windows start UTF-8 files with one


@dataclass(frozen=True)
class LineFormat:
    required: tuple[str, ...]
    optional: tuple[str, ...] = ("metadata",)
    record: str = "document"  # what one line is called in the "at least one" message


_DOCUMENT = LineFormat(required=("text",))
LINE_FORMATS: Mapping[str, LineFormat] = {
    "search": _DOCUMENT,
    "answers": _DOCUMENT,
    "classifications": LineFormat(required=("text", "label"), record="labelled example"),
}


def _check_line(number: int, raw: bytes, line_format: LineFormat) -> None:
    try:
        obj = orjson.loads(raw.removeprefix(_BOM) if number == 1 else raw)
    except orjson.JSONDecodeError:
        obj = None
    if not isinstance(obj, dict):
        raise InvalidRequestError(
            "Expected file to have JSONL format, where every line is a valid JSON dictionary. "
            f"Line {number} is not a dictionary.",
            param="file",
        )
    keys = "/".join(line_format.required)
    for key in line_format.required:
        if key not in obj:
            raise InvalidRequestError(
                f"Expected file to have JSONL format with {keys} keys. Missing `{key}` key on line {number}.",
                param="file",
            )
    for key in (*line_format.required, *line_format.optional):
        if key in obj and not isinstance(obj[key], str):
            raise InvalidRequestError(f"Expected `{key}` to be a string on line {number}.", param="file")
    extra = sorted(set(obj) - {*line_format.required, *line_format.optional})
    if extra:
        raise InvalidRequestError(
            f"Additional properties are not allowed ('{extra[0]}' was unexpected) on line {number}.", param="file"
        )


def validate_purpose_jsonl(purpose: str, path: Path) -> int:
    """Check an upload of ``purpose`` (one of ``LINE_FORMATS``) line by line; returns its number of records."""
    line_format = LINE_FORMATS[purpose]
    records = 0
    with open(path, "rb") as handle:
        for number in itertools.count(1):
            raw = handle.readline(_MAX_LINE_BYTES + 1)
            if not raw:
                break
            if len(raw) > _MAX_LINE_BYTES:
                raise InvalidRequestError(
                    f"Line {number} of the file is longer than {_MAX_LINE_BYTES} bytes; every line must be one "
                    f"{line_format.record}.",
                    param="file",
                )
            if raw.strip():
                _check_line(number, raw, line_format)
                records += 1
    if not records:
        keys = "/".join(line_format.required)
        raise InvalidRequestError(
            f"Expected file to have JSONL format with at least one {keys} {line_format.record}.", param="file"
        )
    return records
