"""An incremental server-sent events parser: bytes in as they arrive, whole events (with their raw bytes) out.

Lines end with CRLF, LF or CR (SSE spec 9.2.5); a blank line ends an event. Each block keeps the
exact bytes it was made of, so a proxy that holds events back can still forward them unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["EventBlock", "EventParser", "ServerEvent"]

_LINE_END = re.compile(rb"\r\n|\n|\r")


@dataclass(frozen=True)
class ServerEvent:
    data: str
    event: str | None = None
    id: str | None = None
    retry: str | None = None


@dataclass(frozen=True)
class EventBlock:
    """The bytes up to and including a blank line; ``event`` is ``None`` for a block without data (comments)."""

    raw: bytes
    event: ServerEvent | None


class EventParser:
    def __init__(self) -> None:
        self._buffer = b""
        self._start = 0  # where the current block begins in the buffer
        self._scan = 0  # where the next line begins
        self._fields: list[tuple[str, str]] = []

    def feed(self, chunk: bytes) -> list[EventBlock]:
        self._buffer += chunk
        blocks: list[EventBlock] = []
        while True:
            found = _LINE_END.search(self._buffer, self._scan)
            # A CR at the very end may be the first half of a CRLF still on its way.
            if found is None or (found.group() == b"\r" and found.end() == len(self._buffer)):
                break
            line = self._buffer[self._scan : found.start()]
            self._scan = found.end()
            if line:
                self._field(line)
                continue
            blocks.append(EventBlock(self._buffer[self._start : self._scan], self._event()))
            self._buffer, self._start, self._scan = self._buffer[self._scan :], 0, 0
        return blocks

    def finish(self) -> EventBlock | None:
        """What is left when the stream ends: a last event without its blank line, if any."""
        if self._scan < len(self._buffer):
            self._field(self._buffer[self._scan :].rstrip(b"\r\n"))
        raw = self._buffer[self._start :]
        self._buffer, self._start, self._scan = b"", 0, 0
        if not raw:
            return None
        return EventBlock(raw, self._event())

    def _field(self, line: bytes) -> None:
        text = line.decode("utf-8", errors="replace")
        if text.startswith(":"):
            return
        name, _, value = text.partition(":")
        self._fields.append((name, value.removeprefix(" ")))

    def _event(self) -> ServerEvent | None:
        fields, self._fields = self._fields, []
        data = [value for name, value in fields if name == "data"]
        if not data:
            return None
        last = {name: value for name, value in fields}
        return ServerEvent("\n".join(data), last.get("event"), last.get("id"), last.get("retry"))
