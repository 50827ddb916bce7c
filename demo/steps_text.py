"""Tour steps for the text endpoints: models, chat (plain and streamed), completions, edits, embeddings, moderation."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from openai_client.accumulate import accumulate_chat
from openai_client.api.chat import create_chat_completion
from openai_client.api.completions import create_completion
from openai_client.api.edits import create_edit
from openai_client.api.embeddings import create_embedding
from openai_client.api.models import list_models
from openai_client.api.moderations import create_moderation
from openai_client.models import (
    ChatCompletionChunk,
    ChatCompletionRequestMessage,
    CreateChatCompletionRequest,
    CreateChatCompletionResponse,
    CreateCompletionRequest,
    CreateCompletionResponse,
    CreateEditRequest,
    CreateEditResponse,
    CreateEmbeddingRequest,
    CreateEmbeddingResponse,
    CreateModerationRequest,
    CreateModerationResponse,
    ListModelsResponse,
)
from openai_client.streaming import stream_chat_completion

from .media import cosine_similarity
from .runner import Context, expect, say

__all__ = ["chat", "chat_streamed", "completion_logprobs", "edit", "embeddings", "models", "moderation"]

CHAT_MODEL = "gpt-3.5-turbo"


def models(ctx: Context) -> None:
    listed = expect(list_models.sync(client=ctx.client), ListModelsResponse)
    ids = sorted(m.id for m in listed.data)
    say(f"{len(ids)} models, for example: {', '.join(ids[:6])}, ...")


def _chat_request() -> CreateChatCompletionRequest:
    return CreateChatCompletionRequest(
        model=CHAT_MODEL,
        messages=[
            ChatCompletionRequestMessage(role="system", content="You are a helpful assistant."),
            ChatCompletionRequestMessage(role="user", content="Write a haiku about type checkers."),
        ],
        max_tokens=40,
    )


def chat(ctx: Context) -> None:
    reply = expect(create_chat_completion.sync(client=ctx.client, body=_chat_request()), CreateChatCompletionResponse)
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
            if isinstance(choice.delta.content, str):
                print(choice.delta.content, end="", flush=True)
        yield chunk


def chat_streamed(ctx: Context) -> None:
    counter = itertools.count()
    print("    assistant:", end="", flush=True)  # the first delta starts with its own space
    with stream_chat_completion(ctx.client, _chat_request()) as stream:
        reply = accumulate_chat(_echo(stream, counter))
    print(flush=True)
    say(
        f"{next(counter)} chunks, accumulated into one {type(reply).__name__} "
        f"({len(reply.choices[0].message.content or '')} characters)"
    )


def completion_logprobs(ctx: Context) -> None:
    body = CreateCompletionRequest(model="text-davinci-003", prompt="Say this is a test", max_tokens=6, logprobs=3)
    reply = expect(create_completion.sync(client=ctx.client, body=body), CreateCompletionResponse)
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
    body = CreateEditRequest(
        model="text-davinci-edit-001", input_="What day of the wek is it?", instruction="Fix the spelling mistakes"
    )
    reply = expect(create_edit.sync(client=ctx.client, body=body), CreateEditResponse)
    say(f"input:  {body.input_!r}")
    say(f"output: {reply.choices[0].text!r}")


SENTENCES = (
    "The cat sat on the mat.",
    "A kitten was sitting on the rug.",
    "Quarterly revenue rose by four percent.",
)


def embeddings(ctx: Context) -> None:
    body = CreateEmbeddingRequest(model="text-embedding-ada-002", input_=list(SENTENCES))
    reply = expect(create_embedding.sync(client=ctx.client, body=body), CreateEmbeddingResponse)
    vectors = [expect(item.embedding, list) for item in sorted(reply.data, key=lambda e: e.index)]
    say(f"{len(vectors)} vectors of {len(vectors[0])} dimensions ({reply.usage.total_tokens} tokens)")
    for (i, a), (j, b) in itertools.combinations(enumerate(vectors), 2):
        say(f"cos(#{i + 1}, #{j + 1}) = {cosine_similarity(a, b):+.3f}   {SENTENCES[i]!r} ~ {SENTENCES[j]!r}")


def moderation(ctx: Context) -> None:
    body = CreateModerationRequest(input_="I want to kill them.")
    reply = expect(create_moderation.sync(client=ctx.client, body=body), CreateModerationResponse)
    result = reply.results[0]
    categories = result.categories.to_dict()
    scores = result.category_scores.to_dict()
    flagged = [name for name, hit in categories.items() if hit]
    say(f"{body.input_!r}: flagged={result.flagged} ({reply.model})")
    for name in flagged:
        say(f"  {name}: {scores[name]:.3f}")
    if not result.flagged:
        raise ValueError("expected the text to be flagged")
