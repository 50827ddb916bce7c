"""The scripting API over HTTP (``/__mock__/``): off without an admin key, then responses, failures, journal, reset."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from mock_app_support import mock_client

from openai_client.api.models import list_models
from openai_client.config import client_from_env
from openai_mock.__main__ import parse_args
from openai_mock.config import MockConfig
from openai_mock.server import running_mock

ADMIN = "admin-secret-key"
ADMIN_AUTH = {"Authorization": f"Bearer {ADMIN}"}
CHAT = {"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "Hello!"}], "max_tokens": 5}


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with mock_client(MockConfig(admin_key=ADMIN)) as (c, _):
        yield c


def test_without_an_admin_key_there_is_no_admin_api_and_no_journal() -> None:
    with mock_client() as (c, app):
        response = c.get("http://mock/__mock__/routes", headers=ADMIN_AUTH)
        assert response.status_code == 404
        assert response.json()["error"]["message"] == "Invalid URL (GET /__mock__/routes)"
        c.get("/models")
        assert list(app.state.scripting.calls) == []


def test_the_admin_api_needs_the_admin_key(client: httpx.Client) -> None:
    for headers in ({}, {"Authorization": "Bearer sk-test-0123456789abcdef"}, {"Authorization": "Bearer admin"}):
        response = client.get("http://mock/__mock__/routes", headers=headers)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "invalid_api_key"


def test_routes_list_every_operation(client: httpx.Client) -> None:
    routes = client.get("http://mock/__mock__/routes", headers=ADMIN_AUTH).json()["routes"]
    assert len(routes) == 25
    assert {
        "operation_id": "createChatCompletion",
        "name": "chat.completions.create",
        "call_count": 0,
        "pending": [],
    } in routes


def test_responses_replies_failures_journal_and_reset(client: httpx.Client) -> None:
    admin = "http://mock/__mock__"
    put = client.put(
        f"{admin}/routes/models.retrieve/response", json={"response": {"owned_by": "admin"}}, headers=ADMIN_AUTH
    )
    assert put.status_code == 200 and put.json()["pending"] == ["response {'owned_by': 'admin'}"]
    assert client.get("/models/davinci").json() | {"owned_by": "admin"} == client.get("/models/davinci").json()
    client.post(
        f"{admin}/routes/createChatCompletion/reply", json={"text": "Over HTTP", "times": 1}, headers=ADMIN_AUTH
    )
    client.post(
        f"{admin}/routes/files.list/fail", json={"status": 503, "times": 2, "retry_after": 0}, headers=ADMIN_AUTH
    )
    assert client.post("/chat/completions", json=CHAT).json()["choices"][0]["message"]["content"] == "Over HTTP"
    assert [client.get("/files").status_code for _ in range(3)] == [503, 503, 200]

    calls = client.get(f"{admin}/routes/files.list/calls", headers=ADMIN_AUTH).json()["calls"]
    assert [c["status"] for c in calls] == [503, 503, 200]
    assert (
        calls[0]["headers"]["authorization"].startswith("Bearer sk-")
        and "abcdef" not in calls[0]["headers"]["authorization"]
    )
    everything = client.get(f"{admin}/calls", headers=ADMIN_AUTH).json()["calls"]
    assert [c["operation_id"] for c in everything][:3] == ["retrieveModel", "retrieveModel", "createChatCompletion"]
    assert everything[2]["body"] == CHAT
    assert client.get(f"{admin}/pending", headers=ADMIN_AUTH).json() == {"pending": [], "problems": []}

    client.post(f"{admin}/routes/edits.create/reply", json={"text": "unused"}, headers=ADMIN_AUTH)
    assert client.get(f"{admin}/pending", headers=ADMIN_AUTH).json()["pending"] == ["edits.create: reply 'unused'"]
    assert client.post(f"{admin}/reset", headers=ADMIN_AUTH).json() == {"reset": True}
    assert client.get(f"{admin}/calls", headers=ADMIN_AUTH).json()["calls"] == []
    assert client.get(f"{admin}/pending", headers=ADMIN_AUTH).json()["pending"] == []
    assert client.get("/models/davinci").json()["owned_by"] == "openai"


def test_stream_faults_over_http(client: httpx.Client) -> None:
    fault = {"kind": "cut", "after": 2, "reply": "one two three four"}
    assert client.post(
        "http://mock/__mock__/routes/chat.completions.create/stream-fault", json=fault, headers=ADMIN_AUTH
    ).is_success
    text = client.post("/chat/completions", json={**CHAT, "stream": True}).text
    assert text.count("data: ") == 2 and "[DONE]" not in text


@pytest.mark.parametrize(
    ("path", "body", "message"),
    [
        ("/routes/nope/reply", {"text": "x"}, "no operation 'nope'"),
        ("/routes/edits.create/reply", {}, "'text' is a required property"),
        ("/routes/edits.create/fail", {"status": "429"}, "'status' has the wrong type"),
        ("/routes/edits.create/fail", {"status": 200}, "status must be 400-599"),
        ("/routes/models.list/stream-fault", {"kind": "cut", "after": 1}, "models.list does not stream"),
    ],
)
def test_bad_admin_requests_are_4xx_naming_the_problem(
    client: httpx.Client, path: str, body: object, message: str
) -> None:
    response = client.post("http://mock/__mock__" + path, json=body, headers=ADMIN_AUTH)
    assert response.status_code in (400, 404)
    assert message in response.json()["error"]["message"]


def test_a_server_started_with_an_admin_key_fails_n_times_then_succeeds_across_the_clients_retries() -> None:
    assert parse_args(["--admin-key", "k"]).admin_key == "k"
    with running_mock(admin_key=ADMIN) as base_url:
        root = base_url.removesuffix("/v1")
        scripted = httpx.post(
            f"{root}/__mock__/routes/listModels/fail",
            json={"status": 500, "times": 2, "retry_after": 0},
            headers=ADMIN_AUTH,
        )
        assert scripted.status_code == 200
        with client_from_env("sk-admin-test-0123", base_url=base_url, max_retries=2, env={}) as api:
            assert list_models.sync(client=api) is not None
        calls = httpx.get(f"{root}/__mock__/routes/models.list/calls", headers=ADMIN_AUTH).json()["calls"]
        assert [c["status"] for c in calls] == [500, 500, 200]
