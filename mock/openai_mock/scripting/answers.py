"""Scripted answers as JSON documents: merged into the mock's own, replies with real token counts, checked
against the spec."""

from __future__ import annotations

import secrets
import time
from collections.abc import Mapping
from typing import Any

from jsonschema.exceptions import best_match

from ..engines.tokenizer import ChatMessage, Tokenizer, count_chat_tokens, tokenizer_for_model
from ..spec import SpecDocument
from .journal import RecordedCall
from .operations import Operation
from .steps import Reply

__all__ = [
    "REPLY_OPERATIONS",
    "as_document",
    "deep_merge",
    "recount_usage",
    "reply_document",
    "schema_problem",
]

_HEADS = {
    "createChatCompletion": ("chatcmpl-", "chat.completion"),
    "createCompletion": ("cmpl-", "text_completion"),
    "createEdit": (None, "edit"),
}
REPLY_OPERATIONS = frozenset(_HEADS)


def deep_merge(base: Any, patch: Any) -> Any:
    """``patch`` laid over ``base``: objects key by key, lists item by item (the patch's length wins)."""
    if isinstance(base, Mapping) and isinstance(patch, Mapping):
        out = dict(base)
        for key, value in patch.items():
            out[key] = deep_merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(patch, list):
        return [deep_merge(base[i], item) if i < len(base) else item for i, item in enumerate(patch)]
    return patch


def as_document(value: Any) -> Any:
    """A pydantic model (fields that were set) or an attrs model of the client (``to_dict``) as JSON."""
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        return dump(mode="json", by_alias=True, exclude_unset=True)
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    return value


def tokenizer_or_default(model: str) -> Tokenizer:
    try:
        return tokenizer_for_model(model)
    except Exception:  # an encoding whose table is not installed: count with the chat models' one
        return tokenizer_for_model("gpt-3.5-turbo")


def _prompt_tokens(operation_id: str, body: Mapping[str, Any], model: str) -> int:
    if operation_id == "createChatCompletion":
        messages = [
            ChatMessage(str(m.get("role")), str(m.get("content") or ""), m.get("name"))
            for m in body.get("messages", [])
            if isinstance(m, Mapping)
        ]
        try:
            return count_chat_tokens(model, messages)
        except Exception:
            return count_chat_tokens("gpt-3.5-turbo", messages)
    tok = tokenizer_or_default(model)
    if operation_id == "createEdit":
        return tok.count(str(body.get("input") or "")) + tok.count(str(body.get("instruction") or ""))
    prompt = body.get("prompt", "")
    if isinstance(prompt, str):
        return tok.count(prompt)
    if isinstance(prompt, list):
        return sum(tok.count(p) if isinstance(p, str) else 1 for p in prompt)
    return 0


def reply_document(operation: Operation, call: RecordedCall, base: Mapping[str, Any], reply: Reply) -> dict[str, Any]:
    """The answer of ``operation`` whose every choice says ``reply.text``, usage counted by the tokenizer."""
    body: Mapping[str, Any] = call.body if isinstance(call.body, Mapping) else {}
    model = str(body.get("model") or base.get("model") or "gpt-3.5-turbo")
    prefix, kind = _HEADS[operation.operation_id]
    n = body["n"] if isinstance(body.get("n"), int) else 1
    prompts = body.get("prompt")
    count = n * (len(prompts) if isinstance(prompts, list) and prompts and isinstance(prompts[0], str) else 1)
    if operation.operation_id == "createChatCompletion":
        message = {"role": "assistant", "content": reply.text}
        choices: list[dict[str, Any]] = [
            {"index": i, "message": message, "finish_reason": reply.finish_reason} for i in range(count)
        ]
    elif operation.operation_id == "createCompletion":
        choices = [
            {"text": reply.text, "index": i, "logprobs": None, "finish_reason": reply.finish_reason}
            for i in range(count)
        ]
    else:
        choices = [{"text": reply.text, "index": i, "finish_reason": reply.finish_reason} for i in range(count)]
    base_usage = base.get("usage")
    prompt_tokens = (
        base_usage["prompt_tokens"]
        if isinstance(base_usage, Mapping) and isinstance(base_usage.get("prompt_tokens"), int)
        else _prompt_tokens(operation.operation_id, body, model)
    )
    completion_tokens = count * tokenizer_or_default(model).count(reply.text)
    head: dict[str, Any] = {"object": kind, "created": int(time.time())}
    if prefix is not None:
        head |= {"id": prefix + secrets.token_hex(12), "model": model}
    usage = {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }
    return {**head, **{k: v for k, v in base.items() if k in head}, "choices": choices, "usage": usage}


def _choice_text(choice: Any) -> str:
    if not isinstance(choice, Mapping):
        return ""
    message = choice.get("message")
    text = message.get("content") if isinstance(message, Mapping) else choice.get("text")
    return text if isinstance(text, str) else ""


def recount_usage(operation: Operation, call: RecordedCall, document: Any, patch: Any) -> Any:
    """After a patch of the choices (and not of the usage), ``completion_tokens`` counts the new texts."""
    if operation.operation_id not in REPLY_OPERATIONS or not isinstance(patch, Mapping) or "usage" in patch:
        return document
    if "choices" not in patch or not isinstance(document, dict) or not isinstance(document.get("usage"), Mapping):
        return document
    body: Mapping[str, Any] = call.body if isinstance(call.body, Mapping) else {}
    tok = tokenizer_or_default(str(body.get("model") or document.get("model") or "gpt-3.5-turbo"))
    completion = sum(tok.count(_choice_text(c)) for c in document.get("choices") or [])
    usage = dict(document["usage"])
    prompt = usage["prompt_tokens"] if isinstance(usage.get("prompt_tokens"), int) else 0
    usage |= {"completion_tokens": completion, "total_tokens": prompt + completion}
    return {**document, "usage": usage}


def schema_problem(spec: SpecDocument, operation: Operation, document: Any) -> str | None:
    """What makes ``document`` not an answer the spec allows, naming the field; None when it is one."""
    if operation.json_schema_pointer is None:
        return None
    error = best_match(spec.pointer_validator(operation.json_schema_pointer).iter_errors(document))
    if error is None:
        return None
    where = ".".join(str(p) for p in error.absolute_path)
    return f"{error.message} - '{where}'" if where else error.message
