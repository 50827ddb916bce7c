"""Tour steps for failures: typed API errors, and a 429 that is retried (via the mock's x-mock-fault header)."""

from __future__ import annotations

import httpx

from openai_client import APIStatusError, BadRequestError, NotFoundError, OpenAI, RateLimitError

from .runner import Context, say

__all__ = ["errors", "retries"]

FAULT = "x-mock-fault"
RATE_LIMITED = "status=429; retry-after-ms=200"


def _show(error: APIStatusError) -> None:
    say(f"{type(error).__name__}: status={error.status_code} type={error.type} param={error.param} code={error.code}")
    say(f"  message: {error.message}")


def errors(ctx: Context) -> None:
    try:
        # The type checker refuses this role as an argument; extra_body sends it anyway, to show the answer.
        ctx.client.chat.completions.create(
            model="gpt-3.5-turbo",
            messages=[{"role": "user", "content": "Hello"}],
            extra_body={"messages": [{"role": "wizard", "content": "Hello"}]},
        )
    except BadRequestError as error:
        _show(error)
    else:
        raise RuntimeError("a message with role 'wizard' was accepted")
    try:
        ctx.client.models.retrieve("gpt-5-turbo-ultra")
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


def _watched(transport: httpx.BaseTransport | None = None) -> tuple[httpx.Client, list[int]]:
    """An httpx.Client that notes every attempt's status: the facade retries above it, so it sees each one."""
    statuses: list[int] = []

    def seen(response: httpx.Response) -> None:
        if statuses:
            say(f"retry {len(statuses)} after {statuses[-1]}")
        statuses.append(response.status_code)

    return httpx.Client(transport=transport, event_hooks={"response": [seen]}), statuses


def _retried_then_ok(ctx: Context) -> None:
    http, statuses = _watched(FailFirstAttempt(RATE_LIMITED))
    with http, OpenAI(api_key=ctx.api_key, base_url=ctx.base_url, http_client=http, max_retries=2) as client:
        response = client.models.with_raw_response.list()
    limits = response.rate_limit
    retried = len(statuses) - 1
    say(
        f"then HTTP {response.status_code} after {retried} retr{'y' if retried == 1 else 'ies'}; "
        f"requests left this minute: {limits.remaining_requests} of {limits.limit_requests}"
    )
    if not retried:
        say("(this server ignores x-mock-fault: nothing to retry)")


def _retries_exhausted(ctx: Context) -> None:
    http, statuses = _watched()
    client = OpenAI(
        api_key=ctx.api_key,
        base_url=ctx.base_url,
        http_client=http,
        default_headers={FAULT: RATE_LIMITED},
        max_retries=1,
    )
    with http, client:
        try:
            client.models.list()
        except RateLimitError as error:
            _show(error)
            say(f"  retry_after={error.retry_after} s, after {len(statuses) - 1} retry; still refused")
            return
    say("(this server ignores x-mock-fault: no rate limit to show)")


def retries(ctx: Context) -> None:
    say(f"first attempt answered 429 ({FAULT}: {RATE_LIMITED}):")
    _retried_then_ok(ctx)
    say("every attempt answered 429, max_retries=1:")
    _retries_exhausted(ctx)
