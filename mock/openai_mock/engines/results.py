"""Result values of the completion engine, with the API's JSON shapes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from openai_models import dicts

__all__ = ["Choice", "CompletionResult", "Logprobs", "StreamDelta", "Usage"]


@dataclass
class Logprobs:
    tokens: list[str] = field(default_factory=list)
    token_logprobs: list[float | None] = field(default_factory=list)
    top_logprobs: list[dict[str, float] | None] = field(default_factory=list)
    text_offset: list[int] = field(default_factory=list)

    def extend(self, other: Logprobs) -> None:
        self.tokens += other.tokens
        self.token_logprobs += other.token_logprobs
        self.top_logprobs += other.top_logprobs
        self.text_offset += other.text_offset

    def to_dict(self) -> dicts.CompletionLogprobs:
        return {
            "tokens": self.tokens,
            "token_logprobs": self.token_logprobs,
            "top_logprobs": self.top_logprobs,
            "text_offset": self.text_offset,
        }


@dataclass
class Choice:
    text: str
    index: int
    finish_reason: str | None
    logprobs: Logprobs | None = None

    def to_dict(self) -> dict[str, Any]:
        lp = self.logprobs.to_dict() if self.logprobs is not None else None
        return {"text": self.text, "index": self.index, "logprobs": lp, "finish_reason": self.finish_reason}


class Usage(NamedTuple):  # a tuple: immutable, and cheaper to build than a frozen dataclass
    prompt_tokens: int
    completion_tokens: int

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def to_dict(self) -> dicts.CompletionUsage:
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.total_tokens,
        }


@dataclass
class CompletionResult:
    choices: list[Choice]
    usage: Usage


@dataclass(frozen=True)
class StreamDelta:
    """One streamed piece of choice ``index``; ``finish_reason`` is set on its last piece."""

    index: int
    text: str
    logprobs: Logprobs | None
    finish_reason: str | None
