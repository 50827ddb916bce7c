"""A scripted answer as the server-sent events that stream it: token-sized text pieces, then ``[DONE]``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..http.responses import error_body
from ..http.sse import DONE, event_bytes
from .answers import tokenizer_or_default
from .operations import Operation

__all__ = ["stream_events"]


def _pieces(text: str, model: str) -> list[str]:
    """``text`` cut where the model's tokens end (a multi-byte character is never split)."""
    tok = tokenizer_or_default(model)
    pieces, pending = [], b""
    for token in tok.encode(text):
        pending += tok.token_bytes(token)
        try:
            pieces.append(pending.decode("utf-8"))
        except UnicodeDecodeError:
            continue
        pending = b""
    if pending:
        pieces.append(pending.decode("utf-8", "replace"))
    return pieces or re.findall(r"\s*\S+|\s+", text)


def _chat_events(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    head = {"id": doc.get("id"), "object": "chat.completion.chunk", "created": doc.get("created")}
    head["model"] = doc.get("model")
    out: list[dict[str, Any]] = []
    for choice in doc.get("choices", []):
        index = choice.get("index", 0)
        message = choice.get("message") or {}
        out.append({**head, "choices": [{"index": index, "delta": {"role": message.get("role", "assistant")}}]})
        for piece in _pieces(str(message.get("content") or ""), str(doc.get("model"))):
            out.append({**head, "choices": [{"index": index, "delta": {"content": piece}, "finish_reason": None}]})
        finish = choice.get("finish_reason")
        out.append({**head, "choices": [{"index": index, "delta": {}, "finish_reason": finish}]})
    for event in out:
        event["choices"][0].setdefault("finish_reason", None)
    return out


def _completion_events(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    head = {k: doc.get(k) for k in ("id", "object", "created", "model")}
    out = []
    for choice in doc.get("choices", []):
        index = choice.get("index", 0)
        pieces = _pieces(str(choice.get("text") or ""), str(doc.get("model"))) or [""]
        for number, piece in enumerate(pieces):
            last = number == len(pieces) - 1
            finish = choice.get("finish_reason") if last else None
            out.append(
                {**head, "choices": [{"text": piece, "index": index, "logprobs": None, "finish_reason": finish}]}
            )
    return out


def stream_events(operation: Operation, doc: Any, fault: tuple[str, int, str | None] | None = None) -> list[bytes]:
    """The server-sent events that stream ``doc``; ``fault`` (kind, after, message) ends them early."""
    if operation.operation_id == "createChatCompletion":
        payloads = _chat_events(doc)
    elif operation.operation_id == "createCompletion":
        payloads = _completion_events(doc)
    else:  # fine-tune events: one event per item
        payloads = list(doc.get("data", [])) if isinstance(doc, Mapping) else []
    events = [event_bytes(p) for p in payloads]
    if fault is None:
        return [*events, DONE]
    kind, after, message = fault
    events = events[:after]
    if kind == "error":
        text = message or "The server had an error while processing your request. Sorry about that!"
        events.append(b"event: error\n" + event_bytes(error_body(text, "server_error")))
    return events
