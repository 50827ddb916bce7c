"""Deliberately broken servers: ASGI wrappers that rewrite the mock's answers, to prove the checks fail them."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "Answer",
    "RewriteAnswers",
    "accept_everything",
    "break_stream_chunk",
    "drop_chat_usage",
    "drop_done",
    "drop_route",
    "server_error_for_bad_requests",
]

# (status, headers, body) of one complete answer
Answer = tuple[int, list[tuple[bytes, bytes]], bytes]
Rewrite = Callable[[Scope, Answer], Answer]


class RewriteAnswers:
    """Buffers each HTTP answer of ``app`` (streams too), passes it through ``rewrite``, then sends it."""

    def __init__(self, app: ASGIApp, rewrite: Rewrite) -> None:
        self.app = app
        self.rewrite = rewrite

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, capture)
        status, headers, body = self.rewrite(scope, (start["status"], list(start.get("headers", [])), b"".join(chunks)))
        headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _json_headers() -> list[tuple[bytes, bytes]]:
    return [(b"content-type", b"application/json")]


def drop_chat_usage(scope: Scope, answer: Answer) -> Answer:
    """Chat completions lose their required ``usage`` field."""
    status, headers, body = answer
    if scope["path"] == "/v1/chat/completions" and status == 200 and body.startswith(b"{"):
        document = json.loads(body)
        document.pop("usage", None)
        return status, headers, json.dumps(document).encode()
    return answer


def server_error_for_bad_requests(scope: Scope, answer: Answer) -> Answer:
    """Every 400 becomes the 500 of a server that crashed on the bad body."""
    if answer[0] == 400:
        crash = {"error": {"message": "Internal error", "type": "server_error", "param": None, "code": None}}
        return 500, _json_headers(), json.dumps(crash).encode()
    return answer


ACCEPTED_CHAT = {
    "id": "chatcmpl-accepted",
    "object": "chat.completion",
    "created": 1700000000,
    "model": "gpt-3.5-turbo",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"}, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}


def accept_everything(scope: Scope, answer: Answer) -> Answer:
    """A 400 to a chat request becomes a well-formed 200: the server accepts invalid bodies."""
    status, _, _ = answer
    if scope["path"] == "/v1/chat/completions" and status == 400:
        return 200, _json_headers(), json.dumps(ACCEPTED_CHAT).encode()
    return answer


def break_stream_chunk(scope: Scope, answer: Answer) -> Answer:
    """The first JSON chunk of a stream loses its required ``choices`` (the event object stays well formed)."""
    status, headers, body = answer
    if not body.startswith(b"data: {"):
        return answer
    first, rest = body.split(b"\n\n", 1)
    chunk = json.loads(first.removeprefix(b"data: "))
    chunk.pop("choices", None)
    return status, headers, b"data: " + json.dumps(chunk).encode() + b"\n\n" + rest


def drop_done(scope: Scope, answer: Answer) -> Answer:
    """A stream that stops without its final ``data: [DONE]``."""
    status, headers, body = answer
    if body.startswith(b"data: "):
        return status, headers, body.replace(b"data: [DONE]\n\n", b"")
    return answer


def drop_route(method: str, path: str, message: str | None = None) -> Rewrite:
    """A server without one route: every request to ``method path`` gets a 404.

    By default the 404 is OpenAI's own answer for an unknown route; a ``message`` makes it a
    well-formed error that names no route, which only the per-operation success tally can tell.
    """

    def rewrite(scope: Scope, answer: Answer) -> Answer:
        if scope["method"] != method or scope["path"] != path:
            return answer
        text = message or f"Invalid URL ({method} {path})"
        error = {"error": {"message": text, "type": "invalid_request_error", "param": None, "code": None}}
        return 404, _json_headers(), json.dumps(error).encode()

    return rewrite
