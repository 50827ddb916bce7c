"""openai_client.retries: Retry-After (seconds, HTTP date, ms) with a cap, backoff, hooks, replay rules."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from overlay_support import Sleeps, WireTransport, make_client, quiet_policy, wire_client

from openai_client.exceptions import APIConnectionError, APITimeoutError, BadRequestError, RateLimitError
from openai_client.retries import AsyncRetryTransport, RetryEvent, RetryPolicy, RetryTransport

NOW = datetime(2023, 6, 1, 12, 0, 0, tzinfo=UTC)


def _sequence(*responses: httpx.Response | Exception) -> tuple[list[httpx.Request], httpx.MockTransport]:
    seen: list[httpx.Request] = []
    queue = list(responses)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        item = queue.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    return seen, httpx.MockTransport(handler)


def _send(transport: httpx.BaseTransport) -> httpx.Response:
    with httpx.Client(transport=transport, base_url="https://api.example.test/v1") as http:
        return http.post("/completions", json={"model": "m"})


def test_retry_after_seconds_then_success() -> None:
    sleeps = Sleeps()
    seen, inner = _sequence(httpx.Response(429, headers={"retry-after": "3"}), httpx.Response(200, json={"ok": 1}))
    response = _send(RetryTransport(inner, quiet_policy(sleeps)))
    assert response.status_code == 200
    assert sleeps.delays == [3.0]
    assert len(seen) == 2


def test_retry_after_http_date_is_measured_with_the_injected_clock() -> None:
    sleeps = Sleeps()
    date = "Thu, 01 Jun 2023 12:00:12 GMT"
    _seen, inner = _sequence(httpx.Response(503, headers={"retry-after": date}), httpx.Response(200))
    _send(RetryTransport(inner, quiet_policy(sleeps, clock=lambda: NOW)))
    assert sleeps.delays == [12.0]


def test_retry_after_ms_wins_and_a_wait_beyond_the_cap_is_not_waited() -> None:
    sleeps = Sleeps()
    seen, inner = _sequence(
        httpx.Response(429, headers={"retry-after-ms": "120", "retry-after": "1"}),
        httpx.Response(429, headers={"retry-after": "3600"}),
        httpx.Response(200),
    )
    response = _send(RetryTransport(inner, quiet_policy(sleeps, retry_after_cap=20.0)))
    assert response.status_code == 429 and response.headers["retry-after"] == "3600"
    assert sleeps.delays == [0.12] and len(seen) == 2


def test_a_retry_after_beyond_the_cap_raises_the_rate_limit_error_at_once() -> None:
    sleeps = Sleeps()
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(429, headers={"retry-after": "3600"}, json={"error": {"message": "quota", "type": "x"}})

    with pytest.raises(RateLimitError) as info:
        make_client(handler, policy=quiet_policy(sleeps)).get_httpx_client().get("/models")
    assert calls == [1] and sleeps.delays == []
    assert info.value.retry_after == 3600.0
    at_the_cap, inner = _sequence(httpx.Response(503, headers={"retry-after": "60"}), httpx.Response(200))
    assert _send(RetryTransport(inner, quiet_policy(sleeps))).status_code == 200
    assert len(at_the_cap) == 2 and sleeps.delays == [60.0]


@pytest.mark.parametrize("status", [408, 409, 429, 500, 501, 502, 503, 504, 505, 520, 599])
def test_retried_statuses_are_408_409_429_and_every_5xx(status: int) -> None:
    seen, inner = _sequence(httpx.Response(status), httpx.Response(200))
    assert _send(RetryTransport(inner, quiet_policy())).status_code == 200
    assert len(seen) == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 413, 422, 499])
def test_other_statuses_are_not_retried(status: int) -> None:
    seen, inner = _sequence(httpx.Response(status), httpx.Response(200))
    assert _send(RetryTransport(inner, quiet_policy())).status_code == status
    assert len(seen) == 1


def _header_recorder(*statuses: int) -> tuple[list[tuple[str | None, str | None]], httpx.MockTransport]:
    """Answers the statuses in turn, recording each attempt's retry count and idempotency key as sent."""
    sent: list[tuple[str | None, str | None]] = []
    queue = list(statuses)

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append((request.headers.get("x-stainless-retry-count"), request.headers.get("idempotency-key")))
        return httpx.Response(queue.pop(0) if queue else 200)

    return sent, httpx.MockTransport(handler)


def test_attempts_of_one_post_share_an_idempotency_key_and_count_their_retries() -> None:
    sent, inner = _header_recorder(503, 429, 200, 200)
    transport = RetryTransport(inner, quiet_policy())
    with httpx.Client(transport=transport, base_url="https://api.example.test/v1") as http:
        assert http.post("/completions", json={"model": "m"}).status_code == 200
        assert http.post("/completions", json={"model": "m"}).status_code == 200
    counts = [count for count, _ in sent]
    keys = [key for _, key in sent]
    assert counts == ["0", "1", "2", "0"]
    assert keys[0] and keys[0] == keys[1] == keys[2]
    assert keys[3] and keys[3] != keys[0]  # a new call is a new request


def test_gets_carry_no_idempotency_key_and_the_callers_own_headers_are_kept() -> None:
    sent, inner = _header_recorder(503, 200, 503, 200)
    with httpx.Client(transport=RetryTransport(inner, quiet_policy()), base_url="https://api.example.test") as http:
        http.get("/v1/models")
        http.post("/v1/files", content=b"x", headers={"Idempotency-Key": "mine", "x-stainless-retry-count": "7"})
    assert sent == [("0", None), ("1", None), ("7", "mine"), ("7", "mine")]
    no_keys, inner2 = _header_recorder(200)
    with httpx.Client(transport=RetryTransport(inner2, quiet_policy(idempotency_keys=False))) as http:
        http.post("https://api.example.test/v1/completions", json={})
    assert no_keys == [("0", None)]


def test_stops_at_max_retries_with_exponential_backoff_and_calls_hook() -> None:
    sleeps = Sleeps()
    events: list[RetryEvent] = []
    seen, inner = _sequence(*(httpx.Response(500) for _ in range(4)))
    policy = quiet_policy(sleeps, max_retries=3, backoff_base=0.5, backoff_cap=1.5, on_retry=events.append)
    response = _send(RetryTransport(inner, policy))
    assert response.status_code == 500
    assert len(seen) == 4
    assert sleeps.delays == [0.5, 1.0, 1.5]
    assert [(e.attempt, e.delay, e.response.status_code if e.response else None) for e in events] == [
        (1, 0.5, 500),
        (2, 1.0, 500),
        (3, 1.5, 500),
    ]


def test_no_retry_on_400_and_server_can_veto() -> None:
    sleeps = Sleeps()
    seen, inner = _sequence(httpx.Response(400), httpx.Response(200))
    assert _send(RetryTransport(inner, quiet_policy(sleeps))).status_code == 400
    seen2, inner2 = _sequence(httpx.Response(503, headers={"x-should-retry": "false"}), httpx.Response(200))
    assert _send(RetryTransport(inner2, quiet_policy(sleeps))).status_code == 503
    seen3, inner3 = _sequence(httpx.Response(400, headers={"x-should-retry": "true"}), httpx.Response(200))
    assert _send(RetryTransport(inner3, quiet_policy(sleeps))).status_code == 200
    assert (len(seen), len(seen2), len(seen3)) == (1, 1, 2)


def test_connection_errors_and_timeouts_are_retried() -> None:
    sleeps = Sleeps()
    seen, inner = _sequence(httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), httpx.Response(200))
    assert _send(RetryTransport(inner, quiet_policy(sleeps))).status_code == 200
    assert len(seen) == 3 and sleeps.delays == [0.5, 1.0]


def test_jitter_only_shortens_backoff() -> None:
    policy = RetryPolicy(backoff_base=1.0, backoff_cap=8.0)
    for attempt, full in ((1, 1.0), (2, 2.0), (4, 8.0), (9, 8.0)):
        delay = policy.backoff(attempt)
        assert 0.75 * full <= delay <= full


def test_policy_validates_its_numbers() -> None:
    with pytest.raises(ValueError, match="max_retries"):
        RetryPolicy(max_retries=-1)


def test_client_raises_typed_errors_after_retries() -> None:
    sleeps = Sleeps()
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(
            429, headers={"retry-after": "1"}, json={"error": {"message": "slow down", "type": "requests"}}
        )

    client = make_client(handler, policy=quiet_policy(sleeps), max_retries=2)
    with pytest.raises(RateLimitError) as info:
        client.get_httpx_client().get("/models")
    assert len(calls) == 3 and sleeps.delays == [1.0, 1.0]
    assert info.value.retry_after == 1.0 and info.value.type == "requests"


def test_client_wraps_exhausted_timeouts() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("no route")

    client = make_client(handler, max_retries=1)
    with pytest.raises(APITimeoutError):
        client.get_httpx_client().get("/models")

    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    with pytest.raises(APIConnectionError):
        make_client(refused, max_retries=0).get_httpx_client().get("/models")


def test_bad_request_is_not_retried_through_the_client() -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(400, json={"error": {"message": "bad", "type": "invalid_request_error", "param": "n"}})

    with pytest.raises(BadRequestError) as info:
        make_client(handler).get_httpx_client().post("/completions", json={})
    assert calls == [1] and info.value.param == "n"


def test_generator_bodies_are_sent_once_but_seekable_uploads_are_replayed() -> None:
    statuses = iter([503, 503, 200])
    bodies: list[bytes] = []

    def handler(request: httpx.Request, body: bytes) -> httpx.Response:
        bodies.append(body)
        return httpx.Response(next(statuses))

    wire = WireTransport(handler)
    transport = RetryTransport(wire, quiet_policy())

    def generated() -> Iterator[bytes]:
        yield b"once"

    with httpx.Client(transport=transport, base_url="https://api.example.test") as http:
        assert http.post("/x", content=generated()).status_code == 503
        upload = io.BytesIO(b"payload\r\n--+++\r\n")
        assert http.post("/y", files={"file": ("a.bin", upload, "application/octet-stream")}).status_code == 200
    assert len(bodies) == 3
    assert bodies[0] == b"once"
    assert bodies[1] == bodies[2] and b"payload\r\n--+++\r\n" in bodies[1]


def test_async_transport_honours_retry_after_with_async_sleep() -> None:
    sleeps = Sleeps()
    seen, inner = _sequence(
        httpx.Response(429, headers={"retry-after": "Thu, 01 Jun 2023 12:00:05 GMT"}),
        httpx.ReadError("reset"),
        httpx.Response(200, json={"ok": True}),
    )
    transport = AsyncRetryTransport(inner, quiet_policy(sleeps, clock=lambda: NOW))

    async def main() -> httpx.Response:
        async with httpx.AsyncClient(transport=transport, base_url="https://api.example.test") as http:
            return await http.get("/v1/models")

    assert asyncio.run(main()).json() == {"ok": True}
    assert sleeps.delays == [5.0, 1.0] and len(seen) == 3


def test_async_client_object_shares_the_retrying_transport() -> None:
    sleeps = Sleeps()
    statuses = iter([502, 200])

    def handler(request: httpx.Request, body: bytes) -> httpx.Response:
        return httpx.Response(next(statuses), json={"object": "list", "data": []})

    client = wire_client(WireTransport(handler), policy=quiet_policy(sleeps))

    async def main() -> int:
        return (await client.get_async_httpx_client().get("/models")).status_code

    assert asyncio.run(main()) == 200
    assert sleeps.delays == [0.5]
