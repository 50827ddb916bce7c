"""/completions and /chat/completions, JSON or streamed, over the text engine."""

from __future__ import annotations

import itertools
from collections.abc import AsyncGenerator, Callable, Hashable, Iterator
from typing import Any, TypeVar

import anyio.to_thread
import orjson
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from openai_models import CreateChatCompletionRequest, CreateCompletionRequest

from ..engines import catalog, chat, textgen
from ..engines.guards import check_bias_keys, check_token_ids
from ..engines.tokenizer import ChatMessage
from ..errors import InvalidRequestError
from ..http.cached import Answer, answer_head, new_id, request_cache_key
from ..http.services import Operation, Services, api, is_json
from ..http.sse import event_bytes, sse_response
from ..http.validation import given

__all__ = ["text_routes"]

T = TypeVar("T")
_BAD_PROMPT_TOKEN = "Invalid token in prompt: each token must be an id of the model's encoding."
# What a cache key (a digest of the request in a tuple) and one cached stream piece (a token's text,
# its logprobs and the objects around them) hold, roughly.
_KEY_BYTES = 256
_PIECE_BYTES = 1024


def _checked_bytes(request: Request) -> None:
    """The checks a request's bytes alone do not settle, before a cached answer is used."""
    if not is_json(request.headers.get("content-type")):
        raise InvalidRequestError(
            f"Invalid Content-Type header ({request.headers.get('content-type', 'none')}), expected application/json."
        )


async def _pieces(services: Services, key: Hashable, start: Callable[[], Iterator[T]]) -> AsyncGenerator[T, None]:
    """Engine pieces one by one from a worker thread; a finished stream is kept for replay."""
    cached: list[T] | None = services.results.get(key)
    if cached is not None:
        for piece in cached:
            yield piece
        return
    iterator = await run_in_threadpool(start)
    seen: list[T] = []

    def pull() -> list[T]:
        return list(itertools.islice(iterator, 1))

    while batch := await anyio.to_thread.run_sync(pull):
        seen += batch
        yield batch[0]
    services.results.put(key, seen, _KEY_BYTES + _PIECE_BYTES * len(seen))


def _chat_args(body: CreateChatCompletionRequest) -> tuple[list[ChatMessage], dict[str, Any]]:
    messages = [ChatMessage(m.role.value, m.content, m.name) for m in body.messages]
    kwargs: dict[str, Any] = {
        "temperature": given(body.temperature, "temperature"),
        "top_p": given(body.top_p, "top_p"),
        "n": given(body.n, "n"),
        "stop": body.stop,
        "max_tokens": body.max_tokens,
        "presence_penalty": given(body.presence_penalty, "presence_penalty"),
        "frequency_penalty": given(body.frequency_penalty, "frequency_penalty"),
        "logit_bias": body.logit_bias,
        "user": body.user,
    }
    return messages, kwargs


# Generating this many tokens from a prompt this size takes well under a millisecond: cheaper inline than
# a hop to a worker thread. A long prompt takes longer to tokenize than a short answer takes to sample.
_INLINE_TOKENS = 64
_INLINE_BODY_BYTES = 16 * 1024


async def _generate(n: int, max_tokens: int | None, body_bytes: int, work: Callable[[], T]) -> T:
    """Run the engine inline for small answers, in a worker thread otherwise (the event loop stays free)."""
    if max_tokens is not None and n * max_tokens <= _INLINE_TOKENS and body_bytes <= _INLINE_BODY_BYTES:
        return work()
    return await run_in_threadpool(work)


def _answer(prefix: str, kind: str, created: int, model: str, tail: bytes) -> Response:
    """A new answer (a new id) around the cached ``{"choices": ..., "usage": ...}``."""
    return Response(answer_head(prefix, kind, created, model) + tail[1:], media_type="application/json")


def text_routes(s: Services) -> list[Operation]:
    # Results are cached by (a digest of) the request's exact bytes: the engine's answer depends on nothing else.
    # A repeated request is answered by CachedAnswers before routing (its model checked again); these see misses.
    @api
    async def create_completion(request: Request) -> Response:
        _checked_bytes(request)
        key = request_cache_key(request.scope, "completion", await request.body())
        body = await s.json_body(request, CreateCompletionRequest)
        s.model_for(body.model, catalog.COMPLETIONS)
        check_bias_keys(body.model, body.logit_bias)
        check_token_ids(body.prompt, _BAD_PROMPT_TOKEN, "prompt")
        # An unset best_of means "as many as n"; the schema's default of 1 would contradict n > 1.
        best_of = body.best_of if "best_of" in body.model_fields_set else None
        n, max_tokens = given(body.n, "n"), given(body.max_tokens, "max_tokens")
        prompt = body.prompt
        if prompt is None:  # never after validation (null means the default): given() raises, and narrows the union
            prompt = given(prompt, "prompt")
        args = (
            body.model,
            prompt,
            body.suffix,
            max_tokens,
            given(body.temperature, "temperature"),
            given(body.top_p, "top_p"),
            n,
            body.stop,
            given(body.echo, "echo"),
            body.logprobs,
            best_of,
            body.logit_bias,
            given(body.presence_penalty, "presence_penalty"),
            given(body.frequency_penalty, "frequency_penalty"),
            body.user,
        )
        created, ident = int(s.clock()), new_id("cmpl-")
        head = {"id": ident, "object": "text_completion", "created": created, "model": body.model}
        if body.stream:
            plan = await run_in_threadpool(textgen.plan_completion, *args)
            textgen.stream_plan(plan)  # refuses best_of > n before the stream starts

            async def events() -> AsyncGenerator[bytes, None]:
                async for d in _pieces(s, key, lambda: textgen.stream_plan(plan)):
                    lp = d.logprobs.to_dict() if d.logprobs is not None else None
                    choice = {"text": d.text, "index": d.index, "logprobs": lp, "finish_reason": d.finish_reason}
                    yield event_bytes({**head, "choices": [choice]})

            return sse_response(events(), s.fault(request), s.config.latency_ms)
        candidates = max(n, best_of or 1)
        result = await _generate(
            candidates,
            max_tokens,
            len(await request.body()),
            lambda: textgen.run_plan(textgen.plan_completion(*args)),
        )
        tail = orjson.dumps({"choices": [c.to_dict() for c in result.choices], "usage": result.usage.to_dict()})
        s.results.put(key, Answer(body.model, tail), _KEY_BYTES + len(tail))
        return _answer("cmpl-", "text_completion", created, body.model, tail)

    @api
    async def create_chat_completion(request: Request) -> Response:
        _checked_bytes(request)
        key = request_cache_key(request.scope, "chat", await request.body())
        body = await s.json_body(request, CreateChatCompletionRequest)
        s.model_for(body.model, catalog.CHAT)
        check_bias_keys(body.model, body.logit_bias)
        created = int(s.clock())
        if body.stream:
            head = {
                "id": new_id("chatcmpl-"),
                "object": "chat.completion.chunk",
                "created": created,
                "model": body.model,
            }
            first: Iterator[chat.ChatDelta] | None = None
            if s.results.get(key) is None:  # check the parameters before the stream starts
                messages, kwargs = _chat_args(body)
                first = await run_in_threadpool(lambda: chat.stream_chat(body.model, messages, **kwargs))

            def start() -> Iterator[chat.ChatDelta]:
                if first is not None:
                    return first
                messages, kwargs = _chat_args(body)
                return chat.stream_chat(body.model, messages, **kwargs)

            async def events() -> AsyncGenerator[bytes, None]:
                async for d in _pieces(s, key, start):
                    choice = {"index": d.index, "delta": d.delta_dict(), "finish_reason": d.finish_reason}
                    yield event_bytes({**head, "choices": [choice]})

            return sse_response(events(), s.fault(request), s.config.latency_ms)
        messages, kwargs = _chat_args(body)
        result = await _generate(
            kwargs["n"],
            body.max_tokens,
            len(await request.body()),
            lambda: chat.chat_complete(body.model, messages, **kwargs),
        )
        tail = orjson.dumps({"choices": [c.to_dict() for c in result.choices], "usage": result.usage.to_dict()})
        s.results.put(key, Answer(body.model, tail), _KEY_BYTES + len(tail))
        return _answer("chatcmpl-", "chat.completion", created, body.model, tail)

    return [
        ("POST", "/v1/completions", create_completion),
        ("POST", "/v1/chat/completions", create_chat_completion),
    ]
