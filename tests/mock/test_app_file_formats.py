"""Each upload purpose's JSON Lines format, checked at upload as the 2023 API did (decision 40)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from mock_app_support import conforms, error_of, mock_client

from openai_mock.config import MockConfig


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with mock_client(MockConfig()) as (http, _):
        yield http


def upload(client: httpx.Client, content: bytes, purpose: str) -> httpx.Response:
    return client.post("/files", files={"file": ("data.jsonl", content)}, data={"purpose": purpose})


ACCEPTED = [
    ("fine-tune", b'{"prompt": "2+2=", "completion": " 4"}\n'),
    ("search", b'{"text": "Puppy A is happy."}\n{"text": "Puppy B is sad.", "metadata": "second"}\n'),
    ("answers", b'\xef\xbb\xbf{"text": "Puppy A is happy."}\n\n{"text": "Puppy B is sad."}'),
    (
        "classifications",
        b'{"text": "good film", "label": "Positive"}\n{"text": "bad", "label": "Negative", "metadata": ""}\n',
    ),
]


@pytest.mark.parametrize(("purpose", "content"), ACCEPTED)
def test_a_file_in_its_purposes_format_is_accepted(client: httpx.Client, purpose: str, content: bytes) -> None:
    response = upload(client, content, purpose)
    assert response.status_code == 200, response.text
    record = conforms(response).json()
    assert (record["purpose"], record["bytes"]) == (purpose, len(content))
    assert client.get(f"/files/{record['id']}/content").content == content


REFUSED = [
    ("fine-tune", b'{"text": "Puppy A is happy."}\n', 1, "Missing `prompt` key"),
    ("search", b'{"text": "a"}\nrandom bytes \x00\xff\n', 2, "not a dictionary"),
    ("search", b'{"text": "a"}\n{"text": "b"}\n{"metadata": "c"}\n', 3, "Missing `text` key"),
    ("search", b'{"text": 7}\n', 1, "Expected `text` to be a string"),
    ("answers", b'{"text": "a", "metadata": {"page": 1}}\n', 1, "Expected `metadata` to be a string"),
    ("answers", b'{"text": "a"}\n{"text": "b", "label": "x"}\n', 2, "('label' was unexpected)"),
    ("answers", b'{"prompt": "2+2=", "completion": " 4"}\n', 1, "Missing `text` key"),
    ("classifications", b'{"text": "good film", "label": "Positive"}\n{"text": "bad"}\n', 2, "Missing `label` key"),
    ("classifications", b'{"text": "good film", "label": 1}\n', 1, "Expected `label` to be a string"),
    ("classifications", b"[1, 2]\n", 1, "not a dictionary"),
]


@pytest.mark.parametrize(("purpose", "content", "line", "says"), REFUSED)
def test_a_line_that_breaks_its_purposes_format_is_refused_by_number(
    client: httpx.Client, purpose: str, content: bytes, line: int, says: str
) -> None:
    before = len(client.get("/files").json()["data"])
    error = error_of(upload(client, content, purpose), 400)
    assert error["param"] == "file" and f"line {line}" in error["message"].lower() and says in error["message"]
    assert len(client.get("/files").json()["data"]) == before  # nothing stored


@pytest.mark.parametrize("purpose", ["search", "answers", "classifications"])
def test_a_file_without_records_is_refused(client: httpx.Client, purpose: str) -> None:
    error = error_of(upload(client, b"\n  \n", purpose), 400)
    assert error["param"] == "file" and "at least one" in error["message"]


def test_an_overlong_line_is_refused_without_reading_it_whole(client: httpx.Client) -> None:
    content = b'{"text": "a"}\n' + b'{"text": "' + b"x" * (1024 * 1024) + b'"}\n'
    error = error_of(upload(client, content, "search"), 400)
    assert error["param"] == "file" and "Line 2 of the file is longer than" in error["message"]
