"""A deliberately broken upstream: every fault is reported with its operation, direction and JSON pointer."""

from __future__ import annotations

import logging

import pytest
from proxy_support import CHAT, broken_upstream, kinds, proxied, sse, violations_of

pytestmark = pytest.mark.anyio


async def test_a_wrong_type_is_reported_at_its_pointer_and_the_answer_passes_unchanged() -> None:
    async with proxied(broken_upstream()) as (client, report):
        reply = await client.get("/models")
    assert reply.status_code == 200
    assert reply.json()["data"][1]["created"] == "yesterday"  # without --fail-on-violation the client sees it all
    [violation] = violations_of(report, "listModels")
    assert violation["direction"] == "response"
    assert violation["kind"] == "response_body"
    assert violation["pointer"] == "/data/1/created"
    assert "'yesterday' is not of type 'integer'" in violation["message"]


async def test_a_missing_required_field_is_reported() -> None:
    async with proxied(broken_upstream()) as (client, report):
        await client.get("/models/gpt-3.5-turbo")
    [violation] = violations_of(report, "retrieveModel")
    assert (violation["kind"], violation["pointer"]) == ("response_body", "")
    assert "'owned_by' is a required property" in violation["message"]


async def test_a_bad_event_mid_stream_and_the_missing_done_are_reported() -> None:
    async with proxied(broken_upstream()) as (client, report):
        reply = await client.post("/chat/completions", json={**CHAT, "stream": True})
    assert reply.text.count("data: ") == 4  # every event passed through
    found = violations_of(report, "createChatCompletion")
    bad_event = next(v for v in found if v["kind"] == "event_data")
    assert bad_event["direction"] == "event"
    assert bad_event["event_index"] == 2
    assert bad_event["pointer"] == "/choices/0/index"
    assert "'zero' is not of type 'integer'" in bad_event["message"]
    end = next(v for v in found if v["kind"] == "stream_end")
    assert "[DONE]" in end["message"]
    assert kinds(report, "createChatCompletion") == {"event_data": 1, "stream_end": 1}


async def test_an_undeclared_status_is_reported() -> None:
    async with proxied(broken_upstream()) as (client, report):
        reply = await client.post("/embeddings", json={"model": "text-embedding-ada-002", "input": "hi"})
    assert reply.status_code == 418
    [violation] = violations_of(report, "createEmbedding")
    assert violation["kind"] == "status"
    assert "status 418 is not declared" in violation["message"]


async def test_a_bad_header_and_an_undeclared_content_type_are_reported() -> None:
    async with proxied(broken_upstream()) as (client, report):
        await client.post("/chat/completions", json=CHAT)
        await client.post("/moderations", json={"input": "hello"})
    chat = violations_of(report, "createChatCompletion")
    header = next(v for v in chat if v["kind"] == "header")
    assert header["pointer"] == "/header/x-ratelimit-limit-requests"
    assert "'many' is not of type 'integer'" in header["message"]
    assert any(v["kind"] == "response_body" for v in chat)
    [moderation] = violations_of(report, "createModeration")
    assert moderation["kind"] == "response_content_type"
    assert "'text/plain' is not declared" in moderation["message"]


async def test_every_violation_is_logged_as_it_happens(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="openai_mock.proxy")
    async with proxied(broken_upstream()) as (client, _):
        await client.get("/models")
    [line] = [r.getMessage() for r in caplog.records if r.name == "openai_mock.proxy"]
    assert line.startswith("spec violation: listModels response response_body at /data/1/created:")
    assert "sk-proxy-tests" not in caplog.text  # the key is forwarded, never logged


async def test_a_correct_stream_has_no_violation_and_the_summary_counts_every_kind() -> None:
    async with proxied(broken_upstream()) as (client, report):
        reply = await client.post("/completions", json={"model": "text-davinci-003", "prompt": "x", "stream": True})
        await client.get("/models")
        await client.get("/models/x")
        await client.post("/embeddings", json={"model": "text-embedding-ada-002", "input": "hi"})
        status = (await client.get("http://proxy/__proxy__/status")).json()
    assert reply.text.endswith("data: [DONE]\n\n")
    assert kinds(report, "createCompletion") == {}
    assert status["requests"] == 4
    assert status["operations"]["createCompletion"] == {"requests": 1, "violations": {}}
    assert status["operations"]["listModels"]["violations"] == {"response_body": 1}
    assert status["operations"]["createEmbedding"]["violations"] == {"status": 1}
    assert "createChatCompletion" in status["never_exercised"]
    assert "listModels" not in status["never_exercised"]
    summary = report.summary()
    assert "4 requests, 3 violations" in summary
    assert "createEmbedding" in summary and "status 1" in summary


async def test_fail_on_violation_answers_502_with_an_openai_style_error() -> None:
    async with proxied(broken_upstream(), fail_on_violation=True) as (client, _):
        wrong_type = await client.get("/models")
        undeclared = await client.post("/embeddings", json={"model": "text-embedding-ada-002", "input": "hi"})
    assert wrong_type.status_code == 502
    error = wrong_type.json()["error"]
    assert error["type"] == "proxy_validation_error"
    assert error["code"] == "response_body"
    assert error["param"] == "/data/1/created"
    assert "listModels response response_body at /data/1/created" in error["message"]
    assert undeclared.status_code == 502
    assert undeclared.json()["error"]["code"] == "status"


async def test_fail_on_violation_ends_a_stream_with_an_error_event_in_place_of_the_bad_one() -> None:
    async with proxied(broken_upstream(), fail_on_violation=True) as (client, _):
        reply = await client.post("/chat/completions", json={**CHAT, "stream": True})
    assert reply.status_code == 200  # the stream had begun: its status was sent with the first event
    assert "content-length" not in reply.headers  # the upstream's no longer holds
    blocks = [block for block in reply.text.split("\n\n") if block]
    assert len(blocks) == 3
    assert '"Hel"' in blocks[1]
    assert blocks[2].startswith("event: error\ndata: ")
    assert "proxy_validation_error" in blocks[2] and "/choices/0/index" in blocks[2]


async def test_fail_on_violation_passes_a_correct_stream_whole() -> None:
    async with proxied(broken_upstream(), fail_on_violation=True) as (client, report):
        reply = await client.post("/completions", json={"model": "text-davinci-003", "prompt": "x", "stream": True})
    assert reply.text.endswith(sse("[DONE]").decode())
    assert report.to_dict()["violations"] == 0


async def test_undeclared_fields_are_reported_only_when_asked_for() -> None:
    completion = {"model": "text-davinci-003", "prompt": "x", "stream": True}
    async with proxied(broken_upstream()) as (client, report):
        await client.post("/completions", json=completion)
    assert report.to_dict()["violations"] == 0  # the spec leaves the chunk open: a new field is allowed
    async with proxied(broken_upstream(), undeclared_fields=True) as (client, report):
        await client.post("/completions", json=completion)
        await client.get("/models")
    [undeclared] = violations_of(report, "createCompletion")
    assert (undeclared["kind"], undeclared["direction"], undeclared["event_index"]) == ("undeclared_field", "event", 0)
    assert "'future_field' was unexpected" in undeclared["message"]
    assert kinds(report, "listModels") == {"response_body": 1}  # closed validation keeps the other verdicts


async def test_data_that_is_not_json_and_an_event_after_done_are_reported() -> None:
    async with proxied(broken_upstream()) as (client, report):
        await client.get("/fine-tunes/ft-1/events", params={"stream": "true"})
    found = violations_of(report, "listFineTuneEvents")
    not_json = next(v for v in found if v["event_index"] == 0)
    assert not_json["kind"] == "event_data" and "data is not JSON" in not_json["message"]
    late = [v for v in found if v["event_index"] == 2]
    assert late[0]["kind"] == "stream_end"
    assert "event after data: [DONE]" in late[0]["message"]
    assert all(v["kind"] != "stream_end" or v["event_index"] is not None for v in found)  # [DONE] was sent
