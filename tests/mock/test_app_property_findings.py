"""Requests the property tests (tests/property) found mishandled, answered as the spec says."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from mock_app_support import conforms, error_of, jsonl, mock_client

from openai_mock.config import MockConfig


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with mock_client(MockConfig(fine_tune_duration=0.2)) as (c, _):
        yield c


def ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body: dict[str, Any] = conforms(response).json()
    return body


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/chat/completions", {"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "Hi"}], "n": 127}),
        ("/completions", {"model": "text-davinci-003", "prompt": "Hi", "n": 128, "max_tokens": 1}),
    ],
)
def test_n_up_to_128_needs_no_best_of(client: httpx.Client, path: str, body: dict[str, Any]) -> None:
    # The spec allows n up to 128; only an explicit best_of is bounded by 20.
    assert len(ok(client.post(path, json={**body, "max_tokens": 1}))["choices"]) == body["n"]


def test_best_of_below_n_names_the_rule(client: httpx.Client) -> None:
    body = {"model": "text-davinci-003", "prompt": "Hi", "n": 3, "best_of": 2, "max_tokens": 1}
    error = error_of(client.post("/completions", json=body), 400)
    assert error["param"] == "best_of" and "greater than or equal to 'n'" in error["message"]


def test_best_of_zero_is_below_the_schema_minimum(client: httpx.Client) -> None:
    # best_of must be at least n, and n at least 1: the spec says minimum 1, so 0 is schema-invalid.
    body = {"model": "text-davinci-003", "prompt": "Hi", "best_of": 0, "max_tokens": 1}
    error = error_of(client.post("/completions", json=body), 400)
    assert (error["param"], error["message"]) == ("best_of", "0 is less than the minimum of 1 - 'best_of'")


def test_integers_beyond_64_bits_are_echoed_not_a_500(client: httpx.Client) -> None:
    file_id = ok(client.post("/files", files={"file": ("d.jsonl", jsonl(2))}, data={"purpose": "fine-tune"}))["id"]
    huge = 19704127635745228667748352
    job = ok(client.post("/fine-tunes", json={"training_file": file_id, "batch_size": huge}))
    assert job["hyperparams"]["batch_size"] == huge


@pytest.mark.parametrize(
    ("path", "body", "param"),
    [
        ("/completions", {"model": "text-ada-001", "prompt": "Hi", "max_tokens": 84718773357}, "prompt"),
        (
            "/chat/completions",
            {"model": "gpt-4", "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 1 << 61},
            "messages",
        ),
    ],
)
def test_a_huge_max_tokens_is_a_context_length_error(
    client: httpx.Client, path: str, body: dict[str, Any], param: str
) -> None:
    error = error_of(client.post(path, json=body), 400)
    assert (error["code"], error["param"]) == ("context_length_exceeded", param)
    assert f"{body['max_tokens']} for the completion" in error["message"]
