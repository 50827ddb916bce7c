"""Request validation through the spec: the real API's wording and params, 404/405/413, never a 500."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from mock_app_support import AUTH, error_of, mock_client

from openai_mock.config import MockConfig

CHAT = {"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "Hello!"}], "max_tokens": 5}


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with mock_client() as (c, _):
        yield c


def chat(client: httpx.Client, **changes: Any) -> httpx.Response:
    return client.post("/chat/completions", json={**CHAT, **changes})


def test_bad_role_lists_the_roles_in_the_spec_order(client: httpx.Client) -> None:
    error = error_of(chat(client, messages=[{"role": "doctor", "content": "hi"}]), 400)
    assert error == {
        "message": "'doctor' is not one of ['system', 'assistant', 'user'] - 'messages.0.role'",
        "type": "invalid_request_error",
        "param": None,
        "code": None,
    }


def test_unknown_argument_names_it(client: httpx.Client) -> None:
    error = error_of(chat(client, frobnicate=1), 400)
    assert (error["message"], error["param"]) == ("Unrecognized request argument supplied: frobnicate", "frobnicate")


def test_missing_field_at_top_level_and_nested(client: httpx.Client) -> None:
    error = error_of(client.post("/chat/completions", json={"messages": CHAT["messages"]}), 400)
    assert (error["message"], error["param"]) == ("'model' is a required property", "model")
    error = error_of(chat(client, messages=[{"role": "user"}]), 400)
    assert (error["message"], error["param"]) == ("'content' is a required property - 'messages.0'", None)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("temperature", 3, "3 is greater than the maximum of 2 - 'temperature'"),
        ("temperature", "abc", "'abc' is not of type 'number' - 'temperature'"),
        ("n", 0, "0 is less than the minimum of 1 - 'n'"),
        ("n", "1", "'1' is not of type 'integer' - 'n'"),
        ("n", 1.5, "1.5 is not of type 'integer' - 'n'"),
        ("stream", 1, "1 is not of type 'boolean' - 'stream'"),
        ("stream", "true", "'true' is not of type 'boolean' - 'stream'"),
        ("user", None, "None is not of type 'string' - 'user'"),
        ("stop", 5, "5 is not valid under any of the given schemas - 'stop'"),
    ],
)
def test_range_and_type_errors_name_the_param(client: httpx.Client, field: str, value: object, message: str) -> None:
    error = error_of(chat(client, **{field: value}), 400)
    assert (error["message"], error["param"], error["type"]) == (message, field, "invalid_request_error")


def test_integral_float_is_an_integer_and_nullable_fields_take_null(client: httpx.Client) -> None:
    response = chat(client, n=2.0, max_tokens=3.0, stop=None, logit_bias=None)
    assert response.status_code == 200, response.text
    assert len(response.json()["choices"]) == 2


NULL_MEANS_DEFAULT = [
    ("/completions", {"model": "text-davinci-003", "max_tokens": 3}, "prompt"),
    ("/completions", {"model": "text-davinci-003", "prompt": "Hi", "max_tokens": 3}, "temperature"),
    ("/completions", {"model": "text-davinci-003", "prompt": "Hi"}, "max_tokens"),
    *(
        ("/completions", {"model": "text-davinci-003", "prompt": "Hi", "max_tokens": 3}, field)
        for field in ("top_p", "n", "stream", "echo", "presence_penalty", "frequency_penalty", "best_of")
    ),
    *(
        ("/chat/completions", CHAT, field)
        for field in ("temperature", "top_p", "n", "stream", "presence_penalty", "frequency_penalty")
    ),
    *(
        ("/edits", {"model": "text-davinci-edit-001", "input": "Hi", "instruction": "Fix it"}, field)
        for field in ("input", "n", "temperature", "top_p")
    ),
    *(("/images/generations", {"prompt": "An otter"}, field) for field in ("n", "size", "response_format")),
]


@pytest.mark.parametrize(
    ("path", "body", "field"), NULL_MEANS_DEFAULT, ids=[f"{p} {f}" for p, _, f in NULL_MEANS_DEFAULT]
)
def test_null_means_the_default(client: httpx.Client, path: str, body: dict[str, Any], field: str) -> None:
    with_null = client.post(path, json={**body, field: None})
    assert with_null.status_code == 200, with_null.text
    without = client.post(path, json={k: v for k, v in body.items() if k != field})
    assert without.status_code == 200, without.text
    strip = ("id", "created")
    assert {k: v for k, v in with_null.json().items() if k not in strip} == {
        k: v for k, v in without.json().items() if k not in strip
    }


def test_null_best_of_is_as_many_as_n(client: httpx.Client) -> None:
    body = {"model": "text-davinci-003", "prompt": "Hi", "max_tokens": 2, "n": 3, "best_of": None}
    response = client.post("/completions", json=body)
    assert response.status_code == 200, response.text
    assert len(response.json()["choices"]) == 3


def test_null_is_refused_where_the_field_has_no_null(client: httpx.Client) -> None:
    error = error_of(client.post("/edits", json={"model": "text-davinci-edit-001", "instruction": None}), 400)
    assert (error["param"], error["message"]) == ("instruction", "None is not of type 'string' - 'instruction'")


def test_malformed_json_and_wrong_content_type(client: httpx.Client) -> None:
    error = error_of(
        client.post("/chat/completions", content=b'{"model": ', headers={"content-type": "application/json"}), 400
    )
    assert error["message"].startswith("We could not parse the JSON body of your request.")
    assert error["param"] is None
    error = error_of(
        client.post("/chat/completions", content=b'{"model": NaN}', headers={"content-type": "application/json"}), 400
    )
    assert error["message"].startswith("We could not parse the JSON body")
    error = error_of(client.post("/chat/completions", data={"model": "gpt-3.5-turbo"}), 400)
    assert error["message"] == (
        "Invalid Content-Type header (application/x-www-form-urlencoded), expected application/json."
    )
    error = error_of(client.post("/chat/completions", json=[CHAT]), 400)
    assert error["message"].endswith("is not of type 'object'")


def test_semantic_errors(client: httpx.Client) -> None:
    error = error_of(
        client.post("/completions", json={"model": "text-davinci-003", "prompt": "x", "n": 3, "best_of": 2}), 400
    )
    assert error["param"] == "best_of"
    error = error_of(
        client.post("/completions", json={"model": "text-davinci-003", "prompt": "x", "best_of": 3, "stream": True}),
        400,
    )
    assert (error["param"], error["message"]) == ("best_of", "Cannot stream results with best_of greater than n.")


def test_unknown_ids_are_404(client: httpx.Client) -> None:
    assert error_of(client.get("/files/file-x"), 404)["message"] == "No such File object: file-x"
    error = error_of(chat(client, model="gpt-9"), 404)
    assert (error["message"], error["param"], error["code"]) == (
        "The model `gpt-9` does not exist",
        "model",
        "model_not_found",
    )
    assert error_of(client.get("/models/nope"), 404)["code"] == "model_not_found"
    assert error_of(client.delete("/models/curie:ft-x-2023-01-01-00-00-00"), 404)["param"] == "model"
    assert error_of(client.get("/fine-tunes/ft-x"), 404)["message"] == "No such FineTune object: ft-x"
    assert error_of(client.get("/fine-tunes/ft-x/events"), 404)["param"] == "fine_tune_id"
    assert error_of(client.get("/engines/nope"), 404)["param"] == "engine_id"
    error = error_of(client.post("/moderations", json={"input": "x", "model": "text-moderation-999"}), 404)
    assert (error["param"], error["code"]) == ("model", "model_not_found")
    response = client.get("/no/such/path")
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Invalid URL (GET /v1/no/such/path)"


def test_wrong_method_is_405_with_allow(client: httpx.Client) -> None:
    response = client.put("/chat/completions", json=CHAT)
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.json()["error"]["type"] == "invalid_request_error"
    assert set(client.patch("/files").headers["allow"].split(", ")) == {"GET", "HEAD", "POST"}


def test_body_over_the_limit_is_413_by_header_and_by_count() -> None:
    with mock_client(MockConfig(max_body_bytes=1000)) as (client, _):
        big = {**CHAT, "messages": [{"role": "user", "content": "x" * 2000}]}
        error = error_of(client.post("/chat/completions", json=big), 413)
        assert error["message"].startswith("Maximum content size limit (1000) exceeded")

        def chunks() -> Iterator[bytes]:  # no Content-Length: the server has to count
            yield b'{"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "'
            yield b"x" * 2000
            yield b'"}]}'

        response = client.post("/chat/completions", content=chunks(), headers={"content-type": "application/json"})
        assert "content-length" not in response.request.headers
        assert error_of(response, 413)["message"].startswith("Maximum content size limit (1000) exceeded")
        assert chat(client).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"null",
        b"[]",
        b"1",
        b'"x"',
        b"{}",
        b'{"model": {}}',
        b'{"model": "gpt-3.5-turbo", "messages": {}}',
        b'{"model": "gpt-3.5-turbo", "messages": [null]}',
        b'{"model": "gpt-3.5-turbo", "messages": [[]]}',
        b'{"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "x", "name": "bad name"}]}',
        b'{"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "x"}], "logit_bias": {"x": 1}}',
        b'{"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "x"}], "logit_bias": {"1": 101}}',
        b'{"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "x"}], "stop": ["a","b","c","d","e"]}',
        b'{"model": "gpt-3.5-turbo", "messages": [], "n": 1e400}',
        b"\xff\xfe",
    ],
)
def test_bad_bodies_are_400_never_500(client: httpx.Client, body: bytes) -> None:
    response = client.post("/chat/completions", content=body, headers={**AUTH, "content-type": "application/json"})
    error_of(response, 400)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/completions", {"model": "text-davinci-003", "prompt": [1, "a"]}),
        ("/completions", {"model": "text-davinci-003", "prompt": [[10**9]]}),
        ("/completions", {"model": "text-davinci-003", "prompt": [10**20]}),
        ("/completions", {"model": "text-davinci-003", "logit_bias": {"99999999999999999999": 5}}),
        (
            "/chat/completions",
            {"model": "gpt-4", "messages": [{"role": "user", "content": "x"}], "logit_bias": {"123456789012": 5}},
        ),
        ("/embeddings", {"model": "text-embedding-ada-002", "input": [[1], [10**25]]}),
        ("/completions", {"model": "text-davinci-003", "logprobs": 6}),
        ("/completions", {"model": "text-davinci-003", "max_tokens": 100000}),
        ("/embeddings", {"model": "text-embedding-ada-002", "input": []}),
        ("/embeddings", {"model": "text-embedding-ada-002", "input": ""}),
        ("/embeddings", {"model": "text-embedding-ada-002", "input": "x", "encoding_format": "hex"}),
        ("/edits", {"model": "text-davinci-edit-001"}),
        ("/images/generations", {"prompt": "x" * 1001}),
        ("/images/generations", {"prompt": "x", "size": "100x100"}),
        ("/moderations", {"input": 5}),
        ("/fine-tunes", {"training_file": "file-none"}),
        ("/fine-tunes", {"training_file": 5}),
    ],
)
def test_other_operations_reject_bad_input_with_400(client: httpx.Client, path: str, body: dict[str, Any]) -> None:
    error = error_of(client.post(path, json=body), 400)
    assert error["type"] == "invalid_request_error"
