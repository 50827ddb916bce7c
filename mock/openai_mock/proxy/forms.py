"""A multipart form read as it streams past: text fields kept, file parts only hashed and counted.

The proxy forwards each chunk of an upload as it arrives; this reader sees the same chunks, so a
large file never sits in memory. The mock's own reader does the parsing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from python_multipart.multipart import MultipartParser, parse_options_header

from ..errors import MockAPIError
from ..http.multipart import FilePart, _Reader

__all__ = ["FileDigest", "FormCollector"]


class _HashSink:
    blocking = False

    def __init__(self) -> None:
        self.digest = hashlib.sha256()

    def arrived(self, chunk: bytes) -> None:
        pass

    def write(self, chunk: bytes) -> None:
        self.digest.update(chunk)


@dataclass(frozen=True)
class FileDigest:
    filename: str
    content_type: str | None
    size: int
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        return {"filename": self.filename, "content_type": self.content_type, "bytes": self.size, "sha256": self.sha256}


@dataclass
class FormCollector:
    """Feed it the body's chunks; ``error`` says why the form could not be read, if it could not."""

    content_type: str
    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, FileDigest] = field(default_factory=dict)
    error: str | None = None

    def __post_init__(self) -> None:
        _, options = parse_options_header(self.content_type)
        boundary = options.get(b"boundary")
        # A part is a file when it names one; a text field may carry a Content-Type (the client sends enums so).
        self._reader = _Reader(lambda name, filename, ctype: _HashSink() if filename else None)
        self._parser: MultipartParser | None = None
        if not boundary:
            self.error = "the multipart Content-Type has no boundary"
            return
        callbacks = {
            name: getattr(self._reader, name)
            for name in (
                "on_part_begin",
                "on_header_field",
                "on_header_value",
                "on_header_end",
                "on_headers_finished",
                "on_part_data",
                "on_part_end",
            )
        }
        self._parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]

    def feed(self, chunk: bytes) -> None:
        if self._parser is None or self.error is not None:
            return
        try:
            self._parser.write(chunk)
        except (ValueError, MockAPIError) as exc:  # python-multipart's parse errors are ValueErrors
            self.error = f"the multipart form cannot be read: {exc}"

    def finish(self) -> None:
        if self._parser is not None and self.error is None:
            try:
                self._parser.finalize()
            except (ValueError, MockAPIError) as exc:
                self.error = f"the multipart form cannot be read: {exc}"
        self.fields = dict(self._reader.body.fields)
        self.files = {name: _digest(part) for name, part in self._reader.body.files.items()}


def _digest(part: FilePart) -> FileDigest:
    sink = part.sink
    sha = sink.digest.hexdigest() if isinstance(sink, _HashSink) else ""
    return FileDigest(part.filename, part.content_type, part.size, sha)
