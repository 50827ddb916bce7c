"""ASGI middleware answering a repeated completion or chat request from the results cache, before routing.

The routes keep each JSON answer under the request's exact bytes, a long body's digest (``cache_key``). The
same bytes validate the same way, so a repeated request needs only what its bytes do not settle: a
JSON content type (anything else goes on to the route, which refuses it) and its model, checked
again because a fine-tuned model can be deleted. Authentication, faults, rate limits and request
ids stay with the gateway in front; scripted answers with the scripting layer before it.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from functools import cache

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..engines import catalog
from ..errors import MockAPIError
from .responses import error_response
from .services import Services, is_json

__all__ = ["Answer", "CachedAnswers", "answer_head", "cache_key", "new_id", "request_cache_key"]


# A body this short is its own key: no longer than its digest's share of an entry's estimated bytes.
_SHORT_BODY = 160


def cache_key(kind: str, body: bytes) -> Hashable:
    """The request's bytes decide the answer (``stream`` among them); past a short body their digest stands
    for them, so a large prompt is not kept twice."""
    return (kind, body) if len(body) <= _SHORT_BODY else (kind, hashlib.sha256(body).digest())


# Where CachedAnswers leaves the key it looked up, so that the route answering a miss does not digest the body again.
_KEY_STATE = "answer_key"


def request_cache_key(scope: Scope, kind: str, body: bytes) -> Hashable:
    """The key CachedAnswers looked this request up by, or ``cache_key(kind, body)`` where it did not."""
    key: Hashable | None = scope.get("state", {}).get(_KEY_STATE)
    return key if key is not None else cache_key(kind, body)


@dataclass(frozen=True)
class Answer:
    """A cached JSON answer: the request's model and the answer's ``{"choices": ..., "usage": ...}``."""

    model: str
    tail: bytes


def new_id(prefix: str) -> str:
    # Unique, not secret: the random module's generator is a tenth of the cost of the system's.
    return f"{prefix}{random.getrandbits(96):024x}"


@cache  # two operations: formatted once each
def _head_format(prefix: str, kind: str) -> bytes:
    """``answer_head``'s bytes with the id's random part, the time and the model left to fill in."""
    return b'{"id":"%s%%024x","object":"%s","created":%%d,"model":%%s,' % (prefix.encode(), kind.encode())


def answer_head(prefix: str, kind: str, created: int, model: str) -> bytes:
    """The start of a new answer (a new id) up to its ``choices``, to which a cached tail is joined."""
    return _head_format(prefix, kind) % (random.getrandbits(96), created, orjson.dumps(model))


class _Kind:
    """An operation whose answers are cached: their key's kind, the endpoint their model must serve, their object
    and id prefix."""

    def __init__(self, key: str, endpoint: str, kind: str, prefix: str) -> None:
        self.key, self.endpoint, self.kind, self.prefix = key, endpoint, kind, prefix
        # A base model serving the endpoint passes the model check whenever asked; only a fine-tuned one can go.
        self.served = frozenset(_base_models_serving(endpoint))


def _base_models_serving(endpoint: str) -> Iterator[str]:
    for model in catalog.base_model_ids():
        info = catalog.get_model_info(model)
        if info is not None and not info.fine_tuned_from and endpoint in info.endpoints:
            yield model


_KINDS = {
    "/v1/chat/completions": _Kind("chat", catalog.CHAT, "chat.completion", "chatcmpl-"),
    "/v1/completions": _Kind("completion", catalog.COMPLETIONS, "text_completion", "cmpl-"),
}


def _json_content_type(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"content-type":
            return value == b"application/json" or is_json(value.decode("latin-1"))
    return False


async def _read(receive: Receive) -> list[Message]:
    """The request's messages up to the whole body, or up to the client's going away."""
    messages = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request" or not message.get("more_body", False):
            return messages


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """A ``receive`` that hands over ``messages`` again, then the client's own."""
    pending = list(messages)

    async def replay() -> Message:
        return pending.pop(0) if pending else await receive()

    return replay


class CachedAnswers:
    def __init__(self, app: ASGIApp, services: Services) -> None:
        self.app = app
        self.services = services

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = _KINDS.get(scope["path"]) if scope["type"] == "http" and scope["method"] == "POST" else None
        if kind is None or not _json_content_type(scope):
            await self.app(scope, receive, send)
            return
        try:
            first = await receive()
            if first["type"] == "http.request" and not first.get("more_body", False):
                messages, complete, body = [first], True, first.get("body", b"")  # a body in one message
            else:
                messages = [first] if first["type"] != "http.request" else [first, *await _read(receive)]
                complete = messages[-1]["type"] == "http.request"
                body = b"".join(m.get("body", b"") for m in messages) if complete else b""
            key = cache_key(kind.key, body) if complete else None
            answer = self.services.results.get(key) if key is not None else None
            if not isinstance(answer, Answer):  # the route answers (or logs a client gone away)
                if key is not None:
                    scope.setdefault("state", {})[_KEY_STATE] = key
                await self.app(scope, _replay(messages, receive), send)
                return
            if answer.model not in kind.served:
                self.services.model_for(answer.model, kind.endpoint)
        except MockAPIError as exc:  # a body over the limit, a model deleted since
            await error_response(exc)(scope, receive, send)
            return
        raw = answer_head(kind.prefix, kind.kind, int(self.services.clock()), answer.model) + answer.tail[1:]
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(raw))]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": raw})
