"""What the proxy changes on the wire: hop-by-hop headers, encodings, an unreachable upstream."""

from __future__ import annotations

import gzip
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import httpx
import pytest
from proxy_support import API_KEY, AUTH

from openai_mock.proxy import ProxyConfig, ProxyReport, create_proxy_app

pytestmark = pytest.mark.anyio

MODEL = {"id": "gpt-3.5-turbo", "object": "model", "created": 1677610602, "owned_by": "openai"}
Handler = Callable[[httpx.Request], httpx.Response]


@asynccontextmanager
async def through(
    handler: Handler, *, fail_on_violation: bool = False, max_json_bytes: int = 1 << 20
) -> AsyncIterator[tuple[httpx.AsyncClient, ProxyReport]]:
    app = create_proxy_app(
        ProxyConfig("http://upstream/v1", fail_on_violation=fail_on_violation, max_json_bytes=max_json_bytes),
        httpx.MockTransport(handler),
    )
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://proxy/v1", headers=AUTH) as client:
            yield client, app.state.report
    finally:
        await app.state.proxy.client.aclose()


async def test_the_request_goes_as_sent_without_hop_by_hop_headers() -> None:
    seen: list[httpx.Request] = []

    def upstream(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=MODEL)

    async with through(upstream) as (client, _):
        headers = {"connection": "x-trace, keep-alive", "x-trace": "1", "te": "trailers", "user-agent": "my-app/1.0"}
        await client.get("/models/gpt-3.5-turbo", params={"a": "b"}, headers={**headers, "x-kept": "yes"})
    [request] = seen
    assert str(request.url) == "http://upstream/v1/models/gpt-3.5-turbo?a=b"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"  # the key is forwarded
    assert request.headers["user-agent"] == "my-app/1.0"
    assert request.headers["x-kept"] == "yes"
    assert request.headers["host"] == "upstream"
    for name in ("connection", "x-trace", "te", "keep-alive"):
        assert name not in request.headers


async def test_an_encoded_answer_is_decoded_validated_and_passed_on_decoded() -> None:
    body = gzip.compress(json.dumps({**MODEL, "created": "yesterday"}).encode())

    def upstream(request: httpx.Request) -> httpx.Response:
        assert request.headers["accept-encoding"] == "gzip, deflate"
        headers = {"content-encoding": "gzip", "content-type": "application/json", "keep-alive": "timeout=5"}
        return httpx.Response(200, headers=headers, content=body)

    async with through(upstream) as (client, report):
        reply = await client.get("/models/gpt-3.5-turbo", headers={"accept-encoding": "br, gzip"})
    assert reply.json()["created"] == "yesterday"
    assert "content-encoding" not in reply.headers
    assert "keep-alive" not in reply.headers
    [violation] = report.to_dict()["recent_violations"]
    assert violation["pointer"] == "/created"


async def test_an_unreachable_upstream_is_a_502_of_its_own_type() -> None:
    def upstream(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    async with through(upstream) as (client, report):
        reply = await client.get("/models")
    assert reply.status_code == 502
    error = reply.json()["error"]
    assert error["type"] == "proxy_upstream_error"
    assert "connection refused" in error["message"]
    assert report.to_dict()["violations"] == 0  # not the spec's fault


async def test_fail_on_violation_sends_a_conforming_json_answer_unchanged() -> None:
    def upstream(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=MODEL, headers={"x-request-id": "req_1"})

    async with through(upstream, fail_on_violation=True) as (client, _):
        reply = await client.get("/models/gpt-3.5-turbo")
    assert reply.status_code == 200
    assert reply.json() == MODEL
    assert reply.headers["x-request-id"] == "req_1"
    assert int(reply.headers["content-length"]) == len(reply.content)


async def test_fail_on_violation_passes_an_answer_too_large_to_hold_whole_and_unchecked() -> None:
    models = {"object": "list", "data": [{**MODEL, "created": "yesterday"}] * 50}

    def upstream(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=models)

    async with through(upstream, fail_on_violation=True, max_json_bytes=256) as (client, report):
        reply = await client.get("/models")
    assert reply.status_code == 200
    assert reply.json() == models
    assert report.to_dict()["violations"] == 0
