"""The floor for the mock's upload figure: a bare ASGI app that reads each request body, discards it and
answers an uploaded file object with the byte count.

Served by the same uvicorn (one worker) as the mock, it shows what receiving a body costs the server
stack alone; the mock's distance from it is what parsing the multipart body, checking the JSON Lines
and writing the blob cost.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from ._common import uploaded_file_bytes

__all__ = ["app"]

Message = MutableMapping[str, Any]


async def app(
    scope: Message, receive: Callable[[], Awaitable[Message]], send: Callable[[Message], Awaitable[None]]
) -> None:
    if scope["type"] != "http":
        return
    received, more = 0, True
    while more:
        message = await receive()
        received += len(message.get("body", b""))
        more = message.get("more_body", False)
    body = uploaded_file_bytes(received)
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
