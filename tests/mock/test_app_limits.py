"""Limits that keep the mock's memory and event loop safe: byte-bounded caches and the API's input limits."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from mock_app_support import error_of, mock_client

from openai_mock.engines import moderation
from openai_mock.engines.embeddings import embed
from openai_mock.engines.tokenizer import tokenizer_for_model
from openai_mock.http.services import RESULT_CACHE_BYTES, Memo
from openai_mock.routes.simple import MAX_EMBEDDING_INPUTS

ADA = "text-embedding-ada-002"


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with mock_client() as (c, _):
        yield c


def test_memo_evicts_by_bytes_as_well_as_by_entries() -> None:
    memo = Memo(max_entries=10, max_bytes=100)
    memo.put("a", "A", 40)
    memo.put("b", "B", 40)
    assert memo.bytes_used == 80 and len(memo) == 2
    memo.put("c", "C", 40)  # over the byte budget: the least recently used entry goes
    assert memo.get("a") is None and memo.get("b") == "B" and memo.get("c") == "C"
    assert memo.bytes_used == 80
    memo.put("b", "B2", 10)  # replacing an entry counts only its new size
    assert memo.bytes_used == 50 and memo.get("b") == "B2"
    memo.put("huge", "H", 101)  # larger than the whole budget: not kept, nothing evicted for it
    assert memo.get("huge") is None and memo.bytes_used == 50 and len(memo) == 2


def test_memo_evicts_by_entries() -> None:
    memo = Memo(max_entries=2, max_bytes=1000)
    for key in "abc":
        memo.put(key, key, 1)
    assert memo.get("a") is None and len(memo) == 2 and memo.bytes_used == 2


def test_embeddings_are_cached_as_float32_rows() -> None:
    words = [f"word{i}" for i in range(100)]
    with mock_client() as (client, app):
        answer = client.post("/embeddings", json={"model": ADA, "input": words})
        assert answer.status_code == 200, answer.text
        results = app.state.services.results
        # 100 rows of 1536 float32 components and a small key: not the 100 x 1536 Python floats.
        assert len(results) == 1 and 100 * 1536 * 4 <= results.bytes_used <= 100 * 1536 * 4 + 1024
        assert results.bytes_used <= RESULT_CACHE_BYTES
        again = client.post("/embeddings", json={"model": ADA, "input": words, "encoding_format": "base64"})
        assert again.status_code == 200 and len(results) == 1  # one entry serves both encodings
    vectors = [d["embedding"] for d in answer.json()["data"]]
    assert vectors == embed(ADA, words).vectors  # the engine's values, unchanged by the compact form
    assert answer.json()["usage"]["prompt_tokens"] == embed(ADA, words).prompt_tokens


def test_embeddings_refuse_more_than_2048_inputs(client: httpx.Client) -> None:
    inputs = [[1]] * (MAX_EMBEDDING_INPUTS + 1)
    error = error_of(client.post("/embeddings", json={"model": ADA, "input": inputs}), 400)
    assert error["param"] == "input" and "2048" in error["message"]


MILLION = "word " * 200_000  # a million characters, about 200,000 tokens


def user(content: str) -> dict[str, str]:
    return {"role": "user", "content": content}


@pytest.mark.parametrize(
    ("path", "body", "param", "window"),
    [
        ("/embeddings", {"model": ADA, "input": MILLION}, "input", 8191),
        ("/embeddings", {"model": ADA, "input": ["short", "a" * 1_000_000]}, "input", 8191),
        ("/chat/completions", {"model": "gpt-3.5-turbo", "messages": [user(MILLION)]}, "messages", 4096),
        (
            "/chat/completions",
            {"model": "gpt-3.5-turbo", "max_tokens": 1, "messages": [user("日本" * 500_000)]},
            "messages",
            4096,
        ),
        ("/completions", {"model": "text-davinci-003", "prompt": MILLION}, "prompt", 4097),
    ],
)
def test_a_million_character_input_is_a_context_length_error(
    client: httpx.Client, path: str, body: dict[str, object], param: str, window: int
) -> None:
    error = error_of(client.post(path, json=body), 400)
    assert (error["param"], error["code"]) == (param, "context_length_exceeded")
    assert error["message"].startswith(f"This model's maximum context length is {window} tokens, however you requested")


def test_long_texts_are_counted_in_pieces_as_exactly_as_whole() -> None:
    tok = tokenizer_for_model("gpt-3.5-turbo")
    text = "The quick brown fox jumps over the lazy dog, again and again. " * 2_000  # 124,000 characters
    assert len(tok.encode(text)) == len(tok.encoding.encode(text))  # bpe-openai still takes this size whole
    assert tok.encode(text) == tok.encoding.encode(text)
    assert len(tok.encode("a" * 1_000_000)) > 100_000  # the whole would be refused by the encoding itself


def test_moderation_runs_off_the_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[bool] = []
    classify = moderation.moderate

    def watched(inputs: list[str]) -> list[moderation.ModerationResult]:
        try:
            asyncio.get_running_loop()
            threads.append(True)  # called from the event loop's own thread
        except RuntimeError:
            threads.append(False)
        return classify(inputs)

    monkeypatch.setattr(moderation, "moderate", watched)
    with mock_client() as (client, _):
        answer = client.post("/moderations", json={"input": ["I want to kill them."] * 50})
    assert answer.status_code == 200 and len(answer.json()["results"]) == 50
    assert answer.json()["results"][0]["flagged"] is True
    assert threads == [False]
