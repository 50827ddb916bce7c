"""Tour steps for failures: typed API errors, and a 429 that is retried (via the mock's x-mock-fault header)."""

from __future__ import annotations

from typing import cast

import httpx

from openai_client.api.chat import create_chat_completion
from openai_client.api.models import list_models, retrieve_model
from openai_client.config import client_from_env
from openai_client.exceptions import APIError, BadRequestError, NotFoundError, RateLimitError
from openai_client.models import ChatCompletionRequestMessage, ChatCompletionRole, CreateChatCompletionRequest
from openai_client.ratelimit import rate_limit_of
from openai_client.retries import RetryEvent, RetryPolicy

from .runner import Context, say

__all__ = ["errors", "retries"]

FAULT = "x-mock-fault"
RATE_LIMITED = "status=429; retry-after-ms=200"


def _show(error: APIError) -> None:
    say(f"{type(error).__name__}: status={error.status} type={error.type} param={error.param} code={error.code}")
    say(f"  message: {error.message}")


def errors(ctx: Context) -> None:
    # The type checker refuses this role; forced here to show what the server answers.
    bad = ChatCompletionRequestMessage(role=cast(ChatCompletionRole, "wizard"), content="Hello")
    try:
        create_chat_completion.sync(
            client=ctx.client, body=CreateChatCompletionRequest(model="gpt-3.5-turbo", messages=[bad])
        )
    except BadRequestError as error:
        _show(error)
    else:
        raise RuntimeError("a message with role 'wizard' was accepted")
    try:
        retrieve_model.sync("gpt-5-turbo-ultra", client=ctx.client)
    except NotFoundError as error:
        _show(error)
    else:
        raise RuntimeError("a model that does not exist was found")


class FailFirstAttempt(httpx.BaseTransport):
    """Adds the fault header to the first attempt only, so the retry that follows succeeds."""

    def __init__(self, fault: str) -> None:
        self.inner = httpx.HTTPTransport()
        self.fault: str | None = fault

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.fault is not None:
            request.headers[FAULT] = self.fault
            self.fault = None
        elif FAULT in request.headers:
            del request.headers[FAULT]
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def _policy(seen: list[RetryEvent], max_retries: int) -> RetryPolicy:
    def on_retry(event: RetryEvent) -> None:
        seen.append(event)
        status = event.response.status_code if event.response is not None else type(event.exception).__name__
        say(f"retry {event.attempt} after {status}, waiting {event.delay:.2f} s")

    return RetryPolicy(max_retries=max_retries, on_retry=on_retry)


def _retried_then_ok(ctx: Context) -> None:
    seen: list[RetryEvent] = []
    client = client_from_env(
        ctx.api_key,
        base_url=ctx.base_url,
        transport=FailFirstAttempt(RATE_LIMITED),
        retry_policy=_policy(seen, max_retries=2),
        env={},
    )
    with client:
        response = list_models.sync_detailed(client=client)
    limits = rate_limit_of(response.headers)
    say(
        f"then HTTP {int(response.status_code)} after {len(seen)} retr{'y' if len(seen) == 1 else 'ies'}; "
        f"requests left this minute: {limits.remaining_requests} of {limits.limit_requests}"
    )
    if not seen:
        say("(this server ignores x-mock-fault: nothing to retry)")


def _retries_exhausted(ctx: Context) -> None:
    seen: list[RetryEvent] = []
    client = client_from_env(
        ctx.api_key,
        base_url=ctx.base_url,
        headers={FAULT: RATE_LIMITED},
        retry_policy=_policy(seen, max_retries=1),
        env={},
    )
    with client:
        try:
            list_models.sync(client=client)
        except RateLimitError as error:
            _show(error)
            say(f"  retry_after={error.retry_after} s, after {len(seen)} retry; still refused")
            return
    say("(this server ignores x-mock-fault: no rate limit to show)")


def retries(ctx: Context) -> None:
    say(f"first attempt answered 429 ({FAULT}: {RATE_LIMITED}):")
    _retried_then_ok(ctx)
    say("every attempt answered 429, max_retries=1:")
    _retries_exhausted(ctx)
