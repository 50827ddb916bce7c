"""A loopback HTTP/1.1 server that reads and discards each request body, then answers an OpenAIFile.

Plain asyncio rather than an ASGI stack: the sink must cost little and keep no body in memory, so
that the upload figures are the client's. It understands Content-Length and chunked bodies, answers
one request per connection, and reports the body size it counted in the file's `bytes`.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["serve_sink"]

READ = 256 * 1024


async def _discard(reader: asyncio.StreamReader, length: int) -> None:
    while length > 0:
        piece = await reader.read(min(READ, length))
        if not piece:
            raise ConnectionError("body ended early")
        length -= len(piece)


async def _discard_chunked(reader: asyncio.StreamReader) -> int:
    total = 0
    while True:
        size = int((await reader.readline()).split(b";")[0].strip(), 16)
        if size == 0:
            await reader.readline()  # the empty line after the last chunk (no trailers are sent)
            return total
        await _discard(reader, size)
        await reader.readline()
        total += size


async def _handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
        headers = {}
        for line in head.decode("latin-1").split("\r\n")[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            received = int(headers["content-length"])
            await _discard(reader, received)
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            received = await _discard_chunked(reader)
        else:
            received = 0
        body = json.dumps(
            {
                "id": "file-bench",
                "object": "file",
                "bytes": received,
                "created_at": 1686676106,
                "filename": "upload.jsonl",
                "purpose": "fine-tune",
                "status": "uploaded",
                "status_details": None,
            }
        ).encode()
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n"
            + f"content-length: {len(body)}\r\n\r\n".encode()
            + body
        )
        await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError, ValueError):
        pass
    finally:
        writer.close()


@contextmanager
def serve_sink() -> Iterator[int]:
    """Run the sink on 127.0.0.1 in a background thread; yields its port, stops it on exit."""
    loop = asyncio.new_event_loop()
    started = threading.Event()
    holder: dict[str, asyncio.Server] = {}

    async def start() -> None:
        holder["server"] = await asyncio.start_server(_handle, "127.0.0.1", 0, limit=READ)
        started.set()

    def run() -> None:
        loop.run_until_complete(start())
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started.wait(10)
    server = holder["server"]
    try:
        yield int(server.sockets[0].getsockname()[1])
    finally:

        async def stop() -> None:
            server.close()
            await server.wait_closed()

        asyncio.run_coroutine_threadsafe(stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
