"""The flows the spec's links describe, walked step by step through the links themselves.

Each step is built from the previous response by the link's runtime expressions (so a wrong
pointer or parameter name in the spec fails here) and validated with every schemathesis check.
The random stateful phase (test_stateful) explores the same links without a script.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
from _links import follow
from _support import LifespanShield, load_schema, new_mock_app, record
from openai_conform.media import fine_tune_jsonl
from openai_conform.settings import API_KEY_VARIABLE
from schemathesis import Case, Response
from schemathesis.specs.openapi.checks import ignored_auth
from schemathesis.transport.serialization import Binary

TRAINING = fine_tune_jsonl(3)


@pytest.fixture
def schema() -> Iterator[Any]:
    shield = LifespanShield(new_mock_app())
    yield load_schema(shield)
    shield.app.state.services.close()


def call(case: Case[Any], status: int) -> Response:
    # Hand-built cases carry the key as a plain header, which ignored_auth would take for a generated
    # one; the generated cases of test_property_operations exercise that check.
    headers = {"Authorization": f"Bearer {os.environ[API_KEY_VARIABLE]}"}
    response = case.call_and_validate(headers=headers, excluded_checks=[ignored_auth])
    record(case, response)
    assert response.status_code == status, (case.operation.label, response.status_code, response.content[:300])
    return response


def body(response: Response) -> Any:
    return json.loads(response.content)


def upload(schema: Any) -> tuple[Case[Any], Response]:
    case = schema.find_operation_by_id("createFile").Case(
        body={"purpose": "fine-tune", "file": Binary(TRAINING)},
        media_type="multipart/form-data",
    )
    return case, call(case, 200)


def test_file_flow_ends_in_404_after_delete(schema: Any) -> None:
    created, created_response = upload(schema)
    file_id = body(created_response)["id"]

    retrieve = follow(schema, created, created_response, "RetrieveFile")
    assert retrieve.path_parameters == {"file_id": file_id}
    # Links leave the optional OpenAI-Organization header alone: a run without it still follows them.
    assert not retrieve.headers
    retrieved = call(retrieve, 200)
    assert body(retrieved)["bytes"] == len(TRAINING)

    downloaded = call(follow(schema, retrieve, retrieved, "DownloadFile"), 200)
    assert downloaded.content == TRAINING

    delete = follow(schema, retrieve, retrieved, "DeleteFile")
    deleted = call(delete, 200)
    assert body(deleted) == {"id": file_id, "object": "file", "deleted": True}

    gone = call(follow(schema, delete, deleted, "RetrieveDeletedFile"), 404)
    assert body(gone)["error"]["param"] == "file_id" or "file" in body(gone)["error"]["message"].lower()
    call(follow(schema, delete, deleted, "DownloadDeletedFile"), 404)


def test_fine_tune_flow_lists_events_then_cancels(schema: Any) -> None:
    created, created_response = upload(schema)
    create_job = follow(schema, created, created_response, "CreateFineTune")
    assert create_job.body == {"training_file": body(created_response)["id"]}
    job_response = call(create_job, 200)
    job = body(job_response)
    assert job["status"] == "pending"

    events_case = follow(schema, create_job, job_response, "ListFineTuneEvents")
    events = call(events_case, 200)
    assert [event["object"] for event in body(events)["data"]] == ["fine-tune-event"] * len(body(events)["data"])

    cancelled = call(follow(schema, events_case, events, "CancelFineTune"), 200)
    assert body(cancelled)["status"] == "cancelled"
    assert body(cancelled)["id"] == job["id"]


def test_a_listed_training_file_trains_a_job(schema: Any) -> None:
    _, uploaded = upload(schema)
    listing = schema.find_operation_by_id("listFiles").Case()
    listed = call(listing, 200)
    assert body(listed)["data"][0]["id"] == body(uploaded)["id"]

    create_job = follow(schema, listing, listed, "TrainOnListedFile")
    assert create_job.body == {"training_file": body(uploaded)["id"]}
    job = body(call(create_job, 200))
    assert [file["id"] for file in job["training_files"]] == [body(uploaded)["id"]]


def test_fine_tuned_model_can_be_retrieved_then_deleted(schema: Any) -> None:
    created, created_response = upload(schema)
    create_job = follow(schema, created, created_response, "CreateFineTune")
    job_response = call(create_job, 200)
    # The mock's clock moves on every read, so polling drives the job to its end.
    retrieve = follow(schema, create_job, job_response, "RetrieveFineTune")
    for _ in range(200):
        retrieved = call(retrieve, 200)
        if body(retrieved)["status"] == "succeeded":
            break
    else:
        pytest.fail("the fine-tune never succeeded")
    model_name = body(retrieved)["fine_tuned_model"]
    assert isinstance(model_name, str)

    model_case = follow(schema, retrieve, retrieved, "RetrieveFineTunedModel")
    model = call(model_case, 200)
    assert body(model)["id"] == model_name

    delete = follow(schema, model_case, model, "DeleteModel")
    deleted = call(delete, 200)
    assert body(deleted) == {"id": model_name, "object": "model", "deleted": True}
    call(follow(schema, delete, deleted, "RetrieveDeletedModel"), 404)
