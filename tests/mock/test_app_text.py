"""Completions, chat, edits, embeddings, moderations, models and engines over HTTP, checked against the spec."""

from __future__ import annotations

import base64
import json
import struct
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from mock_app_support import conforms, mock_client, sse_events

from openai_mock.engines.tokenizer import tokenizer_for_model

JSON = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with mock_client() as (c, _):
        yield c


def ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body: dict[str, Any] = conforms(response).json()
    return body


def chunks(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(conforms(response).text)
    assert events[-1] == {"data": "[DONE]"}
    return [json.loads(e["data"]) for e in events[:-1]]


def test_completion_usage_and_max_tokens(client: httpx.Client) -> None:
    body = ok(
        client.post(
            "/completions",
            json={"model": "text-davinci-003", "prompt": "Say this is a test", "max_tokens": 7, "temperature": 0},
        )
    )
    assert body["object"] == "text_completion" and body["id"].startswith("cmpl-")
    choice = body["choices"][0]
    assert choice["finish_reason"] == "length" and choice["logprobs"] is None
    tok = tokenizer_for_model("text-davinci-003")
    usage = body["usage"]
    assert usage["prompt_tokens"] == tok.count("Say this is a test")
    assert usage["completion_tokens"] == 7
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]


def test_completion_n_echo_suffix_logprobs_and_stop(client: httpx.Client) -> None:
    body = ok(
        client.post(
            "/completions",
            json={
                "model": "text-davinci-003",
                "prompt": ["One", "Two"],
                "n": 2,
                "max_tokens": 5,
                "echo": True,
                "logprobs": 2,
                "suffix": "!!",
            },
        )
    )
    texts = [c["text"] for c in body["choices"]]
    assert [c["index"] for c in body["choices"]] == [0, 1, 2, 3]
    assert texts[0].startswith("One") and texts[2].startswith("Two") and all(t.endswith("!!") for t in texts)
    lp = body["choices"][0]["logprobs"]
    assert lp["token_logprobs"][0] is None and all(len(top) <= 3 for top in lp["top_logprobs"][1:])
    free = ok(
        client.post(
            "/completions", json={"model": "text-davinci-003", "prompt": "x", "max_tokens": 30, "temperature": 0}
        )
    )["choices"][0]["text"]
    word = free.split()[2]
    stopped = ok(
        client.post(
            "/completions",
            json={"model": "text-davinci-003", "prompt": "x", "max_tokens": 30, "temperature": 0, "stop": [word]},
        )
    )["choices"][0]
    assert stopped["finish_reason"] == "stop" and word not in stopped["text"] and free.startswith(stopped["text"])


def test_best_of_and_logit_bias(client: httpx.Client) -> None:
    body = ok(
        client.post(
            "/completions", json={"model": "text-davinci-003", "prompt": "x", "max_tokens": 3, "best_of": 3, "n": 2}
        )
    )
    assert len(body["choices"]) == 2 and body["usage"]["completion_tokens"] >= 3
    token = tokenizer_for_model("text-davinci-003").encode(" banana")[0]
    biased = ok(
        client.post(
            "/completions",
            json={
                "model": "text-davinci-003",
                "prompt": "x",
                "max_tokens": 3,
                "logit_bias": {str(token): 100},
                "presence_penalty": 0.5,
            },
        )
    )
    assert biased["choices"][0]["text"] == " banana" * 3


@pytest.mark.parametrize("temperature", [0, 1.3])
def test_streamed_completion_equals_the_answer(client: httpx.Client, temperature: float) -> None:
    request = {
        "model": "text-davinci-003",
        "prompt": "Once upon a time",
        "max_tokens": 40,
        "n": 2,
        "temperature": temperature,
        "logprobs": 1,
    }
    whole = ok(client.post("/completions", json=request))
    parts = chunks(client.post("/completions", json={**request, "stream": True}))
    assert all(p["object"] == "text_completion" and p["id"] == parts[0]["id"] for p in parts)
    for choice in whole["choices"]:
        mine = [p["choices"][0] for p in parts if p["choices"][0]["index"] == choice["index"]]
        assert "".join(c["text"] for c in mine) == choice["text"]
        assert mine[-1]["finish_reason"] == choice["finish_reason"]
        assert all(c["finish_reason"] is None for c in mine[:-1])
        assert [t for c in mine for t in c["logprobs"]["tokens"]] == choice["logprobs"]["tokens"]


def test_chat_completion(client: httpx.Client) -> None:
    body = ok(
        client.post(
            "/chat/completions",
            json={
                "model": "gpt-3.5-turbo",
                "messages": [{"role": "user", "content": "Hello!"}],
                "n": 2,
                "max_tokens": 8,
            },
        )
    )
    assert body["object"] == "chat.completion" and body["id"].startswith("chatcmpl-")
    assert [c["message"]["role"] for c in body["choices"]] == ["assistant", "assistant"]
    assert body["usage"]["prompt_tokens"] == 9  # the reference's figure for "Hello!"
    assert body["usage"]["total_tokens"] == body["usage"]["prompt_tokens"] + body["usage"]["completion_tokens"]


@pytest.mark.parametrize("temperature", [0, 0.9])
def test_streamed_chat_equals_the_answer(client: httpx.Client, temperature: float) -> None:
    request = {
        "model": "gpt-4",
        "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "Who won the world series in 2020?"},
        ],
        "temperature": temperature,
        "max_tokens": 60,
        "n": 2,
    }
    whole = ok(client.post("/chat/completions", json=request))
    for _ in range(2):  # the second stream is replayed from the results cache
        parts = chunks(client.post("/chat/completions", json={**request, "stream": True}))
        assert all(p["object"] == "chat.completion.chunk" for p in parts)
        for choice in whole["choices"]:
            mine = [p["choices"][0] for p in parts if p["choices"][0]["index"] == choice["index"]]
            assert mine[0]["delta"]["role"] == "assistant"
            assert "".join(c["delta"].get("content", "") for c in mine) == choice["message"]["content"]
            assert mine[-1]["finish_reason"] == choice["finish_reason"] and mine[-1]["delta"] == {}


def test_chat_and_completion_models_are_not_interchangeable(client: httpx.Client) -> None:
    response = client.post(
        "/chat/completions", json={"model": "text-davinci-003", "messages": [{"role": "user", "content": "x"}]}
    )
    assert response.status_code == 404 and "not a chat model" in conforms(response).json()["error"]["message"]
    response = client.post("/completions", json={"model": "gpt-3.5-turbo", "prompt": "x"})
    assert response.status_code == 404 and "chat model" in response.json()["error"]["message"]


def test_edit(client: httpx.Client) -> None:
    body = ok(
        client.post(
            "/edits",
            json={
                "model": "text-davinci-edit-001",
                "input": "What day of the wek is it?",
                "instruction": "Fix the spelling mistakes",
                "n": 2,
            },
        )
    )
    assert [c["text"] for c in body["choices"]] == ["What day of the week is it?"] * 2
    assert body["object"] == "edit" and body["usage"]["total_tokens"] > 0


@pytest.mark.parametrize("value", ["The food was delicious", ["a", "b c"], [1, 2, 3], [[1, 2], [3]]])
def test_embeddings_every_input_form_in_both_encodings(client: httpx.Client, value: object) -> None:
    request = {"model": "text-embedding-ada-002", "input": value}
    floats = ok(client.post("/embeddings", json=request))
    encoded = ok(client.post("/embeddings", json={**request, "encoding_format": "base64"}))
    count = len(value) if isinstance(value, list) and not isinstance(value[0], int) else 1
    assert [d["index"] for d in floats["data"]] == list(range(count))
    for plain, packed in zip(floats["data"], encoded["data"], strict=True):
        raw = base64.b64decode(packed["embedding"])
        assert len(plain["embedding"]) == 1536 == len(raw) // 4
        assert list(struct.unpack("<1536f", raw)) == plain["embedding"]
    assert floats["usage"]["prompt_tokens"] == floats["usage"]["total_tokens"] > 0


def test_moderation(client: httpx.Client) -> None:
    body = ok(client.post("/moderations", json={"input": ["I want to kill them.", "What a lovely day"]}))
    assert [r["flagged"] for r in body["results"]] == [True, False]
    assert body["results"][0]["categories"]["violence"] is True
    assert body["model"] == "text-moderation-001" and body["id"].startswith("modr-")


def test_models_and_engines(client: httpx.Client) -> None:
    models = ok(client.get("/models"))
    ids = {m["id"] for m in models["data"]}
    assert {"gpt-3.5-turbo", "gpt-4", "text-davinci-003", "text-embedding-ada-002", "whisper-1", "curie"} <= ids
    model = ok(client.get("/models/text-davinci-003"))
    assert model["id"] == "text-davinci-003" and model["object"] == "model"
    engines = ok(client.get("/engines"))
    assert {e["id"] for e in engines["data"]} == ids
    assert ok(client.get("/engines/davinci")) == {
        "id": "davinci",
        "object": "engine",
        "created": 1649359874,
        "owner": "openai",
        "ready": True,
    }
    error = client.delete("/models/text-davinci-003")
    assert error.status_code == 400 and conforms(error).json()["error"]["param"] == "model"


def test_a_repeated_request_is_answered_from_the_cache_as_a_new_completion(client: httpx.Client) -> None:
    raw = json.dumps({"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "cached?"}], "max_tokens": 5})
    first, second = (ok(client.post("/chat/completions", content=raw, headers=JSON)) for _ in range(2))
    assert first["id"] != second["id"] and first["id"].startswith("chatcmpl-")
    assert (first["choices"], first["usage"]) == (second["choices"], second["usage"])
    # What the bytes alone do not settle is checked before the cache is read.
    wrong_type = client.post("/chat/completions", content=raw, headers={"Content-Type": "text/plain"})
    assert wrong_type.status_code == 400 and "Content-Type" in wrong_type.json()["error"]["message"]
    completion = json.dumps({"model": "text-davinci-003", "prompt": "cached?", "max_tokens": 5})
    a, b = (ok(client.post("/completions", content=completion, headers=JSON)) for _ in range(2))
    assert a["id"] != b["id"] and a["choices"] == b["choices"]
