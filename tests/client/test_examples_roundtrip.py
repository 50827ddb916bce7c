"""Every example in the spec survives its generated model: `Model.from_dict(example).to_dict() == example`.

The spec is walked generically (paths -> responses -> content -> examples, plus JSON request bodies), so a new
example is covered as soon as it is written. Examples shared through components/responses are checked once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from _operation_support import operations, resolve

import openai_client.models

MODELS: dict[str, Any] = {name: getattr(openai_client.models, name) for name in openai_client.models.__all__}
# Media types whose examples are raw text or bytes, not JSON documents a model could hold.
RAW_MEDIA_TYPES = ("text/plain", "application/octet-stream", "multipart/form-data")


@dataclass(frozen=True)
class Example:
    where: str  # operationId and status, or the shared component the example lives in
    media_type: str
    name: str
    schema: dict[str, Any]
    value: Any

    @property
    def id(self) -> str:
        return f"{self.where} {self.media_type} {self.name}"

    @property
    def success(self) -> bool:
        return self.where.split(" ")[-1].startswith("2")


def _examples_of(where: str, content: dict[str, Any]) -> list[Example]:
    return [
        Example(where, media_type, name, media.get("schema", {}), resolve(entry)["value"])
        for media_type, media in content.items()
        for name, entry in media.get("examples", {}).items()
    ]


def collect() -> list[Example]:
    found: dict[str, Example] = {}
    for operation in operations().values():
        body = resolve(operation.spec.get("requestBody", {}))
        for item in _examples_of(f"{operation.operation_id} request", body.get("content", {})):
            found[item.id] = item
        for status, answer in operation.spec["responses"].items():
            # A shared response is named by its component, so its examples count once, not once per operation.
            ref = answer.get("$ref", "")
            where = f"{ref.rsplit('/', 1)[-1]} {status}" if ref else f"{operation.operation_id} {status}"
            for item in _examples_of(where, resolve(answer).get("content", {})):
                found[item.id] = item
    return sorted(found.values(), key=lambda item: item.id)


EXAMPLES = collect()
JSON_EXAMPLES = [item for item in EXAMPLES if item.media_type == "application/json"]
STREAM_EXAMPLES = [item for item in EXAMPLES if item.media_type == "text/event-stream"]


def model_for(schema: dict[str, Any]) -> Any | None:
    ref = schema.get("$ref", "")
    return MODELS.get(ref.rsplit("/", 1)[-1]) if ref.startswith("#/components/schemas/") else None


def assert_round_trip(model: Any, value: Any) -> None:
    again = model.from_dict(value).to_dict()
    assert again == value
    # `==` takes 1 for 1.0 and True for 1; the JSON text does not.
    assert json.dumps(again, sort_keys=True) == json.dumps(value, sort_keys=True)


def test_the_spec_has_examples_of_every_kind() -> None:
    assert len(JSON_EXAMPLES) > 0
    success = [item for item in JSON_EXAMPLES if item.success]
    errors = [item for item in JSON_EXAMPLES if item.where.split(" ")[-1][0] in "45"]
    requests = [item for item in JSON_EXAMPLES if item.where.endswith(" request")]
    # Every operation answering JSON shows at least one success example.
    assert {item.where.split(" ")[0] for item in success} >= {
        operation_id
        for operation_id, operation in operations().items()
        if "application/json" in operation.spec["responses"]["200"].get("content", {})
    }
    assert len(errors) >= 9 and len(requests) > 0 and len(STREAM_EXAMPLES) > 0


def test_every_json_example_maps_to_a_generated_model() -> None:
    unmapped = [item.id for item in JSON_EXAMPLES if model_for(item.schema) is None]
    assert unmapped == []


@pytest.mark.parametrize("item", JSON_EXAMPLES, ids=[item.id for item in JSON_EXAMPLES])
def test_json_example_round_trips(item: Example) -> None:
    model = model_for(item.schema)
    assert model is not None, f"{item.schema} names no generated model"
    assert_round_trip(model, item.value)


def test_error_examples_parse_into_error_response() -> None:
    errors = [item for item in JSON_EXAMPLES if item.where.split(" ")[-1][0] in "45"]
    assert {model_for(item.schema) for item in errors} == {MODELS["ErrorResponse"]}


def _chunk_model(schema: dict[str, Any]) -> Any:
    # A stream event's `data` is "[DONE]" or a JSON string whose contentSchema names the chunk model.
    variants = resolve(schema)["properties"]["data"]["anyOf"]
    refs = [variant["contentSchema"] for variant in variants if "contentSchema" in variant]
    assert len(refs) == 1
    return model_for(refs[0])


STREAM_EVENT_PARAMS = [pytest.param(item, id=item.id) for item in STREAM_EXAMPLES]
CHUNK_EXAMPLES = [item for item in STREAM_EXAMPLES if item.value["data"] != "[DONE]"]


@pytest.mark.parametrize("item", STREAM_EVENT_PARAMS)
def test_stream_event_example_round_trips(item: Example) -> None:
    event_model = model_for(item.schema)
    assert event_model is not None
    assert_round_trip(event_model, item.value)


@pytest.mark.parametrize("item", CHUNK_EXAMPLES, ids=[item.id for item in CHUNK_EXAMPLES])
def test_stream_event_data_round_trips_through_its_chunk_model(item: Example) -> None:
    chunk_model = _chunk_model(item.schema)
    assert chunk_model is not None
    assert_round_trip(chunk_model, json.loads(item.value["data"]))


def test_raw_examples_are_text() -> None:
    raw = [item for item in EXAMPLES if item.media_type in RAW_MEDIA_TYPES and not item.where.endswith(" request")]
    assert raw, "the spec shows text and binary answers"
    assert all(isinstance(item.value, str) for item in raw)


def test_no_example_uses_an_unexpected_media_type() -> None:
    known = {"application/json", "text/event-stream", *RAW_MEDIA_TYPES}
    assert {item.media_type for item in EXAMPLES} <= known
