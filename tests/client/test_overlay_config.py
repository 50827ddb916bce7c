"""openai_client.config: environment, explicit arguments, timeouts, retries installed, key never shown."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest
from overlay_support import API_KEY, Sleeps, quiet_policy

from openai_client.api.models import list_models, retrieve_model
from openai_client.config import DEFAULT_BASE_URL, OpenAIClient, client_from_env
from openai_client.exceptions import ConfigurationError, InternalServerError, NotFoundError
from openai_client.models import ListModelsResponse
from openai_client.retries import RetryPolicy

MODELS = {"object": "list", "data": [{"id": "davinci", "object": "model", "created": 1, "owned_by": "openai"}]}


class Recorder:
    def __init__(self, *responses: httpx.Response) -> None:
        self.responses = list(responses)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.responses.pop(0) if self.responses else httpx.Response(200, json=MODELS)


def test_reads_the_environment() -> None:
    recorder = Recorder()
    env = {"OPENAI_API_KEY": API_KEY, "OPENAI_ORGANIZATION": "org-7", "OPENAI_BASE_URL": "http://localhost:9/v1/"}
    client = client_from_env(env=env, transport=httpx.MockTransport(recorder))
    assert isinstance(list_models.sync(client=client), ListModelsResponse)
    request = recorder.requests[0]
    assert str(request.url) == "http://localhost:9/v1/models"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert request.headers["openai-organization"] == "org-7"


def test_explicit_arguments_win_and_defaults_apply(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    monkeypatch.setenv("OPENAI_ORGANIZATION", "org-env")
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    recorder = Recorder()
    client = client_from_env("sk-explicit", organization="org-arg", transport=httpx.MockTransport(recorder))
    list_models.sync(client=client)
    request = recorder.requests[0]
    assert str(request.url) == f"{DEFAULT_BASE_URL}/models"
    assert request.headers["authorization"] == "Bearer sk-explicit"
    assert request.headers["openai-organization"] == "org-arg"
    timeout = request.extensions["timeout"]
    assert (timeout["connect"], timeout["read"], timeout["write"], timeout["pool"]) == (5.0, 600.0, 600.0, 600.0)


def test_no_organization_header_unless_set() -> None:
    recorder = Recorder()
    list_models.sync(client=client_from_env(API_KEY, env={}, transport=httpx.MockTransport(recorder)))
    assert "openai-organization" not in recorder.requests[0].headers


@pytest.mark.parametrize("env", [{}, {"OPENAI_API_KEY": ""}, {"OPENAI_API_KEY": "   "}])
def test_missing_key_is_a_configuration_error(env: dict[str, str]) -> None:
    with pytest.raises(ConfigurationError, match="OPENAI_API_KEY"):
        client_from_env(env=env)


def test_bad_key_and_base_url_are_rejected_without_echoing_the_key() -> None:
    with pytest.raises(ConfigurationError) as info:
        client_from_env("sk-abc\ndef", env={})
    assert "sk-abc" not in str(info.value)
    with pytest.raises(ConfigurationError, match="base_url"):
        client_from_env(API_KEY, base_url="api.openai.com/v1", env={})
    with pytest.raises(ConfigurationError, match="max_retries"):
        client_from_env(API_KEY, max_retries=-2, env={})


def test_max_retries_overrides_the_policy_and_generated_operations_raise_typed_errors() -> None:
    sleeps = Sleeps()
    missing = {
        "error": {"message": "The model 'nope' does not exist", "type": "invalid_request_error", "param": "model"}
    }
    recorder = Recorder(
        httpx.Response(503),
        httpx.Response(503),
        httpx.Response(404, json=missing),
    )
    client = client_from_env(
        API_KEY, env={}, transport=httpx.MockTransport(recorder), retry_policy=quiet_policy(sleeps), max_retries=5
    )
    with pytest.raises(NotFoundError, match="does not exist") as info:
        retrieve_model.sync("nope", client=client)
    assert info.value.param == "model"
    assert len(recorder.requests) == 3 and sleeps.delays == [0.5, 1.0]


def test_errors_can_be_left_to_the_generated_code() -> None:
    missing = {"error": {"message": "gone", "type": "invalid_request_error", "param": None, "code": None}}
    recorder = Recorder(httpx.Response(404, json=missing))
    client = client_from_env(API_KEY, env={}, transport=httpx.MockTransport(recorder), raise_api_errors=False)
    response = retrieve_model.sync_detailed("nope", client=client)
    assert response.status_code == 404


def test_async_operations_share_the_client_object() -> None:
    recorder = Recorder(httpx.Response(500), httpx.Response(200, json=MODELS))
    sleeps = Sleeps()
    transport = httpx.MockTransport(recorder)
    client = client_from_env(
        API_KEY, env={}, transport=transport, async_transport=transport, retry_policy=quiet_policy(sleeps)
    )

    async def main() -> object:
        return await list_models.asyncio(client=client)

    result = asyncio.run(main())
    assert isinstance(result, ListModelsResponse) and result.data[0].id == "davinci"
    assert sleeps.delays == [0.5]


def test_key_never_shown_in_repr_str_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    recorder = Recorder(httpx.Response(429, headers={"retry-after": "0"}), httpx.Response(200, json=MODELS))
    client = client_from_env(API_KEY, env={}, transport=httpx.MockTransport(recorder), retry_policy=quiet_policy())
    list_models.sync(client=client)
    evolved = client.with_headers({"X-Trace": "1"})
    texts = [repr(client), str(client), repr(evolved), f"{client}", repr(client.get_httpx_client().headers)]
    texts += [record.getMessage() for record in caplog.records]
    assert any("Retrying GET" in record.getMessage() for record in caplog.records)
    assert all(API_KEY not in text for text in texts)
    assert isinstance(evolved, OpenAIClient) and "sk-***" in repr(client)


def test_policy_object_is_used_as_given() -> None:
    events: list[int] = []
    policy = RetryPolicy(
        max_retries=1, jitter=lambda d: d, sleep=lambda s: None, on_retry=lambda e: events.append(e.attempt)
    )
    recorder = Recorder(httpx.Response(502), httpx.Response(502))
    client = client_from_env(API_KEY, env={}, transport=httpx.MockTransport(recorder), retry_policy=policy)
    with pytest.raises(InternalServerError, match="502"):
        list_models.sync(client=client)
    assert events == [1] and len(recorder.requests) == 2


@pytest.mark.parametrize(
    ("key", "fault"),
    [
        (f"{API_KEY[:8]}\u200b{API_KEY[8:]}", "U+200B ZERO WIDTH SPACE at position 8"),
        (f"\ufeff{API_KEY}", "U+FEFF ZERO WIDTH NO-BREAK SPACE at position 0"),
        (f"{API_KEY}\u00e9", f"U+00E9 LATIN SMALL LETTER E WITH ACUTE at position {len(API_KEY)}"),
        (f"{API_KEY[:3]}\x7f{API_KEY[3:]}", "U+007F at position 3"),
        (f"{API_KEY[:3]} {API_KEY[3:]}", "U+0020 SPACE at position 3"),
    ],
)
def test_keys_with_characters_a_header_cannot_carry_are_refused_without_echoing_them(key: str, fault: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        client_from_env(key, env={})
    text = f"{info.value} {info.value!r}"
    assert fault in text and "api_key" in text and "OPENAI_API_KEY" in text
    assert API_KEY[3:] not in text and API_KEY[:8] not in text
    with pytest.raises(ConfigurationError) as from_env:
        client_from_env(env={"OPENAI_API_KEY": key})
    assert fault in str(from_env.value)


def test_organization_and_default_headers_are_checked_naming_the_header_not_the_value() -> None:
    with pytest.raises(ConfigurationError, match="organization contains U\\+200B") as info:
        client_from_env(API_KEY, organization="org-\u200bsecretish", env={})
    assert "secretish" not in str(info.value)
    with pytest.raises(ConfigurationError, match="OPENAI_ORGANIZATION"):
        client_from_env(API_KEY, env={"OPENAI_ORGANIZATION": "org-\ufeffx"})
    with pytest.raises(ConfigurationError, match="X-Proxy-Token contains U\\+00E9") as info:
        client_from_env(API_KEY, headers={"X-Proxy-Token": "tok-caf\u00e9-hidden"}, env={})
    assert "hidden" not in str(info.value)
    with pytest.raises(ConfigurationError, match="X-Trace contains U\\+000A"):
        client_from_env(API_KEY, headers={"X-Trace": "a\nb"}, env={})
    with pytest.raises(ConfigurationError, match="not a valid HTTP header name"):
        client_from_env(API_KEY, headers={"Bad Name": "v"}, env={})
    with pytest.raises(ConfigurationError, match="starts or ends with whitespace"):
        client_from_env(API_KEY, headers={"X-Pad": " v"}, env={})


@pytest.mark.parametrize("name", ["", "X:Y", "X-\u00c9", "X-\u0661", "X(Y)", "X\tY"])
def test_header_names_outside_the_token_characters_are_refused(name: str) -> None:
    with pytest.raises(ConfigurationError, match="not a valid HTTP header name"):
        client_from_env(API_KEY, headers={name: "v"}, env={})


def test_header_names_of_any_token_character_are_accepted() -> None:
    name = "X-Az09!#$%&'*+.^_`|~"
    client = client_from_env(API_KEY, headers={name: "v"}, env={})
    assert client.get_httpx_client().headers[name] == "v"


def test_headers_that_a_header_can_carry_still_reach_the_wire() -> None:
    recorder = Recorder()
    headers = {"X-Note": "spaces and\ttabs inside, ~!#$%^&*()"}
    client = client_from_env(
        API_KEY, organization="org-A1_b", headers=headers, env={}, transport=httpx.MockTransport(recorder)
    )
    list_models.sync(client=client)
    sent = recorder.requests[0].headers
    assert sent["x-note"] == headers["X-Note"] and sent["openai-organization"] == "org-A1_b"
