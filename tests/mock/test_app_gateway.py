"""The gateway: API keys, injected faults, rate-limit and request-id headers, the spec and health routes."""

from __future__ import annotations

import base64
import json
import logging
import time
from collections.abc import Iterator

import anyio
import httpx
import pytest
import yaml
from mock_app_support import API_KEY, AUTH, conforms, error_of, mock_client, sse_events
from starlette.types import Message

from openai_mock.app import create_app
from openai_mock.config import MockConfig
from openai_mock.http.faults import parse_fault
from openai_mock.http.ratelimit import RateLimiter, go_duration

CHAT = {"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "Hello!"}], "max_tokens": 20}
SECOND_NS = 1_000_000_000
RATE_HEADERS = (
    "x-ratelimit-limit-requests",
    "x-ratelimit-limit-tokens",
    "x-ratelimit-remaining-requests",
    "x-ratelimit-remaining-tokens",
    "x-ratelimit-reset-requests",
    "x-ratelimit-reset-tokens",
)


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with mock_client() as (c, _):
        yield c


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer "}])
def test_missing_key_is_401(client: httpx.Client, headers: dict[str, str]) -> None:
    response = client.get("/models", headers={**headers, "Authorization": headers.get("Authorization", "")})
    error = error_of(response, 401)
    assert error["code"] == "invalid_api_key"
    assert error["message"].startswith("You didn't provide an API key.")


def test_key_without_sk_prefix_is_401_without_echo(client: httpx.Client) -> None:
    key = "pk-live-1234567890abcdefghij"
    error = error_of(client.get("/models", headers={"Authorization": f"Bearer {key}"}), 401)
    assert error["code"] == "invalid_api_key"
    assert key not in error["message"] and "pk-" in error["message"] and "ghij" in error["message"]


def test_configured_keys_are_the_only_ones_accepted() -> None:
    with mock_client(MockConfig(api_keys=("sk-one", "sk-two"))) as (client, _):
        assert client.get("/models", headers={"Authorization": "Bearer sk-two"}).status_code == 200
        error = error_of(client.get("/models", headers={"Authorization": "Bearer sk-three"}), 401)
        assert "sk-three" not in error["message"]
        assert error_of(client.get("/models"), 401)["code"] == "invalid_api_key"  # default key sk-test-...


def test_every_response_has_request_id_and_rate_limit_headers(client: httpx.Client) -> None:
    responses = [
        client.get("/models"),
        client.get("/files/file-none"),
        client.get("/models", headers={"Authorization": ""}),
        client.get("http://mock/"),
        client.post("/chat/completions", json=CHAT),
    ]
    ids = set()
    for response in responses:
        assert response.headers["x-request-id"].startswith("req_")
        ids.add(response.headers["x-request-id"])
        for name in RATE_HEADERS:
            assert name in response.headers, (name, response.url)
    assert len(ids) == len(responses)
    ok = conforms(responses[-1])
    assert int(ok.headers["x-ratelimit-limit-requests"]) == 3500
    assert int(ok.headers["x-ratelimit-remaining-requests"]) < 3500
    assert ok.headers["x-ratelimit-reset-requests"].endswith("ms")


def test_go_durations() -> None:
    assert [go_duration(s) for s in (0, 0.02, 0.0004, 1.5, 59, 360, 3723.25)] == [
        "0s",
        "20ms",
        "1ms",
        "1.5s",
        "59s",
        "6m0s",
        "1h2m3.25s",
    ]


def test_rate_limiter_counts_down_refills_and_enforces() -> None:
    now = [0]
    limiter = RateLimiter(60, 1000, enforce=True, clock=lambda: now[0])
    first = limiter.take("k", 100)
    assert first.headers["x-ratelimit-remaining-requests"] == "59"
    assert first.headers["x-ratelimit-remaining-tokens"] == "900"
    assert first.headers["x-ratelimit-reset-requests"] == "1s"
    for _ in range(59):
        assert limiter.take("k", 0).allowed
    refused = limiter.take("k", 0)
    assert not refused.allowed and refused.retry_after == pytest.approx(1.0)
    assert limiter.take("other", 0).allowed
    now[0] = 2 * SECOND_NS
    assert limiter.take("k", 0).allowed


def test_rate_limit_headers_follow_the_budget_between_requests() -> None:
    now = [0]
    limiter = RateLimiter(60, 1000, clock=lambda: now[0])
    first = limiter.take("k", 0)
    assert first.headers["x-ratelimit-remaining-requests"] == "59"
    assert (first.headers["x-ratelimit-reset-requests"], first.headers["x-ratelimit-reset-tokens"]) == ("1s", "0s")
    now[0] = SECOND_NS // 2  # half a request refilled: 59.5 left before this one
    second = limiter.take("k", 0).headers
    assert (second["x-ratelimit-remaining-requests"], second["x-ratelimit-reset-requests"]) == ("58", "1.5s")
    now[0] = SECOND_NS // 2 + SECOND_NS * 3 // 2  # full again: nothing to reset before this one
    third = limiter.take("k", 0).headers
    assert (third["x-ratelimit-remaining-requests"], third["x-ratelimit-reset-requests"]) == ("59", "1s")


def test_rate_limit_headers_of_a_drained_key_and_of_a_tiny_shortfall() -> None:
    limiter = RateLimiter(2, 60_000_000, clock=lambda: 0)
    drained = [limiter.take("k", 1).headers for _ in range(4)]
    assert [h["x-ratelimit-remaining-requests"] for h in drained] == ["1", "0", "0", "0"]
    assert [h["x-ratelimit-reset-requests"] for h in drained] == ["30s", "1m0s", "1m0s", "1m0s"]
    # A token of 60 million a minute refills in a microsecond: short of it, the reset shows Go's least, 1ms.
    assert drained[0]["x-ratelimit-remaining-tokens"] == "59999999"
    assert drained[0]["x-ratelimit-reset-tokens"] == "1ms"
    assert limiter.take("other", 60_000).headers["x-ratelimit-reset-tokens"] == "60ms"


def test_rate_limit_state_is_forgotten_once_idle_for_a_minute() -> None:
    now = [0]
    limiter = RateLimiter(60, 1000, enforce=True, clock=lambda: now[0])
    for i in range(1000):
        limiter.take(f"sk-{i}", 10)
    assert len(limiter) == 1000
    now[0] = 30 * SECOND_NS
    limiter.take("sk-0", 10)  # used again: kept while the others age
    now[0] = 61 * SECOND_NS
    assert limiter.take("sk-new", 0).allowed
    assert len(limiter) == 2  # sk-0 (last seen 31 s ago) and sk-new; the idle 999 are gone


def test_rate_limit_state_keeps_at_most_max_keys() -> None:
    limiter = RateLimiter(60, 1000, enforce=True, clock=lambda: 0, max_keys=10)
    for _ in range(60):
        limiter.take("busy", 0)
    for i in range(50):
        limiter.take(f"sk-{i}", 0)
    assert len(limiter) == 10
    # The least recently used keys went first: "busy" restarts with a full budget, the newest are kept.
    assert limiter.take("sk-49", 0).headers["x-ratelimit-remaining-requests"] == "58"
    assert limiter.take("busy", 0).allowed


def test_enforced_limits_answer_429() -> None:
    with mock_client(MockConfig(requests_per_minute=2, enforce_rate_limits=True)) as (client, _):
        assert client.get("/models").status_code == 200
        assert client.get("/models").status_code == 200
        response = client.get("/models")
        error = error_of(response, 429)
        assert error["code"] == "rate_limit_exceeded" and int(response.headers["retry-after"]) >= 1


def test_fault_429_with_retry_after(client: httpx.Client) -> None:
    response = client.post("/chat/completions", json=CHAT, headers={"x-mock-fault": "status=429; retry-after=2"})
    error = error_of(response, 429)
    assert (error["type"], error["code"]) == ("requests", "rate_limit_exceeded")
    assert response.headers["retry-after"] == "2"
    assert "retry-after-ms" not in response.headers


def test_fault_429_with_retry_after_ms(client: httpx.Client) -> None:
    response = client.get("/models", headers={"x-mock-fault": "status=429; retry-after-ms=150"})
    error_of(response, 429)
    assert response.headers["retry-after-ms"] == "150"
    assert response.headers["retry-after"] == "1"


@pytest.mark.parametrize(("status", "retry_after"), [(500, None), (503, "1")])
def test_fault_server_errors(client: httpx.Client, status: int, retry_after: str | None) -> None:
    response = client.get("/models", headers={"x-mock-fault": f"status={status}"})
    assert error_of(response, status)["type"] == "server_error"
    assert response.headers.get("retry-after") == retry_after


def test_prism_prefer_header(client: httpx.Client) -> None:
    assert client.get("/models", headers={"Prefer": "code=503"}).status_code == 503
    assert client.get("/models", headers={"Prefer": "dynamic=true"}).status_code == 200


def test_fault_delay(client: httpx.Client) -> None:
    start = time.perf_counter()
    assert client.get("/models", headers={"x-mock-fault": "delay=250"}).status_code == 200
    assert time.perf_counter() - start >= 0.25


@pytest.mark.parametrize("header", ["status=99", "status=abc", "nonsense", "colour=red", "stream=sideways", "delay=-5"])
def test_malformed_fault_header_is_400(client: httpx.Client, header: str) -> None:
    assert error_of(client.get("/models", headers={"x-mock-fault": header}), 400)["message"].startswith(
        "Invalid x-mock-fault header"
    )


def test_parse_fault() -> None:
    assert parse_fault(None) is None
    fault = parse_fault("stream=slow; interval=20; delay=5")
    assert fault is not None and (fault.stream, fault.interval_ms, fault.delay_ms, fault.status) == (
        "slow",
        20,
        5,
        None,
    )


def _stream(client: httpx.Client, fault: str) -> list[dict[str, str]]:
    response = client.post("/chat/completions", json={**CHAT, "stream": True}, headers={"x-mock-fault": fault})
    assert response.status_code == 200
    return sse_events(response.text)


def test_stream_faults(client: httpx.Client) -> None:
    whole = _stream(client, "stream=slow; interval=1")
    assert whole[-1] == {"data": "[DONE]"} and len(whole) > 4
    errored = _stream(client, "stream=error")
    assert errored[-1]["event"] == "error" and '"server_error"' in errored[-1]["data"]
    assert [e["data"] for e in errored[:2]] == [e["data"] for e in whole[:2]] or len(errored) == 3
    cut = _stream(client, "stream=cut")
    assert len(cut) == 2 and all(e["data"] != "[DONE]" for e in cut)


def test_fault_rate_is_seeded() -> None:
    def statuses(seed: int) -> list[int]:
        with mock_client(MockConfig(fault_rate=0.5, fault_seed=seed)) as (client, _):
            return [client.get("/models").status_code for _ in range(40)]

    first = statuses(7)
    assert first == statuses(7)
    assert set(first) == {200, 429, 500, 503}
    assert 8 < sum(s != 200 for s in first) < 32


def test_health_and_spec_routes_need_no_key() -> None:
    with mock_client(auth=False) as (client, _):
        assert client.get("http://mock/").json()["status"] == "ok"
        spec_yaml = client.get("http://mock/openapi.yaml")
        assert spec_yaml.headers["content-type"].startswith("application/yaml")
        document = yaml.safe_load(spec_yaml.content)
        assert document["paths"]["/chat/completions"]["post"]["operationId"] == "createChatCompletion"
        # JSON has no bytes: the file examples (YAML !!binary) come as base64 text.
        as_json = json.loads(json.dumps(document, default=lambda data: base64.b64encode(data).decode()))
        assert client.get("http://mock/openapi.json").json() == as_json
        image = as_json["paths"]["/images/variations"]["post"]["requestBody"]["content"]["multipart/form-data"]
        assert base64.b64decode(image["examples"]["otter"]["value"]["image"]).startswith(b"\x89PNG")
        assert client.get("/models", headers={"Authorization": f"Bearer {API_KEY}"}).status_code == 200
        assert client.get("/models", headers=AUTH).status_code == 200


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/v1/chat/completions", b"application/json"), ("/v1/files", b"multipart/form-data; boundary=x")],
)
def test_a_client_that_goes_away_mid_body_is_logged_at_debug_only(
    caplog: pytest.LogCaptureFixture, path: str, content_type: bytes
) -> None:
    app = create_app(MockConfig())
    sent: list[Message] = []
    pieces: list[Message] = [
        {"type": "http.request", "body": b'--x\r\nContent-Disposition: form-data; name="file"', "more_body": True},
        {"type": "http.disconnect"},
    ]

    async def receive() -> Message:
        return pieces.pop(0) if pieces else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"authorization", b"Bearer sk-test"),
            (b"content-type", content_type),
            (b"content-length", b"100000"),
        ],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    try:
        with caplog.at_level(logging.DEBUG, logger="openai_mock"):
            anyio.run(app, scope, receive, send)
    finally:
        app.state.services.close()
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    (gone,) = [r for r in caplog.records if "client went away" in r.getMessage()]
    assert gone.levelno == logging.DEBUG and gone.exc_info is None and path in gone.getMessage()
