"""The floor for the mock benchmark: a bare ASGI app answering every request with one fixed chat completion.

Served by the same uvicorn (one worker) as the mock, it shows what the server stack alone costs per
request; the mock's distance from it is what its validation, tokenizer and sampling cost.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from ._common import chat_response_bytes

__all__ = ["app"]

Message = MutableMapping[str, Any]
BODY = chat_response_bytes()
START = {
    "type": "http.response.start",
    "status": 200,
    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(BODY)).encode())],
}


async def app(
    scope: Message, receive: Callable[[], Awaitable[Message]], send: Callable[[Message], Awaitable[None]]
) -> None:
    if scope["type"] != "http":
        return
    more = True
    while more:  # read the request body, as any real endpoint must
        more = (await receive()).get("more_body", False)
    await send(START)
    await send({"type": "http.response.body", "body": BODY})
