"""Tour steps for the text endpoints: models, chat (plain and streamed), completions, edits, embeddings, moderation."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from openai_client.accumulate import accumulate_chat
from openai_client.models import ChatCompletionChunk
from openai_client.params import ChatCompletionRequestMessageParam

from .media import cosine_similarity
from .runner import Context, say

__all__ = ["chat", "chat_streamed", "completion_logprobs", "edit", "embeddings", "models", "moderation"]

CHAT_MODEL = "gpt-3.5-turbo"
MESSAGES: list[ChatCompletionRequestMessageParam] = [
    {"role": "system", "content": "You are a helpful assistant."},
    {"role": "user", "content": "Write a haiku about type checkers."},
]


def models(ctx: Context) -> None:
    ids = sorted(model.id for model in ctx.client.models.list())
    say(f"{len(ids)} models, for example: {', '.join(ids[:6])}, ...")


def chat(ctx: Context) -> None:
    reply = ctx.client.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES, max_tokens=40)
    choice = reply.choices[0]
    say(f"{choice.message.role}: {(choice.message.content or '').strip()}")
    say(
        f"finish_reason={choice.finish_reason}, tokens: {reply.usage.prompt_tokens} in, "
        f"{reply.usage.completion_tokens} out"
    )


def _echo(chunks: Iterable[ChatCompletionChunk], counter: Iterator[int]) -> Iterator[ChatCompletionChunk]:
    """Print each delta the moment its chunk arrives, and pass the chunk on."""
    for chunk in chunks:
        next(counter)
        for choice in chunk.choices:
            print(choice.delta.content or "", end="", flush=True)
        yield chunk


def chat_streamed(ctx: Context) -> None:
    counter = itertools.count()
    print("    assistant:", end="", flush=True)  # the first delta starts with its own space
    with ctx.client.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES, max_tokens=40, stream=True) as stream:
        reply = accumulate_chat(_echo(stream, counter))
    print(flush=True)
    say(
        f"{next(counter)} chunks, accumulated into one {type(reply).__name__} "
        f"({len(reply.choices[0].message.content or '')} characters)"
    )


def completion_logprobs(ctx: Context) -> None:
    reply = ctx.client.completions.create(
        model="text-davinci-003", prompt="Say this is a test", max_tokens=6, logprobs=3
    )
    choice = reply.choices[0]
    say(f"text: {choice.text!r}")
    if choice.logprobs is None:
        raise ValueError("logprobs were requested but not returned")
    say("token (its logprob) <- the top alternatives (logprobs)")
    lp = choice.logprobs
    for token, chosen, top in zip(lp.tokens, lp.token_logprobs, lp.top_logprobs, strict=True):
        options = sorted((top.additional_properties if top else {}).items(), key=lambda kv: -kv[1])
        shown = ", ".join(f"{alt!r} {value:.2f}" for alt, value in options)
        say(f"  {token!r:>12} ({chosen if chosen is None else round(chosen, 2)}) <- {shown}")


def edit(ctx: Context) -> None:
    text = "What day of the wek is it?"
    reply = ctx.client.edits.create(model="text-davinci-edit-001", input=text, instruction="Fix the spelling mistakes")
    say(f"input:  {text!r}")
    say(f"output: {reply.choices[0].text!r}")


SENTENCES = (
    "The cat sat on the mat.",
    "A kitten was sitting on the rug.",
    "Quarterly revenue rose by four percent.",
)


def embeddings(ctx: Context) -> None:
    reply = ctx.client.embeddings.create(model="text-embedding-ada-002", input=list(SENTENCES))
    vectors = [item.embedding for item in sorted(reply.data, key=lambda e: e.index)]
    say(f"{len(vectors)} vectors of {len(vectors[0])} dimensions ({reply.usage.total_tokens} tokens)")
    for (i, a), (j, b) in itertools.combinations(enumerate(vectors), 2):
        say(f"cos(#{i + 1}, #{j + 1}) = {cosine_similarity(a, b):+.3f}   {SENTENCES[i]!r} ~ {SENTENCES[j]!r}")


def moderation(ctx: Context) -> None:
    text = "I want to kill them."
    reply = ctx.client.moderations.create(input=text)
    result = reply.results[0]
    categories = result.categories.to_dict()
    scores = result.category_scores.to_dict()
    flagged = [name for name, hit in categories.items() if hit]
    say(f"{text!r}: flagged={result.flagged} ({reply.model})")
    for name in flagged:
        say(f"  {name}: {scores[name]:.3f}")
    if not result.flagged:
        raise ValueError("expected the text to be flagged")
