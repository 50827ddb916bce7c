"""The floor for the mock's upload figure: a bare ASGI app that reads each request body, discards it and
answers an uploaded file object with the byte count.

Served by the same uvicorn (one worker) as the mock, it shows what receiving a body costs the server
stack alone; the mock's distance from it is what parsing the multipart body, checking the JSON Lines
and writing the blob cost.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = ["app"]

Message = MutableMapping[str, Any]


def _file_object(received: int) -> bytes:
    file = {"id": "file-floor", "object": "file", "bytes": received, "created_at": 1686676106}
    file |= {"filename": "upload.jsonl", "purpose": "fine-tune", "status": "uploaded", "status_details": None}
    return json.dumps(file).encode()


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
    body = _file_object(received)
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
