"""Chat completions on top of the completion engine (no echo, logprobs, best_of or suffix)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..errors import InvalidRequestError
from .textgen import Plan, StreamDelta, Usage, plan_completion, run_plan, stream_plan
from .tokenizer import ChatMessage, chat_prompt

__all__ = ["ChatChoice", "ChatDelta", "ChatMessage", "ChatResult", "chat_complete", "parse_messages", "stream_chat"]

_ROLES = ("system", "assistant", "user")
_NAME = re.compile(r"^[a-zA-Z0-9_]{1,64}$")


@dataclass(frozen=True)
class ChatChoice:
    index: int
    content: str
    finish_reason: str | None
    role: str = "assistant"

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "message": {"role": self.role, "content": self.content},
            "finish_reason": self.finish_reason,
        }


class ChatResult(NamedTuple):  # a tuple: immutable, and cheaper to build than a frozen dataclass
    choices: list[ChatChoice]
    usage: Usage


@dataclass(frozen=True)
class ChatDelta:
    """A streamed piece: the first piece of a choice carries the role, the last its finish reason."""

    index: int
    role: str | None
    content: str | None
    finish_reason: str | None

    def delta_dict(self) -> dict[str, str]:
        out = {}
        if self.role is not None:
            out["role"] = self.role
        if self.content is not None:
            out["content"] = self.content
        return out


def parse_messages(messages: Sequence[ChatMessage | Mapping[str, object]]) -> list[ChatMessage]:
    """Check roles and names as the real API does; plain dicts are accepted too."""
    if not messages:
        raise InvalidRequestError("[] is too short - 'messages'", param="messages")
    out = []
    for i, m in enumerate(messages):
        msg = m if isinstance(m, ChatMessage) else ChatMessage(str(m.get("role")), m.get("content"), m.get("name"))  # type: ignore[arg-type]
        if msg.role not in _ROLES:
            raise InvalidRequestError(
                f"'{msg.role}' is not one of {list(_ROLES)} - 'messages.{i}.role'", param=f"messages.{i}.role"
            )
        if not isinstance(msg.content, str):
            raise InvalidRequestError(
                f"{msg.content!r} is not of type 'string' - 'messages.{i}.content'", param=f"messages.{i}.content"
            )
        if msg.name is not None and not _NAME.match(msg.name):
            raise InvalidRequestError(
                f"'{msg.name}' does not match '^[a-zA-Z0-9_]{{1,64}}$' - 'messages.{i}.name'",
                param=f"messages.{i}.name",
            )
        out.append(msg)
    return out


def _plan(
    model: str,
    messages: Sequence[ChatMessage | Mapping[str, object]],
    temperature: float,
    top_p: float,
    n: int,
    stop: str | Sequence[str] | None,
    max_tokens: int | None,
    presence_penalty: float,
    frequency_penalty: float,
    logit_bias: Mapping[str, float] | Mapping[int, float] | None,
    user: str | None,
) -> Plan:
    """A completion plan of the conversation's tokens (chat has no suffix, echo, logprobs or best_of)."""
    tokens, counted = chat_prompt(model, parse_messages(messages))
    return plan_completion(
        model,
        tokens,
        None,
        max_tokens,
        temperature,
        top_p,
        n,
        stop,
        False,
        None,
        None,
        logit_bias,
        presence_penalty,
        frequency_penalty,
        user,
        counted_prompt_tokens=counted,
    )


def chat_complete(
    model: str,
    messages: Sequence[ChatMessage | Mapping[str, object]],
    *,
    temperature: float = 1.0,
    top_p: float = 1.0,
    n: int = 1,
    stop: str | Sequence[str] | None = None,
    max_tokens: int | None = None,
    presence_penalty: float = 0.0,
    frequency_penalty: float = 0.0,
    logit_bias: Mapping[str, float] | Mapping[int, float] | None = None,
    user: str | None = None,
) -> ChatResult:
    """The assistant's replies; ``max_tokens=None`` allows the rest of the model's context."""
    plan = _plan(
        model, messages, temperature, top_p, n, stop, max_tokens, presence_penalty, frequency_penalty, logit_bias, user
    )
    result = run_plan(plan)
    return ChatResult([ChatChoice(c.index, c.text, c.finish_reason) for c in result.choices], result.usage)


def stream_chat(
    model: str,
    messages: Sequence[ChatMessage | Mapping[str, object]],
    *,
    temperature: float = 1.0,
    top_p: float = 1.0,
    n: int = 1,
    stop: str | Sequence[str] | None = None,
    max_tokens: int | None = None,
    presence_penalty: float = 0.0,
    frequency_penalty: float = 0.0,
    logit_bias: Mapping[str, float] | Mapping[int, float] | None = None,
    user: str | None = None,
) -> Iterator[ChatDelta]:
    """``chat_complete``'s replies as deltas; parameters are checked on the call."""
    plan = _plan(
        model, messages, temperature, top_p, n, stop, max_tokens, presence_penalty, frequency_penalty, logit_bias, user
    )
    return _deltas(stream_plan(plan))


def _deltas(pieces: Iterator[StreamDelta]) -> Iterator[ChatDelta]:
    started: set[int] = set()
    for piece in pieces:
        index, text, finish = piece.index, piece.text, piece.finish_reason
        if index not in started:
            started.add(index)
            yield ChatDelta(index, "assistant", "", None)
        if text:
            yield ChatDelta(index, None, text, None)
        if finish is not None:
            yield ChatDelta(index, None, None, finish)
