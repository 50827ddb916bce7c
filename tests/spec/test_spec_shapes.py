"""Shapes the generators and the mock rely on: closed requests, named schemas, errors, streams, media types."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

ERROR_STATUSES = {
    "400": "BadRequest",
    "401": "Unauthorized",
    "404": "NotFound",
    "409": "Conflict",
    "413": "PayloadTooLarge",
    "429": "RateLimited",
    "500": "ServerError",
    "503": "ServiceUnavailable",
}
OBJECT_CONSTANTS = {
    "ListModelsResponse": "list",
    "Model": "model",
    "DeleteModelResponse": "model",
    "CreateCompletionResponse": "text_completion",
    "CompletionChunk": "text_completion",
    "CreateChatCompletionResponse": "chat.completion",
    "ChatCompletionChunk": "chat.completion.chunk",
    "CreateEditResponse": "edit",
    "CreateEmbeddingResponse": "list",
    "Embedding": "embedding",
    "OpenAIFile": "file",
    "ListFilesResponse": "list",
    "DeleteFileResponse": "file",
    "FineTune": "fine-tune",
    "FineTuneEvent": "fine-tune-event",
    "ListFineTunesResponse": "list",
    "ListFineTuneEventsResponse": "list",
    "Engine": "engine",
    "ListEnginesResponse": "list",
}
STREAMS = [
    ("/completions", "post", "CompletionStreamEvent", "CompletionChunk"),
    ("/chat/completions", "post", "ChatCompletionStreamEvent", "ChatCompletionChunk"),
    ("/fine-tunes/{fine_tune_id}/events", "get", "FineTuneEventStreamEvent", "FineTuneEvent"),
]


def operations(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for item in spec["paths"].values():
        for method, op in item.items():
            if method != "parameters":
                yield op


def ref(name: str, kind: str = "schemas") -> dict[str, str]:
    return {"$ref": f"#/components/{kind}/{name}"}


def walk(node: Any, pointer: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every mapping in the document with its pointer, skipping example data."""
    if isinstance(node, dict):
        yield pointer, node
        for key, value in node.items():
            if key not in ("example", "examples", "default", "const", "enum"):
                yield from walk(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from walk(item, f"{pointer}/{index}")


def test_every_operation_declares_the_error_responses(spec: dict[str, Any]) -> None:
    for op in operations(spec):
        for status, name in ERROR_STATUSES.items():
            response = op["responses"][status]
            if response != ref(name, "responses"):  # chat's 400 carries its own example
                assert response["content"]["application/json"]["schema"] == ref("ErrorResponse"), op["operationId"]


def test_error_body_shape(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    assert schemas["ErrorResponse"]["required"] == ["error"]
    error = schemas["Error"]
    assert error["required"] == ["message", "type", "param", "code"]
    assert error["properties"]["param"]["type"] == ["string", "null"]
    assert error["properties"]["code"]["type"] == ["string", "null"]
    responses = spec["components"]["responses"]
    for name in ERROR_STATUSES.values():
        assert responses[name]["content"]["application/json"]["schema"] == ref("ErrorResponse")
    for name in ("RateLimited", "ServiceUnavailable"):
        assert responses[name]["headers"]["Retry-After"] == ref("RetryAfter", "headers")


@pytest.mark.parametrize(("name", "constant"), sorted(OBJECT_CONSTANTS.items()))
def test_object_constants(spec: dict[str, Any], name: str, constant: str) -> None:
    schema = spec["components"]["schemas"][name]
    assert "object" in schema["required"]
    assert schema["properties"]["object"] == {"type": "string", "const": constant}


def test_response_objects_declare_required_fields(spec: dict[str, Any]) -> None:
    for name, schema in spec["components"]["schemas"].items():
        if schema.get("type") == "object" and "properties" in schema and not name.startswith("Create"):
            assert schema.get("required") or name in ("Image", "ChatCompletionDelta"), name


@pytest.mark.parametrize(("path", "method", "event", "chunk"), STREAMS)
def test_streams_describe_each_event(spec: dict[str, Any], path: str, method: str, event: str, chunk: str) -> None:
    content = spec["paths"][path][method]["responses"]["200"]["content"]
    assert set(content) == {"application/json", "text/event-stream"}
    assert content["text/event-stream"]["schema"] == ref(event)
    schema = spec["components"]["schemas"][event]
    assert schema["required"] == ["data"]
    assert set(schema["properties"]) == {"data", "event", "id", "retry"}
    assert schema["properties"]["data"]["anyOf"] == [
        ref("StreamDone"),
        {"type": "string", "contentMediaType": "application/json", "contentSchema": ref(chunk)},
    ]


def test_chat_chunks_carry_deltas(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    choice = schemas["ChatCompletionChunk"]["properties"]["choices"]["items"]
    assert choice == ref("ChatCompletionChunkChoice")
    assert schemas["ChatCompletionChunkChoice"]["properties"]["delta"] == ref("ChatCompletionDelta")
    assert "usage" not in schemas["CompletionChunk"]["properties"]


def test_request_bodies_are_closed(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    request_schemas = {
        media["schema"]["$ref"].rsplit("/", 1)[1]
        for op in operations(spec)
        for media in op.get("requestBody", {}).get("content", {}).values()
    }
    assert len(request_schemas) == 12
    for name in request_schemas | {"ChatCompletionRequestMessage"}:
        assert schemas[name]["additionalProperties"] is False, name


def test_multipart_files_are_binary_parts_with_an_encoding(spec: dict[str, Any]) -> None:
    multipart = [
        media
        for op in operations(spec)
        for media in op.get("requestBody", {}).get("content", {}).values()
        if "encoding" in media
    ]
    assert len(multipart) == 5
    for media in multipart:
        schema = spec["components"]["schemas"][media["schema"]["$ref"].rsplit("/", 1)[1]]
        binary = {name for name, prop in schema["properties"].items() if prop.get("format") == "binary"}
        assert binary and binary == set(media["encoding"])
        for name in binary:
            prop = schema["properties"][name]
            assert (prop["type"], prop["contentMediaType"]) == ("string", "application/octet-stream")


def test_audio_and_download_media_types(spec: dict[str, Any]) -> None:
    paths = spec["paths"]
    for path, name in (("/audio/transcriptions", "Transcription"), ("/audio/translations", "Translation")):
        content = paths[path]["post"]["responses"]["200"]["content"]
        assert content["application/json"]["schema"] == ref(f"Create{name}Response")
        assert content["text/plain"]["schema"] == {"type": "string"}
    download = paths["/files/{file_id}/content"]["get"]["responses"]["200"]["content"]
    assert list(download) == ["application/octet-stream"]
    assert download["application/octet-stream"]["schema"]["format"] == "binary"


def test_no_anonymous_objects(spec: dict[str, Any]) -> None:
    """Objects exist only as named component schemas, so generated classes get names from the spec."""
    named = {f"/components/schemas/{name}" for name in spec["components"]["schemas"]}
    anonymous = [
        pointer
        for pointer, node in walk(spec)
        if node.get("type") == "object" or (isinstance(node.get("type"), list) and "object" in node["type"])
    ]
    assert sorted(set(anonymous) - named) == []
    assert len(named & set(anonymous)) > 40


def test_nullable_references_use_any_of(spec: dict[str, Any]) -> None:
    for pointer, node in walk(spec):
        if "$ref" in node and len(node) > 1:
            assert set(node) <= {"$ref", "default", "description"}, pointer
        if "nullable" in node:
            pytest.fail(f"{pointer}: OpenAPI 3.0 `nullable` in a 3.1 document")
