"""``--record DIR``: each exchange as one JSON file, its streamed events as NDJSON, large binaries beside it.

The format is described in docs/PROXY.md. Credentials never reach the disk: the values of the
headers in ``REDACTED_HEADERS`` are replaced before anything is written. A file appears under its
final name only once complete (written to ``.tmp`` and renamed), so a crash leaves no half exchange.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from .events import ServerEvent

__all__ = ["FORMAT", "REDACTED", "REDACTED_HEADERS", "ExchangeRecord", "Recorder", "redact"]

FORMAT = "openai-mock-exchange/1"
REDACTED = "[redacted]"
REDACTED_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "api-key", "x-api-key", "openai-api-key", "cookie", "set-cookie"}
)


def redact(headers: Iterable[tuple[str, str]]) -> list[list[str]]:
    return [[name, REDACTED if name.lower() in REDACTED_HEADERS else value] for name, value in headers]


# A pair of strings (a header) on one line: formatting only, the JSON is the same.
_PAIR = re.compile(r'\[\n\s+("(?:[^"\\]|\\.)*"),\n\s+("(?:[^"\\]|\\.)*")\n\s+\]')


def _readable(data: Any) -> str:
    return _PAIR.sub(r"[\1, \2]", json.dumps(data, ensure_ascii=False, indent=2))


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


class ExchangeRecord:
    """One exchange being recorded; ``finish`` writes its JSON file."""

    def __init__(self, directory: Path, sequence: int, operation: str) -> None:
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", operation).strip("_") or "request"
        self.directory = directory
        self.stem = f"{sequence:06d}-{safe}"
        self.data: dict[str, Any] = {"format": FORMAT, "sequence": sequence, "operation": operation}
        self._events: IO[str] | None = None
        self._event_count = 0
        self._binary: IO[bytes] | None = None
        self._binary_bytes = 0

    def request(self, method: str, path: str, query: str, headers: Iterable[tuple[str, str]], body: Any) -> None:
        headers_ = redact(headers)
        self.data["request"] = {"method": method, "path": path, "query": query, "headers": headers_, "body": body}

    def response(self, status: int, headers: Iterable[tuple[str, str]]) -> None:
        self.data["response"] = {"status": status, "headers": redact(headers), "body": None}

    def response_body(self, body: Any) -> None:
        self.data["response"]["body"] = body

    def event(self, event: ServerEvent) -> None:
        if self._events is None:
            self._events = (self.directory / f"{self.stem}.events.ndjson.tmp").open("w", encoding="utf-8")
        line = {"data": event.data, "event": event.event, "id": event.id, "retry": event.retry}
        self._events.write(json.dumps(line, ensure_ascii=False) + "\n")
        self._events.flush()  # a stream may run for minutes: its events reach the disk as they pass
        self._event_count += 1

    def binary(self, chunk: bytes) -> None:
        if self._binary is None:
            self._binary = (self.directory / f"{self.stem}.response.bin.tmp").open("wb")
        self._binary.write(chunk)
        self._binary_bytes += len(chunk)

    def finish(self, violations: list[dict[str, Any]], *, complete: bool = True) -> None:
        response = self.data.get("response")
        if self._events is not None:
            self._events.close()
            name = f"{self.stem}.events.ndjson"
            os.replace(self.directory / f"{name}.tmp", self.directory / name)
            if response is not None:
                response["body"] = {"events": name, "count": self._event_count}
        if self._binary is not None:
            self._binary.close()
            name = f"{self.stem}.response.bin"
            os.replace(self.directory / f"{name}.tmp", self.directory / name)
            if response is not None:
                response["body"] = {"file": name, "bytes": self._binary_bytes}
        self.data["complete"] = complete
        self.data["violations"] = violations
        _write_atomically(self.directory / f"{self.stem}.json", _readable(self.data))


class Recorder:
    """Numbers exchanges in the order they start, after those already in the folder."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        existing = [int(p.name[:6]) for p in directory.glob("[0-9][0-9][0-9][0-9][0-9][0-9]-*.json")]
        self._numbers = itertools.count(max(existing, default=0) + 1)
        self._lock = threading.Lock()

    def begin(self, operation: str) -> ExchangeRecord:
        with self._lock:
            sequence = next(self._numbers)
        return ExchangeRecord(self.directory, sequence, operation)
