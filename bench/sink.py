"""A loopback HTTP/1.1 server that reads and discards each request body, then answers an OpenAIFile.

Blocking sockets read straight into one reused buffer (`recv_into`), one thread per connection:
the sink must cost far less than any client, so that the upload figures are the clients' and not
the sink's (an asyncio StreamReader copies every piece twice and held both clients to its own
rate). It understands Content-Length and chunked bodies, answers one request per connection, and
reports the body size it counted in the file's `bytes`.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from io import BufferedReader

from ._common import uploaded_file_bytes

__all__ = ["serve_sink"]

READ = 1 << 20


def _discard(reader: BufferedReader, length: int, buffer: memoryview) -> None:
    while length > 0:
        got = reader.readinto(buffer[: min(len(buffer), length)])
        if not got:
            raise ConnectionError("body ended early")
        length -= got


def _discard_chunked(reader: BufferedReader, buffer: memoryview) -> int:
    total = 0
    while True:
        size = int(reader.readline().split(b";")[0].strip(), 16)
        if size == 0:
            reader.readline()  # the empty line after the last chunk (no trailers are sent)
            return total
        _discard(reader, size, buffer)
        reader.readline()
        total += size


def _headers(reader: BufferedReader) -> dict[str, str]:
    reader.readline()  # the request line
    headers: dict[str, str] = {}
    while True:
        line = reader.readline().decode("latin-1").strip()
        if not line:
            return headers
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()


def _answer(received: int) -> bytes:
    body = uploaded_file_bytes(received)
    head = (
        f"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def _handle(connection: socket.socket) -> None:
    buffer = memoryview(bytearray(READ))
    with connection, connection.makefile("rb") as reader, suppress(ConnectionError, ValueError, OSError):
        headers = _headers(reader)
        if "content-length" in headers:
            received = int(headers["content-length"])
            _discard(reader, received, buffer)
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            received = _discard_chunked(reader, buffer)
        else:
            received = 0
        connection.sendall(_answer(received))


def _accept(listener: socket.socket) -> None:
    while True:
        try:
            connection, _ = listener.accept()
        except OSError:
            return  # the listener was closed
        threading.Thread(target=_handle, args=(connection,), daemon=True).start()


@contextmanager
def serve_sink() -> Iterator[int]:
    """Run the sink on 127.0.0.1 in background threads; yields its port, stops accepting on exit."""
    listener = socket.create_server(("127.0.0.1", 0))
    thread = threading.Thread(target=_accept, args=(listener,), daemon=True)
    thread.start()
    try:
        yield int(listener.getsockname()[1])
    finally:
        with suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        listener.close()
        thread.join(10)
