"""Route handles of the openai_mock fixture: scripted answers, failures, stream faults and the journal."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from mock_app_support import conforms, sse_events

from openai_client.api.files import list_files
from openai_client.api.models import list_models
from openai_client.exceptions import APIError, IncompleteStreamError, RateLimitError
from openai_client.models import CreateChatCompletionResponse
from openai_client.retries import RetryPolicy
from openai_client.streaming import stream_chat_completion
from openai_mock.scripting import OperationTable, RecordedCall, UploadedFile
from openai_mock.scripting.answers import deep_merge
from openai_mock.spec import SpecDocument, load_spec
from openai_mock.testing import Failure, Reply
from openai_mock.testing.mock import OpenAIMock

CHAT = {"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "Hello!"}], "max_tokens": 20}
KEY = "sk-routes-0123456789abcd"


@pytest.fixture
def http(openai_mock: OpenAIMock) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {KEY}"}
    with httpx.Client(transport=openai_mock.transport, base_url="http://mock/v1", headers=headers) as client:
        yield client


def _spec_operation_ids() -> set[str]:
    document = load_spec().document
    return {op["operationId"] for item in document["paths"].values() for op in item.values() if "operationId" in op}


def test_every_operation_of_the_spec_has_a_handle(openai_mock: OpenAIMock) -> None:
    handles = openai_mock.handles()
    assert {h.operation_id for h in handles} == _spec_operation_ids()
    assert len(handles) == len(_spec_operation_ids()) == 25
    for handle in handles:
        node: Any = openai_mock
        for part in handle.name.split("."):
            node = getattr(node, part)
        assert node is handle
        assert openai_mock.route(handle.operation_id) is handle is openai_mock.route(handle.name)
    assert openai_mock.chat.completions.create.operation_id == "createChatCompletion"
    assert openai_mock.files.create.operation_id == "createFile"
    assert openai_mock.fine_tunes.list_events.operation_id == "listFineTuneEvents"


def test_handles_follow_x_facade_and_fall_back_to_the_operation_id(tmp_path: Any) -> None:
    text = (
        load_spec()
        .yaml_bytes.decode()
        .replace("x-facade: models.list\n", "x-facade: catalogue.models.all\n", 1)
        .replace("      x-facade: engines.list\n", "", 1)
    )
    (tmp_path / "spec.yaml").write_text(text)
    table = OperationTable(SpecDocument(tmp_path / "spec.yaml"))
    assert table.get("listModels").facade_name == "catalogue.models.all"
    assert table.get("catalogue.models.all").operation_id == "listModels"
    assert table.get("createChatCompletion").facade_name == "chat.completions.create"
    assert table.get("listEngines").facade_name == "list_engines"


def test_a_misspelled_route_names_the_ones_there_are(openai_mock: OpenAIMock) -> None:
    with pytest.raises(AttributeError, match=r"chat has no route 'completion'.*'completions'"):
        _ = openai_mock.chat.completion
    with pytest.raises(KeyError, match="no operation 'createChat'"):
        openai_mock.route("createChat")


def test_deep_merge_merges_objects_by_key_and_lists_by_index() -> None:
    base = {"a": {"x": 1, "y": 2}, "items": [{"k": 1, "v": 1}, {"k": 2, "v": 2}], "keep": True}
    patch = {"a": {"y": 3}, "items": [{"v": 9}]}
    assert deep_merge(base, patch) == {"a": {"x": 1, "y": 3}, "items": [{"k": 1, "v": 9}], "keep": True}
    assert deep_merge(base, {"items": [{}, {}, {"new": 1}]})["items"][2] == {"new": 1}


def test_partial_response_is_merged_into_a_full_valid_completion(openai_mock: OpenAIMock, http: httpx.Client) -> None:
    openai_mock.chat.completions.create.response = {
        "choices": [{"message": {"content": "cut"}, "finish_reason": "length", "index": 0}]
    }
    body = conforms(http.post("/chat/completions", json=CHAT)).json()
    assert body["id"].startswith("chatcmpl-") and isinstance(body["created"], int)
    assert body["choices"] == [
        {"index": 0, "message": {"role": "assistant", "content": "cut"}, "finish_reason": "length"}
    ]
    assert body["usage"]["completion_tokens"] == 1
    assert body["usage"]["total_tokens"] == body["usage"]["prompt_tokens"] + 1
    assert CreateChatCompletionResponse.from_dict(body).choices[0].message.content == "cut"


def test_reply_counts_usage_with_the_tokenizer_and_streams_in_pieces(
    openai_mock: OpenAIMock, http: httpx.Client
) -> None:
    text = "Hello there, General Kenobi! ünïcödé ✓"
    openai_mock.chat.completions.create.reply(text)
    whole = conforms(http.post("/chat/completions", json=CHAT)).json()
    assert whole["choices"][0]["message"]["content"] == text
    assert whole["usage"]["prompt_tokens"] == 9  # the reference's count for "Hello!"
    from openai_mock.engines.tokenizer import tokenizer_for_model

    assert whole["usage"]["completion_tokens"] == len(tokenizer_for_model("gpt-3.5-turbo").encode(text))
    streamed = conforms(http.post("/chat/completions", json={**CHAT, "stream": True}))
    events = sse_events(streamed.text)
    assert events[-1]["data"] == "[DONE]"
    chunks = [json.loads(e["data"]) for e in events[:-1]]
    pieces = [c["choices"][0]["delta"].get("content", "") for c in chunks]
    assert len([p for p in pieces if p]) > 5
    assert "".join(pieces) == text
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"
    assert openai_mock.pending() == []


def test_reply_for_completions_and_edits(openai_mock: OpenAIMock, http: httpx.Client) -> None:
    openai_mock.completions.create.reply(" a tale", finish_reason="length")
    openai_mock.edits.create.reply("Fixed text.")
    completion = conforms(
        http.post("/completions", json={"model": "text-davinci-003", "prompt": "Once", "n": 2})
    ).json()
    assert [c["text"] for c in completion["choices"]] == [" a tale", " a tale"]
    assert {c["finish_reason"] for c in completion["choices"]} == {"length"}
    edit = {"model": "text-davinci-edit-001", "input": "Fix thsi", "instruction": "Fix the spelling"}
    assert conforms(http.post("/edits", json=edit)).json()["choices"][0]["text"] == "Fixed text."
    stream = conforms(http.post("/completions", json={"model": "text-davinci-003", "prompt": "Once", "stream": True}))
    texts = [json.loads(e["data"])["choices"][0]["text"] for e in sse_events(stream.text)[:-1]]
    assert "".join(texts) == " a tale"


def test_reply_serves_a_model_the_mock_does_not_know(openai_mock: OpenAIMock, http: httpx.Client) -> None:
    openai_mock.chat.completions.create.reply("from the future")
    body = conforms(http.post("/chat/completions", json={**CHAT, "model": "gpt-9-preview"})).json()
    assert body["model"] == "gpt-9-preview" and body["choices"][0]["message"]["content"] == "from the future"


def test_reply_is_refused_where_there_is_no_text(openai_mock: OpenAIMock) -> None:
    with pytest.raises(ValueError, match=r"models\.list has no text to reply with"):
        openai_mock.models.list.reply("x")
    with pytest.raises(ValueError, match=r"models\.list does not stream"):
        openai_mock.models.list.cut_stream(after=1)
    with pytest.raises(ValueError, match="times must be >= 1"):
        openai_mock.chat.completions.create.fail(429, times=0)


def test_a_list_is_served_in_order_then_the_mock_answers_again(openai_mock: OpenAIMock, http: httpx.Client) -> None:
    openai_mock.models.retrieve.response = [{"id": "first"}, {"id": "second"}]
    ids = [http.get("/models/gpt-3.5-turbo").json()["id"] for _ in range(3)]
    assert ids == ["first", "second", "gpt-3.5-turbo"]


def test_a_list_mixes_failures_replies_and_answers(openai_mock: OpenAIMock, http: httpx.Client) -> None:
    openai_mock.chat.completions.create.response = [Failure(503), Reply("second"), {"model": "third"}]
    assert http.post("/chat/completions", json=CHAT).status_code == 503
    assert http.post("/chat/completions", json=CHAT).json()["choices"][0]["message"]["content"] == "second"
    assert http.post("/chat/completions", json=CHAT).json()["model"] == "third"


def test_a_callable_receives_the_recorded_call(openai_mock: OpenAIMock, http: httpx.Client) -> None:
    seen: list[RecordedCall] = []

    def answer(call: RecordedCall) -> dict[str, Any]:
        seen.append(call)
        return {"choices": [{"message": {"content": call.body["messages"][-1]["content"].upper()}}]}

    openai_mock.chat.completions.create.response = answer
    assert http.post("/chat/completions", json=CHAT).json()["choices"][0]["message"]["content"] == "HELLO!"
    assert seen[0].operation_id == "createChatCompletion"


def test_raw_responses_bytes_and_models(openai_mock: OpenAIMock, http: httpx.Client) -> None:
    openai_mock.models.list.response = httpx.Response(418, json={"error": {"message": "teapot"}}, headers={"x-a": "1"})
    response = http.get("/models")
    assert (response.status_code, response.headers["x-a"], response.json()) == (
        418,
        "1",
        {"error": {"message": "teapot"}},
    )
    file = openai_mock.seed_file(b'{"prompt": "a", "completion": "b"}\n')
    openai_mock.files.content.response = b"scripted bytes"
    assert http.get(f"/files/{file['id']}/content").content == b"scripted bytes"
    from openai_models import Model

    openai_mock.models.retrieve.response = Model(id="davinci", object="model", created=1, owned_by="me")
    assert http.get("/models/davinci").json()["owned_by"] == "me"


def test_a_refused_request_gets_the_refusal_and_keeps_the_script(openai_mock: OpenAIMock, http: httpx.Client) -> None:
    openai_mock.chat.completions.create.reply("never", times=1)
    refused = http.post("/chat/completions", json={**CHAT, "temperature": 5})
    assert refused.status_code == 400 and refused.json()["error"]["param"] == "temperature"
    assert openai_mock.chat.completions.create.pending == ["reply 'never'"]
    assert http.post("/chat/completions", json=CHAT).json()["choices"][0]["message"]["content"] == "never"
    assert [c.status for c in openai_mock.chat.completions.create.calls] == [400, 200]


def test_fail_then_succeed_across_the_clients_retries(openai_mock: OpenAIMock) -> None:
    openai_mock.models.list.fail(429, times=2, retry_after=0)
    with openai_mock.function_client(max_retries=2) as client:
        models = list_models.sync(client=client)
    assert models is not None and len(models.data) > 5
    assert [c.status for c in openai_mock.models.list.calls] == [429, 429, 200]


def test_failures_carry_the_error_object_and_retry_headers(openai_mock: OpenAIMock, http: httpx.Client) -> None:
    openai_mock.files.list.fail(503, message="Down for lunch", code="lunch", type="server_error", retry_after=1.5)
    response = http.get("/files")
    error = conforms(response).json()["error"]
    assert (response.status_code, error["message"], error["code"], error["type"]) == (
        503,
        "Down for lunch",
        "lunch",
        "server_error",
    )
    assert response.headers["retry-after"] == "2" and response.headers["retry-after-ms"] == "1500"
    assert response.headers["x-request-id"].startswith("req_")
    openai_mock.files.list.fail(429, times=None)
    policy = RetryPolicy(max_retries=1, sleep=lambda _: None)
    with openai_mock.function_client(retry_policy=policy) as client, pytest.raises(RateLimitError):
        list_files.sync(client=client)
    openai_mock.files.list.reset()


def test_stream_faults_cut_or_break_the_mocks_own_stream(openai_mock: OpenAIMock) -> None:
    openai_mock.chat.completions.create.cut_stream(after=2).error_stream(after=1, reply="one two three")
    with openai_mock.function_client() as client:
        with pytest.raises(IncompleteStreamError), stream_chat_completion(client, CHAT) as stream:
            assert len(list(stream)) == 2
        with pytest.raises(APIError, match="had an error"), stream_chat_completion(client, CHAT) as stream:
            chunks = []
            for chunk in stream:
                chunks.append(chunk)
        with stream_chat_completion(client, CHAT) as stream:
            assert len(list(stream)) > 2  # the faults were one-shot
    assert len(chunks) == 1


def test_a_stream_fault_waits_for_a_streamed_request(openai_mock: OpenAIMock, http: httpx.Client) -> None:
    openai_mock.chat.completions.create.error_stream(after=0)
    assert http.post("/chat/completions", json=CHAT).status_code == 200
    assert openai_mock.chat.completions.create.pending == ["stream error after 0 events"]
    text = http.post("/chat/completions", json={**CHAT, "stream": True}).text
    assert text.startswith("event: error\n") and "[DONE]" not in text


def test_a_script_breaking_the_schema_is_a_500_and_a_problem(openai_mock: OpenAIMock, http: httpx.Client) -> None:
    openai_mock.models.list.response = {"data": [{"id": 7}]}
    response = http.get("/models")
    assert response.status_code == 500
    assert "'data.0.id'" in response.json()["error"]["message"]
    assert openai_mock.problems == [
        "models.list: the scripted response does not match the spec: 7 is not of type 'string' - 'data.0.id'"
    ]
    openai_mock.reset()
    openai_mock.models.list.respond({"data": [{"id": 7}]}, validate=False)
    assert http.get("/models").json()["data"][0]["id"] == 7


def test_the_journal_parses_json_form_and_query_and_masks_the_key(openai_mock: OpenAIMock, http: httpx.Client) -> None:
    http.post("/chat/completions", json=CHAT)
    content = b'{"prompt": "q", "completion": " a"}\n'
    http.post("/files", data={"purpose": "fine-tune"}, files={"file": ("train.jsonl", content, "application/jsonl")})
    http.get("/fine-tunes/ft-none/events", params={"stream": "false"})
    chat, upload, events = openai_mock.calls
    assert chat.body == CHAT and chat.json == CHAT and chat.method == "POST" and chat.path == "/v1/chat/completions"
    assert chat.headers["authorization"] == "Bearer sk-" + "*" * (len(KEY) - 7) + KEY[-4:]
    assert KEY not in json.dumps(chat.to_json())
    assert upload.body == {"purpose": "fine-tune", "file": UploadedFile("train.jsonl", "application/jsonl", content)}
    assert upload.status == 200 and openai_mock.files.create.last is upload
    assert (events.operation_id, events.query, events.status) == ("listFineTuneEvents", {"stream": "false"}, 404)
    assert openai_mock.fine_tunes.list_events.called and not openai_mock.fine_tunes.list.called
    with pytest.raises(AssertionError, match=r"fine_tunes\.list was never called"):
        _ = openai_mock.fine_tunes.list.last


def test_seeded_state(openai_mock: OpenAIMock, http: httpx.Client) -> None:
    file = openai_mock.seed_file('{"text": "hello"}\n', filename="notes.jsonl", purpose="answers")
    assert http.get(f"/files/{file['id']}/content").content == b'{"text": "hello"}\n'
    with pytest.raises(ValueError, match="Line 1 is not a dictionary"):  # seeded as if uploaded, in its format
        openai_mock.seed_file("hello", filename="notes.txt", purpose="answers")
    pending = openai_mock.seed_fine_tune(status="pending")
    cancelled = openai_mock.seed_fine_tune(status="cancelled")
    done = openai_mock.seed_fine_tune(status="succeeded", suffix="mine")
    model = openai_mock.seed_model("ada")
    statuses = {j["id"]: j["status"] for j in http.get("/fine-tunes").json()["data"]}
    assert statuses == {pending["id"]: "pending", cancelled["id"]: "cancelled", done["id"]: "succeeded"} | {
        j["id"]: "succeeded" for j in http.get("/fine-tunes").json()["data"] if j["model"] == "ada"
    }
    assert done["fine_tuned_model"].startswith("curie:ft-") and ":mine-" in done["fine_tuned_model"]
    ids = {m["id"] for m in http.get("/models").json()["data"]}
    assert {done["fine_tuned_model"], model["id"]} <= ids
    with pytest.raises(ValueError, match="status must be one of"):
        openai_mock.seed_fine_tune(status="failed")
    with pytest.raises(ValueError, match=r"cannot seed 'bad\.jsonl'"):
        openai_mock.seed_file("not json", filename="bad.jsonl")


@pytest.mark.openai_mock(fine_tune_duration=0)
def test_a_running_job_needs_a_duration(openai_mock: OpenAIMock) -> None:
    with pytest.raises(ValueError, match="cannot stay running with fine_tune_duration=0"):
        openai_mock.seed_fine_tune(status="running")


@pytest.mark.openai_mock(fine_tune_duration=600)
def test_a_running_job_stays_running(openai_mock: OpenAIMock, http: httpx.Client) -> None:
    job = openai_mock.seed_fine_tune(status="running")
    assert http.get(f"/fine-tunes/{job['id']}").json()["status"] == "running"


def test_the_facade_client_when_the_facade_is_installed(openai_mock: OpenAIMock) -> None:
    import openai_client

    if getattr(openai_client, "OpenAI", None) is None:
        with pytest.raises(RuntimeError, match="facade"):
            openai_mock.client()
        pytest.skip("the facade (openai_client.OpenAI) is not part of this installation")
    openai_mock.chat.completions.create.reply("Hi from the facade")
    client = openai_mock.client(max_retries=0)
    reply = client.chat.completions.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": "Hi"}])
    assert reply.choices[0].message.content == "Hi from the facade"


@pytest.mark.anyio
async def test_the_facade_async_client_when_the_facade_is_installed(openai_mock: OpenAIMock) -> None:
    import openai_client

    if getattr(openai_client, "AsyncOpenAI", None) is None:
        pytest.skip("the facade (openai_client.AsyncOpenAI) is not part of this installation")
    openai_mock.models.list.fail(500, retry_after=0)
    client = openai_mock.async_client(max_retries=1)
    models = await client.models.list()
    assert len(models.data) > 5 and openai_mock.models.list.call_count == 2


def test_a_callable_returning_none_and_a_cleared_response_give_the_mocks_own(
    openai_mock: OpenAIMock, http: httpx.Client
) -> None:
    openai_mock.models.retrieve.response = lambda call: None
    assert http.get("/models/davinci").json()["owned_by"] == "openai"
    openai_mock.models.retrieve.response = {"owned_by": "scripted"}
    assert openai_mock.models.retrieve.response == {"owned_by": "scripted"}
    assert http.get("/models/davinci").json()["owned_by"] == "scripted"
    openai_mock.models.retrieve.response = None
    assert http.get("/models/davinci").json()["owned_by"] == "openai"
    assert openai_mock.pending() == []


def test_an_injected_fault_header_still_wins_and_keeps_the_script(openai_mock: OpenAIMock, http: httpx.Client) -> None:
    openai_mock.chat.completions.create.reply("after the fault", times=1)
    faulted = http.post("/chat/completions", json=CHAT, headers={"x-mock-fault": "status=502"})
    assert faulted.status_code == 502
    assert http.post("/chat/completions", json=CHAT).json()["choices"][0]["message"]["content"] == "after the fault"


@pytest.mark.openai_mock(api_key="sk-chosen-by-the-marker", api_keys=["sk-chosen-by-the-marker"])
def test_the_marker_chooses_the_clients_key(openai_mock: OpenAIMock) -> None:
    assert openai_mock.api_key == "sk-chosen-by-the-marker"
    with openai_mock.function_client() as client:
        assert list_models.sync(client=client) is not None
    assert openai_mock.models.list.last.headers["authorization"] == "Bearer sk-****************rker"


def test_outside_pytest_the_mock_is_a_context_manager() -> None:
    with OpenAIMock() as mock:
        mock.models.retrieve.respond({"owned_by": "ctx"}, times=1)
        url = mock.base_url
        assert (
            httpx.get(f"{url}/models/ada", headers={"Authorization": "Bearer sk-ctx-1234"}).json()["owned_by"] == "ctx"
        )
        assert mock.pending() == [] and mock.problems == []
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url}/models", headers={"Authorization": "Bearer sk-ctx-1234"})
