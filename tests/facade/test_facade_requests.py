"""The exact requests the facade sends, seen by an httpx.MockTransport under the client's own http_client."""

from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path

import httpx
import pytest
from facade_support import API_KEY, BASE_URL, Recorder, answering, recorded_async_client, recorded_client

from openai_client import (
    NOT_GIVEN,
    APIConnectionError,
    APITimeoutError,
    AsyncOpenAI,
    InternalServerError,
    OpenAI,
)
from openai_client.exceptions import ConfigurationError
from openai_client.models import ChatCompletionRequestMessage

CHAT_ANSWER = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1,
    "model": "gpt-3.5-turbo",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}
FILE_ANSWER = {
    "id": "file-1",
    "object": "file",
    "bytes": 3,
    "created_at": 1,
    "filename": "a.jsonl",
    "purpose": "fine-tune",
}


def test_omitted_arguments_are_not_sent_and_none_is_null() -> None:
    recorder = answering(CHAT_ANSWER)
    with recorded_client(recorder) as client:
        client.chat.completions.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": "hi"}])
        assert recorder.last_json() == {"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "hi"}]}
        client.chat.completions.create(
            model="gpt-3.5-turbo", messages=[{"role": "user", "content": "hi"}], max_tokens=None, stop=None, n=NOT_GIVEN
        )
    assert recorder.last_json() == {
        "model": "gpt-3.5-turbo",
        "messages": [{"role": "user", "content": "hi"}],
        "stop": None,
        "max_tokens": None,
    }
    request = recorder.last
    assert (request.method, request.url) == ("POST", httpx.URL("https://api.example.test/v1/chat/completions"))
    assert request.headers["content-type"] == "application/json"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"


def test_attrs_models_and_dicts_are_both_accepted_as_messages() -> None:
    recorder = answering(CHAT_ANSWER)
    with recorded_client(recorder) as client:
        client.chat.completions.create(
            model="m",
            messages=[
                ChatCompletionRequestMessage(role="system", content="brief"),
                {"role": "user", "content": "x"},
            ],
        )
    assert recorder.last_json()["messages"] == [
        {"role": "system", "content": "brief"},
        {"role": "user", "content": "x"},
    ]


def test_extra_options_are_merged() -> None:
    recorder = answering(CHAT_ANSWER)
    with recorded_client(recorder) as client:
        client.chat.completions.create(
            model="m",
            messages=[{"role": "user", "content": "x"}],
            temperature=0.5,
            extra_headers={"X-Trace": "abc"},
            extra_query={"api-version": "2023-05-15"},
            extra_body={"temperature": 0, "functions": [{"name": "f"}]},
            timeout=3.5,
        )
    request = recorder.last
    assert request.headers["x-trace"] == "abc"
    assert request.url.params["api-version"] == "2023-05-15"
    body = json.loads(request.content)
    assert body["temperature"] == 0  # extra_body wins
    assert body["functions"] == [{"name": "f"}]
    assert request.extensions["timeout"] == {"connect": 3.5, "read": 3.5, "write": 3.5, "pool": 3.5}


def test_client_options_reach_every_request() -> None:
    recorder = answering({"object": "list", "data": []})
    with recorded_client(
        recorder,
        organization="org-123",
        default_headers={"X-Team": "search"},
        default_query={"tenant": "t1"},
        timeout=httpx.Timeout(9.0, connect=1.0),
    ) as client:
        client.models.list()
        assert client.timeout == httpx.Timeout(9.0, connect=1.0)
        assert client.base_url == httpx.URL("https://api.example.test/v1/")
    request = recorder.last
    assert request.headers["openai-organization"] == "org-123"
    assert request.headers["x-team"] == "search"
    assert request.url.params["tenant"] == "t1"
    assert request.extensions["timeout"]["connect"] == 1.0


def test_environment_variables_configure_the_client(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    monkeypatch.setenv("OPENAI_ORGANIZATION", "org-env")
    monkeypatch.setenv("OPENAI_BASE_URL", "https://env.example.test/v2")
    client = OpenAI()
    try:
        assert (client.api_key, client.organization) == ("sk-from-env", "org-env")
        assert client.base_url == httpx.URL("https://env.example.test/v2/")
    finally:
        client.close()
    monkeypatch.delenv("OPENAI_API_KEY")
    with pytest.raises(ConfigurationError, match=r"pass api_key=\.\.\. to OpenAI\(\) or set the OPENAI_API_KEY"):
        OpenAI()
    with pytest.raises(ConfigurationError, match="max_retries must be >= 0"):
        OpenAI(api_key=API_KEY, max_retries=-1)


def test_with_options_returns_a_configured_copy() -> None:
    recorder = answering({"object": "list", "data": []})
    with recorded_client(recorder, default_headers={"X-A": "1"}) as client:
        copy = client.with_options(timeout=2.0, max_retries=5)
        assert copy is not client and isinstance(copy, OpenAI)
        assert (copy.max_retries, copy.timeout, copy.api_key) == (5, httpx.Timeout(2.0), API_KEY)
        assert client.max_retries == 0
        copy.models.list()
        assert recorder.last.headers["x-a"] == "1"
        assert recorder.last.extensions["timeout"]["read"] == 2.0


def test_path_parameters_are_quoted_and_must_not_be_empty() -> None:
    recorder = answering({"id": "a/b c", "object": "model", "created": 1, "owned_by": "me"})
    with recorded_client(recorder) as client:
        assert client.models.retrieve("a/b c").id == "a/b c"
        assert recorder.last.url.raw_path == b"/v1/models/a%2Fb%20c"
        with pytest.raises(ConfigurationError, match="model must be a non-empty string"):
            client.models.retrieve("")


def test_a_value_json_cannot_hold_names_its_argument() -> None:
    with recorded_client(answering(CHAT_ANSWER)) as client, pytest.raises(ConfigurationError, match=r"^user: "):
        client.chat.completions.create(model="m", messages=[], user=object())  # type: ignore[arg-type]


def test_query_parameters_and_the_stream_flag() -> None:
    events = (
        b'data: {"object": "fine-tune-event", "created_at": 1, "level": "info", "message": "go"}\n\ndata: [DONE]\n\n'
    )
    recorder = Recorder(
        lambda request: httpx.Response(200, content=events, headers={"content-type": "text/event-stream"})
    )
    with recorded_client(recorder) as client, client.fine_tunes.list_events("ft-1", stream=True) as stream:
        assert [event.message for event in stream] == ["go"]
    assert recorder.last.url.params["stream"] == "true"
    assert recorder.last.headers["accept"] == "text/event-stream"


def _form(request: httpx.Request) -> tuple[str, bytes]:
    kind, _, boundary = request.headers["content-type"].partition("; boundary=")
    assert kind == "multipart/form-data"
    return boundary, request.content


def test_uploads_accept_paths_bytes_files_and_tuples_with_a_random_boundary(tmp_path: Path) -> None:
    path = tmp_path / "train.jsonl"
    path.write_bytes(b"line\n")
    recorder = answering(FILE_ANSWER)
    boundaries = set()
    with recorded_client(recorder) as client:
        for file in (path, str(path), b"line\n", io.BytesIO(b"line\n"), ("named.jsonl", b"line\n")):
            client.files.create(file=file, purpose="fine-tune")
            boundary, content = _form(recorder.last)
            boundaries.add(boundary)
            assert b"line\n" in content
            assert b'name="purpose"\r\n\r\nfine-tune' in content
        assert b'filename="named.jsonl"' in recorder.last.content
        with path.open("rb") as handle:
            client.files.create(file=handle, purpose="fine-tune")
        assert b'filename="train.jsonl"' in recorder.last.content
        with pytest.raises(ConfigurationError, match=r"^file"):
            client.files.create(file=12, purpose="fine-tune")  # type: ignore[arg-type]
        with pytest.raises(ConfigurationError, match="no such file"):
            client.files.create(file=tmp_path / "missing.jsonl", purpose="fine-tune")
    assert "+++" not in boundaries and len(boundaries) == 5


def test_form_fields_are_text() -> None:
    answer = {"created": 1, "data": [{"url": "https://x.test/1.png"}]}
    recorder = answering(answer)
    with recorded_client(recorder) as client:
        client.images.create_variation(image=b"\x89PNG", n=2, size="256x256")
    content = recorder.last.content
    assert b'name="n"\r\n\r\n2\r\n' in content and b'name="size"\r\n\r\n256x256\r\n' in content
    assert b'name="response_format"' not in content


def test_retries_and_typed_errors_apply_with_a_callers_http_client() -> None:
    answers = iter(
        [
            httpx.Response(
                500, json={"error": {"message": "boom", "type": "server_error"}}, headers={"retry-after-ms": "1"}
            ),
            httpx.Response(200, json={"object": "list", "data": []}),
        ]
    )
    recorder = Recorder(lambda request: next(answers))
    with recorded_client(recorder, max_retries=1) as client:
        assert list(client.models.list()) == []
    assert len(recorder.requests) == 2


def test_transport_failures_are_typed() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    def stall(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("no answer", request=request)

    with recorded_client(Recorder(refuse)) as client, pytest.raises(APIConnectionError) as refused:
        client.models.list()
    assert not isinstance(refused.value, APITimeoutError)
    with recorded_client(Recorder(stall)) as client, pytest.raises(APITimeoutError):
        client.models.list(timeout=0.5)
    server_error = answering({"error": {"message": "oops", "type": "server_error"}}, status=503)
    with recorded_client(server_error) as client, pytest.raises(InternalServerError) as failed:
        client.models.list()
    assert (failed.value.status_code, failed.value.type, failed.value.message) == (503, "server_error", "oops")


def test_async_requests_match_the_sync_ones() -> None:
    recorder = answering(CHAT_ANSWER)

    async def main() -> None:
        async with recorded_async_client(recorder, default_query={"q": "1"}) as client:
            reply = await client.chat.completions.create(
                model="m", messages=[{"role": "user", "content": "x"}], max_tokens=None, extra_body={"seed": 1}
            )
            assert reply.choices[0].message.content == "hi"
            copy = client.with_options(max_retries=3)
            assert copy.max_retries == 3
            await copy.close()

    asyncio.run(main())
    assert recorder.last_json() == {
        "model": "m",
        "messages": [{"role": "user", "content": "x"}],
        "max_tokens": None,
        "seed": 1,
    }
    assert recorder.last.url.params["q"] == "1"


def test_an_http_client_of_the_wrong_kind_is_refused() -> None:
    with httpx.Client() as wrong, pytest.raises(ConfigurationError, match=r"must be an httpx\.AsyncClient, not Client"):
        AsyncOpenAI(api_key=API_KEY, http_client=wrong)  # type: ignore[arg-type]


def test_raw_responses_carry_the_body_and_headers() -> None:
    recorder = answering(CHAT_ANSWER, headers={"x-request-id": "req_7", "x-ratelimit-remaining-requests": "41"})
    with recorded_client(recorder) as client:
        raw = client.chat.completions.with_raw_response.create(model="m", messages=[{"role": "user", "content": "x"}])
    assert (raw.status_code, raw.request_id, raw.rate_limit.remaining_requests) == (200, "req_7", 41)
    assert json.loads(raw.content) == CHAT_ANSWER and json.loads(raw.text) == CHAT_ANSWER
    assert raw.parse().choices[0].message.content == "hi"


def test_a_callers_event_hooks_see_every_attempt() -> None:
    page = {"object": "list", "data": []}
    answers = iter([httpx.Response(503, headers={"retry-after-ms": "1"}), httpx.Response(200, json=page)])
    seen: list[int] = []
    http = httpx.Client(
        transport=httpx.MockTransport(lambda request: next(answers)),
        event_hooks={"response": [lambda response: seen.append(response.status_code)]},
    )
    with http, OpenAI(api_key=API_KEY, base_url=BASE_URL, http_client=http, max_retries=1) as client:
        assert list(client.models.list()) == []
    assert seen == [503, 200]
