"""The mock as the upstream, in process: its traffic conforms, and what clients get wrong is reported."""

from __future__ import annotations

import json

import pytest
from proxy_support import CHAT, kinds, png, proxied, violations_of, wav

pytestmark = pytest.mark.anyio

TRAINING = b'{"prompt": "2+2=", "completion": " 4"}\n{"prompt": "3+3=", "completion": " 6"}\n'


@pytest.mark.parametrize("undeclared_fields", [False, True], ids=["open", "closed"])
async def test_a_tour_of_the_api_through_the_proxy_has_no_violation(undeclared_fields: bool) -> None:
    async with proxied(undeclared_fields=undeclared_fields) as (client, report):
        assert (await client.get("/models")).status_code == 200
        assert (await client.get("/models/gpt-3.5-turbo")).status_code == 200
        assert (await client.post("/chat/completions", json=CHAT)).status_code == 200
        streamed = await client.post("/chat/completions", json={**CHAT, "stream": True})
        assert streamed.text.endswith("data: [DONE]\n\n")
        completion = {"model": "text-davinci-003", "prompt": "Once", "max_tokens": 5, "stream": True}
        assert (await client.post("/completions", json=completion)).status_code == 200
        embedding = {"model": "text-embedding-ada-002", "input": ["a", "b"]}
        assert (await client.post("/embeddings", json=embedding)).status_code == 200
        assert (await client.post("/moderations", json={"input": "hello"})).status_code == 200
        edit = await client.post(
            "/images/edits", files={"image": ("in.png", png(), "image/png")}, data={"prompt": "a hat", "n": "2"}
        )
        assert edit.status_code == 200, edit.text
        text = await client.post(
            "/audio/transcriptions",
            files={"file": ("talk.wav", wav(), "audio/wav")},
            data={"model": "whisper-1", "response_format": "text"},
        )
        assert text.status_code == 200 and text.headers["content-type"].startswith("text/plain")
        upload = await client.post("/files", files={"file": ("t.jsonl", TRAINING)}, data={"purpose": "fine-tune"})
        file_id = upload.json()["id"]
        download = await client.get(f"/files/{file_id}/content")
        assert download.content == TRAINING
        job = (await client.post("/fine-tunes", json={"training_file": file_id, "model": "curie"})).json()
        events = await client.get(f"/fine-tunes/{job['id']}/events", params={"stream": "true"})
        assert events.text.endswith("data: [DONE]\n\n")
        assert (await client.get("/models/no-such-model")).status_code == 404
    status = report.to_dict()
    assert status["violations"] == 0, status["recent_violations"]
    assert status["requests"] == 14
    assert status["operations"]["createChatCompletion"]["requests"] == 2
    assert "createEdit" in status["never_exercised"]
    assert "listFineTuneEvents" not in status["never_exercised"]


async def test_a_bad_json_body_is_reported_and_the_upstream_still_answers() -> None:
    async with proxied() as (client, report):
        reply = await client.post(
            "/chat/completions",
            json={**CHAT, "temperature": "hot", "messages": [{"role": "doctor", "content": "hi"}]},
        )
    assert reply.status_code == 400  # the mock's own answer
    found = {v["pointer"]: v for v in violations_of(report, "createChatCompletion")}
    assert set(found) == {"/temperature", "/messages/0/role"}
    assert all(v["direction"] == "request" and v["kind"] == "request_body" for v in found.values())
    assert kinds(report, "createChatCompletion") == {"request_body": 2}


async def test_form_fields_are_read_as_their_declared_types() -> None:
    async with proxied() as (client, report):
        good = await client.post("/images/variations", files={"image": ("a.png", png())}, data={"n": "2"})
        bad = await client.post("/images/variations", files={"image": ("a.png", png())}, data={"n": "two"})
    assert good.status_code == 200
    assert bad.status_code == 400
    [violation] = violations_of(report, "createImageVariation")
    assert violation["pointer"] == "/n"
    assert "'two' is not of type 'integer'" in violation["message"]


async def test_parameters_content_types_and_unknown_operations_are_checked() -> None:
    async with proxied() as (client, report):
        await client.get("/fine-tunes/ft-x/events", params={"stream": "maybe"})
        await client.post("/chat/completions", content=json.dumps(CHAT), headers={"content-type": "text/plain"})
        await client.post("/chat/completions")
        await client.get("/no/such/path")
    [parameter] = violations_of(report, "listFineTuneEvents")
    assert (parameter["kind"], parameter["pointer"]) == ("parameter", "/query/stream")
    chat = sorted(v["kind"] for v in violations_of(report, "createChatCompletion"))
    assert chat == ["request_body", "request_content_type"]
    [unknown] = violations_of(report, "(no operation)")
    assert unknown["kind"] == "unknown_operation" and "GET /v1/no/such/path" in unknown["message"]


async def test_fail_on_violation_refuses_a_bad_request_with_a_400_naming_the_argument() -> None:
    async with proxied(fail_on_violation=True) as (client, report):
        reply = await client.post("/chat/completions", json={**CHAT, "temperature": "hot"})
        fine = await client.post("/chat/completions", json=CHAT)
    assert reply.status_code == 400
    error = reply.json()["error"]
    assert error == {
        "message": error["message"],
        "type": "proxy_validation_error",
        "param": "temperature",
        "code": "request_body",
    }
    assert "'hot' is not of type 'number'" in error["message"]
    assert fine.status_code == 200
    assert report.to_dict()["violations"] == 1
