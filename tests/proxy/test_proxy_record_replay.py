"""``--record DIR`` writes every exchange; ``openai-mock --replay DIR`` answers them again, the mock the rest."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from proxy_support import API_KEY, AUTH, CHAT, broken_upstream, exchange_files, png, proxied, wav

from openai_mock.app import create_app
from openai_mock.config import MockConfig

pytestmark = pytest.mark.anyio
FINE_TUNE = {"purpose": "fine-tune"}


@asynccontextmanager
async def replaying(directory: Path) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(MockConfig(replay_dir=directory))
    try:
        transport = httpx.ASGITransport(app=app)
        headers = {"Authorization": "Bearer sk-another-key"}
        async with httpx.AsyncClient(transport=transport, base_url="http://mock/v1", headers=headers) as client:
            yield client
    finally:
        app.state.services.close()


async def test_each_exchange_is_one_json_file_with_the_key_redacted(tmp_path: Path) -> None:
    async with proxied(record_dir=tmp_path) as (client, _):
        reply = await client.post("/chat/completions", json=CHAT)
    [exchange] = exchange_files(tmp_path)
    assert exchange["format"] == "openai-mock-exchange/1"
    assert exchange["operation"] == "createChatCompletion"
    assert exchange["complete"] is True
    assert exchange["request"]["method"] == "POST"
    assert exchange["request"]["path"] == "/v1/chat/completions"
    assert exchange["request"]["body"] == {"json": CHAT}
    assert ["authorization", "[redacted]"] in exchange["request"]["headers"]
    assert exchange["response"]["status"] == 200
    assert exchange["response"]["body"] == {"json": reply.json()}
    assert exchange["violations"] == []
    assert not any(API_KEY in path.read_text() for path in tmp_path.iterdir())


async def test_a_stream_is_recorded_event_by_event_with_its_violations(tmp_path: Path) -> None:
    async with proxied(broken_upstream(), record_dir=tmp_path) as (client, _):
        await client.post("/chat/completions", json={**CHAT, "stream": True})
    [exchange] = exchange_files(tmp_path)
    assert exchange["response"]["body"] == {"events": "000001-createChatCompletion.events.ndjson", "count": 4}
    lines = (tmp_path / "000001-createChatCompletion.events.ndjson").read_text().splitlines()
    events = [json.loads(line) for line in lines]
    assert json.loads(events[2]["data"])["choices"][0]["index"] == "zero"
    assert all(event["event"] is None for event in events)
    assert [v["kind"] for v in exchange["violations"]] == ["event_data", "stream_end"]


async def test_uploads_are_recorded_as_fields_and_digests_and_downloads_beside_the_exchange(tmp_path: Path) -> None:
    content = b'{"prompt": "a", "completion": "b"}\n'
    async with proxied(record_dir=tmp_path) as (client, _):
        reply = await client.post("/files", files={"file": ("t.jsonl", content)}, data={"purpose": "fine-tune"})
        await client.get(f"/files/{reply.json()['id']}/content")
    upload, download = exchange_files(tmp_path)
    assert upload["request"]["body"]["form"] == {"purpose": "fine-tune"}
    part = upload["request"]["body"]["files"]["file"]
    assert (part["filename"], part["bytes"]) == ("t.jsonl", len(content))
    assert download["response"]["body"] == {"file": "000002-downloadFile.response.bin", "bytes": len(content)}
    assert (tmp_path / "000002-downloadFile.response.bin").read_bytes() == content


async def test_replay_answers_recorded_requests_as_recorded_and_the_mock_answers_the_rest(tmp_path: Path) -> None:
    async with proxied(broken_upstream(), record_dir=tmp_path) as (client, _):
        recorded_models = (await client.get("/models")).json()
        recorded_stream = (await client.post("/chat/completions", json={**CHAT, "stream": True})).text
        await client.post("/embeddings", json={"model": "text-embedding-ada-002", "input": "hi"})
    async with replaying(tmp_path) as client:
        models = await client.get("/models")
        # Matched as JSON values: key order and spacing do not matter.
        reordered = {"stream": True, **dict(reversed(list(CHAT.items())))}
        stream = await client.post("/chat/completions", json=reordered)
        teapot = await client.post("/embeddings", json={"input": "hi", "model": "text-embedding-ada-002"})
        other = await client.post("/embeddings", json={"input": "another text", "model": "text-embedding-ada-002"})
        unrecorded = await client.post("/chat/completions", json=CHAT)
    assert models.json() == recorded_models  # the broken upstream's answer, not the mock's
    assert stream.text == recorded_stream
    assert stream.headers["content-type"].startswith("text/event-stream")
    assert teapot.status_code == 418
    assert other.status_code == 200 and other.json()["object"] == "list"  # the mock's own answer
    assert unrecorded.status_code == 200 and unrecorded.json()["object"] == "chat.completion"


async def test_repeated_requests_are_answered_in_the_order_recorded_then_the_last_again(tmp_path: Path) -> None:
    async with proxied(record_dir=tmp_path) as (client, _):
        refused = await client.post("/files", files={"file": ("a.png", png())}, data=FINE_TUNE)
        first = refused.status_code
        await client.get("/files")
        training = b'{"prompt": "a", "completion": "b"}\n'
        upload = await client.post("/files", files={"file": ("t.jsonl", training)}, data=FINE_TUNE)
        listed = (await client.get("/files")).json()
    assert first == 400
    assert [f["id"] for f in listed["data"]] == [upload.json()["id"]]
    async with replaying(tmp_path) as client:
        lists = [(await client.get("/files")).json()["data"] for _ in range(3)]
    assert lists[0] == []
    assert [f["id"] for f in lists[1]] == [upload.json()["id"]]
    assert lists[2] == lists[1]


async def test_a_file_that_is_not_an_exchange_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "notes.json").write_text("not json")
    (tmp_path / "000001-listModels.json").write_text(json.dumps({"format": "something-else"}))
    async with replaying(tmp_path) as client:
        reply = await client.get("/models", headers=AUTH)
    assert reply.status_code == 200


async def test_a_text_answer_is_recorded_inline_and_replayed(tmp_path: Path) -> None:
    form = {"model": "whisper-1", "response_format": "srt"}
    async with proxied(record_dir=tmp_path) as (client, _):
        recorded = await client.post("/audio/transcriptions", files={"file": ("talk.wav", wav())}, data=form)
    [exchange] = exchange_files(tmp_path)
    assert exchange["response"]["body"] == {"text": recorded.text}
    async with replaying(tmp_path) as client:
        replayed = await client.post("/audio/transcriptions", files={"file": ("talk.wav", wav())}, data=form)
    assert replayed.text == recorded.text
    assert replayed.headers["content-type"] == recorded.headers["content-type"]


async def test_an_exchange_file_puts_each_header_on_one_line(tmp_path: Path) -> None:
    async with proxied(record_dir=tmp_path) as (client, _):
        await client.get("/models")
    [path] = tmp_path.glob("*.json")
    assert re.search(r'^ +\["authorization", "\[redacted\]"\],?$', path.read_text(), re.MULTILINE)
