"""Folding streamed chunks back into the response a non-streamed call returns.

    with stream_chat_completion(client, body) as stream:
        response = accumulate_chat(stream)          # CreateChatCompletionResponse

Streams carry no token usage (the 2023 API sends none), yet the response models require it:
pass `usage=` if you counted tokens yourself; otherwise it is all zeros, meaning "unknown".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .exceptions import StreamError
from .models import (
    ChatCompletionChoice,
    ChatCompletionChunk,
    ChatCompletionResponseMessage,
    ChatCompletionRole,
    CompletionChoice,
    CompletionChunk,
    CompletionLogprobs,
    CompletionUsage,
    CreateChatCompletionResponse,
    CreateCompletionResponse,
    FinishReason,
)
from .types import Unset

__all__ = ["accumulate_chat", "accumulate_completion"]


def _usage(usage: CompletionUsage | None) -> CompletionUsage:
    return usage if usage is not None else CompletionUsage(prompt_tokens=0, completion_tokens=0, total_tokens=0)


@dataclass
class _Choice:
    parts: list[str] = field(default_factory=list)
    role: ChatCompletionRole | None = None
    finish_reason: FinishReason | None = None
    logprobs: CompletionLogprobs | None = None


def accumulate_chat(
    chunks: Iterable[ChatCompletionChunk], *, usage: CompletionUsage | None = None
) -> CreateChatCompletionResponse:
    """Join the deltas of each choice (by `index`) into one message; the last finish_reason wins."""
    first: ChatCompletionChunk | None = None
    choices: dict[int, _Choice] = {}
    for chunk in chunks:
        first = first or chunk
        for choice in chunk.choices:
            slot = choices.setdefault(choice.index, _Choice())
            delta = choice.delta
            if not isinstance(delta.role, Unset) and delta.role is not None:
                slot.role = delta.role
            if isinstance(delta.content, str):
                slot.parts.append(delta.content)
            if choice.finish_reason is not None:
                slot.finish_reason = choice.finish_reason
    if first is None:
        raise StreamError("cannot accumulate a stream without chunks")
    return CreateChatCompletionResponse(
        id=first.id,
        object_="chat.completion",
        created=first.created,
        model=first.model,
        choices=[
            ChatCompletionChoice(
                index=index,
                message=ChatCompletionResponseMessage(role=slot.role or "assistant", content="".join(slot.parts)),
                finish_reason=slot.finish_reason,
            )
            for index, slot in sorted(choices.items())
        ],
        usage=_usage(usage),
    )


def _join_logprobs(into: CompletionLogprobs | None, more: CompletionLogprobs) -> CompletionLogprobs:
    if into is None:
        return CompletionLogprobs(
            tokens=list(more.tokens),
            token_logprobs=list(more.token_logprobs),
            top_logprobs=list(more.top_logprobs),
            text_offset=list(more.text_offset),
        )
    into.tokens.extend(more.tokens)
    into.token_logprobs.extend(more.token_logprobs)
    into.top_logprobs.extend(more.top_logprobs)
    into.text_offset.extend(more.text_offset)
    return into


def accumulate_completion(
    chunks: Iterable[CompletionChunk], *, usage: CompletionUsage | None = None
) -> CreateCompletionResponse:
    """Join the text (and logprobs, when requested) of each choice into one CreateCompletionResponse."""
    first: CompletionChunk | None = None
    choices: dict[int, _Choice] = {}
    for chunk in chunks:
        first = first or chunk
        for choice in chunk.choices:
            slot = choices.setdefault(choice.index, _Choice())
            slot.parts.append(choice.text)
            if choice.logprobs is not None:
                slot.logprobs = _join_logprobs(slot.logprobs, choice.logprobs)
            if choice.finish_reason is not None:
                slot.finish_reason = choice.finish_reason
    if first is None:
        raise StreamError("cannot accumulate a stream without chunks")
    return CreateCompletionResponse(
        id=first.id,
        object_="text_completion",
        created=first.created,
        model=first.model,
        choices=[
            CompletionChoice(
                text="".join(slot.parts), index=index, logprobs=slot.logprobs, finish_reason=slot.finish_reason
            )
            for index, slot in sorted(choices.items())
        ],
        usage=_usage(usage),
    )
