"""What an upload of the retired purposes must hold: JSON Lines whose every line has the purpose's keys.

The 2023 API checked the lines of every purpose at upload, not only of ``fine-tune`` (whose check,
in ``jsonl``, reads a training file as it arrives; both use its line check, ``check_record_line``):
``search`` and ``answers`` take documents, ``{"text": ..., "metadata": ...}`` with ``metadata``
optional; ``classifications`` takes labelled examples, ``{"text": ..., "label": ..., "metadata": ...}``.
Every value is a string and no other key is allowed. Errors name the first bad line (1-based) and
the param ``file``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import InvalidRequestError
from .jsonl import MAX_JSONL_LINE_BYTES, check_record_line

__all__ = ["LINE_FORMATS", "LineFormat", "validate_purpose_jsonl"]


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


def validate_purpose_jsonl(purpose: str, path: Path) -> int:
    """Check an upload of ``purpose`` (one of ``LINE_FORMATS``) line by line; returns its number of records."""
    line_format = LINE_FORMATS[purpose]
    records = 0
    with open(path, "rb") as handle:
        for number in itertools.count(1):
            raw = handle.readline(MAX_JSONL_LINE_BYTES + 1)
            if not raw:
                break
            if len(raw) > MAX_JSONL_LINE_BYTES:
                raise InvalidRequestError(
                    f"Line {number} of the file is longer than {MAX_JSONL_LINE_BYTES} bytes; every line must be one "
                    f"{line_format.record}.",
                    param="file",
                )
            records += check_record_line(number, raw, line_format.required, line_format.optional)
    if not records:
        keys = "/".join(line_format.required)
        raise InvalidRequestError(
            f"Expected file to have JSONL format with at least one {keys} {line_format.record}.", param="file"
        )
    return records
