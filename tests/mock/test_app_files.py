"""Files (streamed uploads, JSONL checks, quota, downloads, concurrency) and the fine-tune lifecycle over HTTP."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from mock_app_support import conforms, document, error_of, jsonl, mock_client, sse_events

from openai_mock.config import MockConfig


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with mock_client(MockConfig(fine_tune_duration=0.4)) as (c, _):
        yield c


def ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body: dict[str, Any] = conforms(response).json()
    return body


def upload(
    client: httpx.Client, content: bytes, purpose: str = "fine-tune", name: str = "data.jsonl"
) -> httpx.Response:
    return client.post("/files", files={"file": (name, content, "application/jsonl")}, data={"purpose": purpose})


def test_upload_list_retrieve_download_delete(client: httpx.Client) -> None:
    data = jsonl(5) + b'{"prompt": "has --+++ inside", "completion": " x"}\n'
    record = ok(upload(client, data))
    assert (record["object"], record["bytes"], record["filename"], record["purpose"]) == (
        "file",
        len(data),
        "data.jsonl",
        "fine-tune",
    )
    assert [f["id"] for f in ok(client.get("/files"))["data"]] == [record["id"]]
    assert ok(client.get(f"/files/{record['id']}")) == record
    content = client.get(f"/files/{record['id']}/content")
    assert conforms(content).content == data
    assert content.headers["content-type"] == "application/octet-stream"
    assert ok(client.delete(f"/files/{record['id']}")) == {"id": record["id"], "object": "file", "deleted": True}
    assert error_of(client.get(f"/files/{record['id']}/content"), 404)["message"].startswith("No such File object")
    assert ok(client.get("/files"))["data"] == []


def test_files_belong_to_the_organization(client: httpx.Client) -> None:
    record = ok(upload(client, document(), purpose="search"))
    assert error_of(client.get(f"/files/{record['id']}", headers={"OpenAI-Organization": "org-other"}), 404)
    assert ok(client.get("/files", headers={"OpenAI-Organization": "org-other"}))["data"] == []


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (b'{"prompt": "a", "completion": "b"}\nnot json\n', 2),
        (b'{"prompt": "a", "completion": "b"}\n\n{"prompt": "a"}\n', 3),
        (b"[1, 2]\n", 1),
    ],
)
def test_fine_tune_files_must_be_prompt_completion_jsonl(client: httpx.Client, content: bytes, line: int) -> None:
    error = error_of(upload(client, content), 400)
    assert error["param"] == "file" and f"line {line}" in error["message"].lower()
    assert ok(client.get("/files"))["data"] == []


def test_upload_field_errors(client: httpx.Client) -> None:
    error = error_of(upload(client, jsonl(), purpose="homework"), 400)
    assert error["param"] == "purpose"
    error = error_of(client.post("/files", data={"purpose": "fine-tune"}, files={"other": ("x", b"")}), 400)
    assert error["message"] == "Unrecognized request argument supplied: other"
    error = error_of(client.post("/files", files={"file": ("a.jsonl", jsonl())}), 400)
    assert (error["message"], error["param"]) == ("'purpose' is a required property", "purpose")
    error = error_of(
        client.post("/files", content=b"--x\r\n", headers={"content-type": "multipart/form-data; boundary=x"}), 400
    )
    assert error["type"] == "invalid_request_error"


def test_quota_per_organization() -> None:
    with mock_client(MockConfig(quota_bytes=1000)) as (client, _):
        data = document(size=600)
        ok(upload(client, data, purpose="search"))
        error = error_of(upload(client, data, purpose="search"), 413)
        assert error["param"] == "file" and "1000 bytes" in error["message"]
        other_org = {"OpenAI-Organization": "org-second"}
        ok(client.post("/files", files={"file": ("b", data)}, data={"purpose": "search"}, headers=other_org))
        assert len(ok(client.get("/files"))["data"]) == 1


def test_parallel_uploads_all_land(client: httpx.Client) -> None:
    def one(i: int) -> str:
        response = upload(client, jsonl(2 + i % 3), name=f"part-{i}.jsonl")
        assert response.status_code == 200, response.text
        return str(response.json()["id"])

    with ThreadPoolExecutor(max_workers=16) as pool:
        ids = list(pool.map(one, range(50)))
    listed = ok(client.get("/files"))["data"]
    assert sorted(f["id"] for f in listed) == sorted(ids)
    assert {f["filename"] for f in listed} == {f"part-{i}.jsonl" for i in range(50)}


def test_fine_tune_lifecycle(client: httpx.Client) -> None:
    training = ok(upload(client, jsonl()))["id"]
    job = ok(
        client.post("/fine-tunes", json={"training_file": training, "model": "ada", "n_epochs": 2, "suffix": "mine"})
    )
    assert (job["status"], job["fine_tuned_model"], job["model"]) == ("pending", None, "ada")
    assert job["training_files"][0]["id"] == training
    assert [j["id"] for j in ok(client.get("/fine-tunes"))["data"]] == [job["id"]]
    assert "events" not in ok(client.get("/fine-tunes"))["data"][0]
    stream = client.get(f"/fine-tunes/{job['id']}/events", params={"stream": "true"})
    events = sse_events(conforms(stream).text)
    assert events[-1] == {"data": "[DONE]"}
    messages = [json.loads(e["data"])["message"] for e in events[:-1]]
    assert messages[0].startswith("Job enqueued") and messages[-1] == "Job succeeded."
    assert "Job started." in messages and "Completed epoch 2/2" in messages
    done = ok(client.get(f"/fine-tunes/{job['id']}"))
    assert done["status"] == "succeeded" and done["result_files"]
    name = done["fine_tuned_model"]
    assert name.startswith("ada:ft-") and ":mine-" in name
    assert [e["message"] for e in ok(client.get(f"/fine-tunes/{job['id']}/events"))["data"]] == messages
    assert name in {m["id"] for m in ok(client.get("/models"))["data"]}
    assert ok(client.get(f"/models/{name}"))["id"] == name
    completion = ok(client.post("/completions", json={"model": name, "prompt": "q1 ->", "max_tokens": 3}))
    assert completion["model"] == name
    assert error_of(client.post(f"/fine-tunes/{job['id']}/cancel"), 400)["param"] == "fine_tune_id"
    assert ok(client.delete(f"/models/{name}")) == {"id": name, "object": "model", "deleted": True}
    assert error_of(client.get(f"/models/{name}"), 404)["code"] == "model_not_found"
    assert error_of(client.delete(f"/models/{name}"), 404)["param"] == "model"
    # The answer above is cached by the request's bytes; the model is checked again all the same.
    again = client.post("/completions", json={"model": name, "prompt": "q1 ->", "max_tokens": 3})
    assert error_of(again, 404)["code"] == "model_not_found"


def test_fine_tune_nulls_take_the_defaults(client: httpx.Client) -> None:
    training = ok(upload(client, jsonl()))["id"]
    nulls = {"model": None, "n_epochs": None, "prompt_loss_weight": None, "compute_classification_metrics": None}
    job = ok(client.post("/fine-tunes", json={"training_file": training, **nulls}))
    assert job["model"] == "curie"
    assert (job["hyperparams"]["n_epochs"], job["hyperparams"]["prompt_loss_weight"]) == (4, 0.01)
    assert job["hyperparams"]["compute_classification_metrics"] is False


def test_fine_tune_cancel_and_file_checks(client: httpx.Client) -> None:
    training = ok(upload(client, jsonl()))["id"]
    job = ok(client.post("/fine-tunes", json={"training_file": training}))
    cancelled = ok(client.post(f"/fine-tunes/{job['id']}/cancel"))
    assert cancelled["status"] == "cancelled" and cancelled["events"][-1]["message"] == "Job cancelled."
    time.sleep(0.45)
    assert ok(client.get(f"/fine-tunes/{job['id']}"))["status"] == "cancelled"
    other = ok(upload(client, document(), purpose="search", name="s.txt"))["id"]
    error = error_of(client.post("/fine-tunes", json={"training_file": other}), 400)
    assert error["param"] == "training_file" and "purpose" in error["message"]
    assert error_of(client.post("/fine-tunes", json={"training_file": "file-nope"}), 400)["param"] == "training_file"
    error = error_of(client.get(f"/fine-tunes/{job['id']}/events", params={"stream": "yes"}), 400)
    assert error["param"] == "stream"
