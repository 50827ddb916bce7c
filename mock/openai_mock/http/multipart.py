"""A streaming ``multipart/form-data`` reader: file parts go to sinks as they arrive, never whole in memory.

Text parts are collected (each at most ``MAX_FIELD_BYTES``). For a file part, ``open_sink``
chooses where its bytes go: a ``MemorySink`` for the small uploads the engine reads whole
(images, audio) or a blocking disk writer (the store's uploads), which is fed in batches by a
thread of its own (``_BackgroundWrites``) so the event loop never waits on the disk and goes on
reading the body while a batch is written. A sink sees each piece on the event loop first
(``arrived``): a check that only needs CPU runs there, as a worker thread holding the GIL would
only stall the loop's reads of the body.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import anyio.to_thread
from python_multipart.multipart import MAX_BOUNDARY_LENGTH, MultipartParser, MultipartState, parse_options_header
from starlette.requests import Request

from ..errors import InvalidRequestError

__all__ = ["MAX_FIELD_BYTES", "FilePart", "FormBody", "MemorySink", "Sink", "read_multipart"]

MAX_FIELD_BYTES = 64 * 1024
_FLUSH_BYTES = 1 << 20
_BATCHES_AHEAD = 2  # handed to the writing thread and not yet written: the one it writes, the next


class Sink(Protocol):
    blocking: bool

    def arrived(self, chunk: bytes) -> None:
        """Sees each piece on the event loop as it arrives, before ``write``: for checks that need no disk."""

    def write(self, chunk: bytes) -> None: ...


class MemorySink:
    """Keeps a part in memory, refusing it past ``limit`` bytes with ``too_large()``."""

    blocking = False

    def __init__(self, limit: int, too_large: Callable[[], Exception]) -> None:
        self._parts: list[bytes] = []
        self._limit, self._too_large, self.size = limit, too_large, 0

    def arrived(self, chunk: bytes) -> None:
        pass

    def write(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self._limit:
            raise self._too_large()
        self._parts.append(chunk)

    def getvalue(self) -> bytes:
        return b"".join(self._parts)


class _BackgroundWrites:
    """A blocking sink's batches, written in order by a thread of its own while the body keeps arriving.

    At most ``_BATCHES_AHEAD`` batches wait or are being written, so the memory stays bounded; the event
    loop waits (in a worker thread, never blocking) only when the disk falls behind. A failed write (the
    quota passed) skips the batches after it and is raised by the next ``hand`` or by ``finish``.
    """

    def __init__(self, sink: Sink) -> None:
        self._sink = sink
        self._batches: queue.SimpleQueue[list[bytes] | None] = queue.SimpleQueue()
        self._room = threading.Semaphore(_BATCHES_AHEAD)
        self.failure: Exception | None = None
        self._stopped = False
        self._thread = threading.Thread(target=self._write_batches, name="upload-writes", daemon=True)
        self._thread.start()

    def _write_batches(self) -> None:
        while (batch := self._batches.get()) is not None:
            try:
                if self.failure is None:
                    for chunk in batch:
                        self._sink.write(chunk)
            except Exception as exc:
                self.failure = exc
            finally:
                self._room.release()

    async def hand(self, batch: list[bytes]) -> None:
        if self.failure is not None:
            raise self.failure
        if not self._room.acquire(blocking=False):
            await anyio.to_thread.run_sync(self._room.acquire)
        self._batches.put(batch)

    def stop(self) -> None:
        """Ends the thread once the batches handed so far are written (or skipped after a failure)."""
        if not self._stopped:
            self._stopped = True
            self._batches.put(None)

    async def settle(self) -> None:
        """Stops the thread and waits for it, even in a cancelled scope (it writes at most two batches)."""
        self.stop()
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(self._thread.join)

    async def finish(self) -> None:
        """Waits for every batch handed to be written; raises the first failure."""
        await self.settle()
        if self.failure is not None:
            raise self.failure


@dataclass
class FilePart:
    filename: str
    content_type: str | None
    sink: Sink
    size: int = 0
    pending: list[bytes] = field(default_factory=list)
    pending_bytes: int = 0
    writes: _BackgroundWrites | None = None


@dataclass
class FormBody:
    fields: dict[str, str]
    files: dict[str, FilePart]


class _Reader:
    def __init__(self, open_sink: Callable[[str, str, str | None], Sink | None], body: FormBody | None = None) -> None:
        self.open_sink = open_sink
        self.body = FormBody({}, {}) if body is None else body
        self._headers: dict[bytes, bytes] = {}
        self._name = b""
        self._value = b""
        self._text: list[bytes] | None = None
        self._text_size = 0
        self._file: FilePart | None = None
        self._field_name = ""
        self.open_part: str | None = None  # the part whose data is being read, until its closing boundary

    def on_part_begin(self) -> None:
        self._headers, self._text, self._file, self._text_size = {}, None, None, 0

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def on_header_end(self) -> None:
        self._headers[self._name.lower()] = self._value
        self._name, self._value = b"", b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition"))
        name = options.get(b"name", b"").decode("utf-8", "replace")
        if not name:
            raise InvalidRequestError("Every multipart part needs a Content-Disposition name.")
        if name in self.body.fields or name in self.body.files:
            raise InvalidRequestError(f"Duplicate multipart field: {name}", param=name)
        self._field_name = self.open_part = name
        filename = options.get(b"filename", b"").decode("utf-8", "replace")
        ctype = self._headers.get(b"content-type")
        sink = self.open_sink(name, filename, ctype.decode("latin-1") if ctype else None)
        if sink is None:
            self._text = []
        else:
            self._file = self.body.files[name] = FilePart(filename, ctype.decode("latin-1") if ctype else None, sink)
            if sink.blocking:
                self._file.writes = _BackgroundWrites(sink)

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self._file is not None:
            self._file.size += len(chunk)
            self._file.sink.arrived(chunk)
            if self._file.sink.blocking:
                self._file.pending.append(chunk)
                self._file.pending_bytes += len(chunk)
            else:
                self._file.sink.write(chunk)
        elif self._text is not None:
            self._text_size += len(chunk)
            if self._text_size > MAX_FIELD_BYTES:
                raise InvalidRequestError(
                    f"Field {self._field_name} is longer than {MAX_FIELD_BYTES} bytes.", param=self._field_name
                )
            self._text.append(chunk)

    def on_part_end(self) -> None:
        self.open_part = None
        if self._text is not None:
            try:
                self.body.fields[self._field_name] = b"".join(self._text).decode("utf-8")
            except UnicodeDecodeError:
                raise InvalidRequestError(
                    f"Field {self._field_name} is not UTF-8 text.", param=self._field_name
                ) from None


async def _flush(part: FilePart, force: bool) -> None:
    if part.writes is not None and part.pending and (force or part.pending_bytes >= _FLUSH_BYTES):
        batch, part.pending, part.pending_bytes = part.pending, [], 0
        await part.writes.hand(batch)


async def _settle_writes(body: FormBody) -> Exception | None:
    """After a failed read: ends every part's writes; the first failed write, which came before the failure."""
    writes = [part.writes for part in body.files.values() if part.writes is not None]
    for each in writes:
        each.stop()
    for each in writes:
        await each.settle()
    return next((each.failure for each in writes if each.failure is not None), None)


async def read_multipart(
    request: Request, open_sink: Callable[[str, str, str | None], Sink | None], *, into: FormBody | None = None
) -> FormBody:
    """Parse the request's multipart body; file parts go to the sinks ``open_sink`` returns.

    ``into`` is filled as the parts arrive, so ``open_sink`` can see the text fields sent before its part.
    """
    ctype, options = parse_options_header(request.headers.get("content-type"))
    boundary = options.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise InvalidRequestError(
            f"Invalid Content-Type header ({request.headers.get('content-type', 'none')}), "
            "expected multipart/form-data with a boundary."
        )
    if len(boundary) > MAX_BOUNDARY_LENGTH:
        # RFC 2046 allows 70 characters; the parser takes up to 256, which every client stays under.
        raise InvalidRequestError(
            f"Invalid Content-Type header: the multipart boundary is {len(boundary)} characters long, "
            f"more than the {MAX_BOUNDARY_LENGTH} allowed."
        )
    reader = _Reader(open_sink, into)
    try:
        await _read_parts(request, reader, boundary)
    except BaseException as exc:
        earlier = await _settle_writes(reader.body)
        if earlier is not None and isinstance(exc, Exception):
            raise earlier from None
        raise
    return reader.body


async def _read_parts(request: Request, reader: _Reader, boundary: bytes) -> None:
    callbacks = {
        name: getattr(reader, name)
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
    parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
    try:
        async for chunk in request.stream():
            parser.write(chunk)
            for part in reader.body.files.values():
                await _flush(part, False)
        parser.finalize()
    except ValueError as exc:  # python-multipart's parse errors are ValueErrors
        if isinstance(exc, InvalidRequestError):
            raise
        raise InvalidRequestError(f"Could not parse the multipart form: {exc}") from None
    if parser.state != MultipartState.END:
        # A body cut short (a dropped connection, a client that died) must not pass for a complete upload.
        where = f" in the part {reader.open_part!r}" if reader.open_part else ""
        raise InvalidRequestError(
            f"The multipart body ended before its closing boundary{where}: the request is incomplete.",
            param=reader.open_part,
        )
    for part in reader.body.files.values():
        await _flush(part, True)
        if part.writes is not None:
            await part.writes.finish()
