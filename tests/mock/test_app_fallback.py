"""Operations of the spec without a hand-written handler are still served, from the spec itself."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from mock_app_support import mock_client

from openai_mock.config import MockConfig
from openai_mock.http.services import Services
from openai_mock.routes.fallback import SOURCE_HEADER, fallback_operations, sample_from_schema
from openai_mock.spec import SpecDocument, default_spec_path

_ERRORS = {"400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}}


def _spec_with_new_operations(tmp_path: Path) -> Path:
    document: dict[str, Any] = yaml.safe_load(default_spec_path().read_text(encoding="utf-8"))
    document["components"]["schemas"]["FileStatus"] = {
        "type": "object",
        "required": ["id", "object", "status", "bytes_processed"],
        "properties": {
            "id": {"type": "string"},
            "object": {"const": "file.status"},
            "status": {"type": "string", "enum": ["uploaded", "processed"]},
            "bytes_processed": {"type": "integer", "minimum": 0},
            "note": {"type": ["string", "null"]},
        },
    }
    document["paths"]["/files/{file_id}/status"] = {
        "get": {
            "operationId": "retrieveFileStatus",
            "tags": ["Files"],
            "parameters": [
                {"name": "file_id", "in": "path", "required": True, "schema": {"type": "string"}},
                {"name": "verbose", "in": "query", "schema": {"type": "boolean"}},
            ],
            "responses": {
                "200": {
                    "description": "The file's status.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FileStatus"}}},
                },
                **_ERRORS,
            },
        }
    }
    document["paths"]["/files/{file_id}/labels"] = {
        "post": {
            "operationId": "labelFile",
            "tags": ["Files"],
            "parameters": [{"name": "file_id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["label"],
                            "properties": {"label": {"type": "string", "minLength": 1}},
                        }
                    }
                },
            },
            "responses": {
                "200": {
                    "description": "The labelled file.",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/FileStatus"},
                            "example": {
                                "id": "file-1",
                                "object": "file.status",
                                "status": "processed",
                                "bytes_processed": 7,
                            },
                        }
                    },
                },
                **_ERRORS,
            },
        }
    }
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def new_spec(tmp_path: Path) -> Path:
    return _spec_with_new_operations(tmp_path)


def test_the_shipped_spec_needs_no_fallback() -> None:
    # Every operation of the spec has a hand-written handler today; the fallback is for what comes next.
    services = Services(MockConfig())
    try:
        from openai_mock.app import create_app

        app = create_app(MockConfig())
        handled = {(m, r.path) for r in app.routes for m in (getattr(r, "methods", None) or ()) if m != "HEAD"}
        assert fallback_operations(services, handled) == []
        app.state.services.close()
    finally:
        services.close()


def test_a_new_operation_without_example_is_answered_from_its_schema(new_spec: Path) -> None:
    with mock_client(MockConfig(spec_path=new_spec)) as (client, _):
        response = client.get("/files/file-abc/status", params={"verbose": "true"})
    assert response.status_code == 200
    assert response.headers[SOURCE_HEADER] == "spec-schema"
    body = response.json()
    schema = SpecDocument(new_spec).validator("FileStatus")
    assert list(schema.iter_errors(body)) == []
    assert body["object"] == "file.status"
    assert body["status"] == "uploaded"


def test_a_new_operation_with_an_example_answers_the_example(new_spec: Path) -> None:
    with mock_client(MockConfig(spec_path=new_spec)) as (client, _):
        response = client.post("/files/file-abc/labels", json={"label": "train"})
    assert response.status_code == 200
    assert response.headers[SOURCE_HEADER] == "spec-example"
    assert response.json() == {"id": "file-1", "object": "file.status", "status": "processed", "bytes_processed": 7}


@pytest.mark.parametrize(
    ("request_body", "param", "wording"),
    [
        ({}, "label", "'label' is a required property"),
        ({"label": ""}, "label", "should be non-empty"),
        ({"label": "a", "colour": "red"}, "colour", "Unrecognized request argument supplied: colour"),
    ],
)
def test_a_new_operation_validates_its_body(new_spec: Path, request_body: object, param: str, wording: str) -> None:
    with mock_client(MockConfig(spec_path=new_spec)) as (client, _):
        response = client.post("/files/file-abc/labels", json=request_body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["param"] == param
    assert wording in error["message"]


def test_a_new_operation_validates_its_parameters_and_json(new_spec: Path) -> None:
    with mock_client(MockConfig(spec_path=new_spec)) as (client, _):
        bad_query = client.get("/files/file-abc/status", params={"verbose": "maybe"})
        bad_json = client.post(
            "/files/file-abc/labels", content=b"{not json", headers={"content-type": "application/json"}
        )
        no_key = client.get("/files/file-abc/status", headers={"Authorization": ""})
    assert bad_query.status_code == 400
    assert bad_query.json()["error"]["param"] == "verbose"
    assert bad_json.status_code == 400
    assert "could not parse the JSON body" in bad_json.json()["error"]["message"]
    assert no_key.status_code == 401


def test_the_operations_served_from_the_spec_are_listed_at_startup(
    new_spec: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="openai_mock"), mock_client(MockConfig(spec_path=new_spec)):
        pass
    listed = [r.getMessage() for r in caplog.records if "served from the spec" in r.getMessage()]
    assert len(listed) == 1
    assert "GET /v1/files/{file_id}/status" in listed[0]
    assert "POST /v1/files/{file_id}/labels" in listed[0]


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "integer", "minimum": 3},
        {"type": "number", "exclusiveMinimum": 0},
        {"type": "string", "minLength": 10},
        {"type": "array", "items": {"type": "string"}, "minItems": 2},
        {"anyOf": [{"type": "null"}, {"type": "boolean"}]},
        {"allOf": [{"type": "object", "properties": {"a": {"const": 1}}}, {"properties": {"b": {"enum": ["x"]}}}]},
    ],
)
def test_samples_are_valid_for_their_schema(schema: dict[str, Any]) -> None:
    spec = SpecDocument(default_spec_path())
    value = sample_from_schema(spec, schema)
    assert list(Draft202012Validator(schema).iter_errors(value)) == []
    assert sample_from_schema(spec, schema) == value  # deterministic


def test_every_response_schema_of_the_spec_samples_valid() -> None:
    spec = SpecDocument(default_spec_path())
    for name in spec.schemas:
        value = sample_from_schema(spec, spec.schemas[name])
        errors = [e.message for e in spec.validator(name).iter_errors(value)]
        assert errors == [], name
