"""What the API reference fixes about the spec's shapes: object constants, streams, error fields, media types.

The house rules that follow from no reference (shared error responses, named and closed objects,
3.1 nullability, multipart parts, event objects) are scripts/check's, tested in test_spec_checker.py.
"""

from __future__ import annotations

from typing import Any

import pytest

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


def ref(name: str, kind: str = "schemas") -> dict[str, str]:
    return {"$ref": f"#/components/{kind}/{name}"}


def test_error_body_shape(spec: dict[str, Any]) -> None:
    # The error object of the API reference; scripts/check makes every operation declare it.
    schemas = spec["components"]["schemas"]
    assert schemas["ErrorResponse"]["required"] == ["error"]
    error = schemas["Error"]
    assert error["required"] == ["message", "type", "param", "code"]
    assert error["properties"]["param"]["type"] == ["string", "null"]
    assert error["properties"]["code"]["type"] == ["string", "null"]


@pytest.mark.parametrize(("name", "constant"), sorted(OBJECT_CONSTANTS.items()))
def test_object_constants(spec: dict[str, Any], name: str, constant: str) -> None:
    schema = spec["components"]["schemas"][name]
    assert "object" in schema["required"]
    assert schema["properties"]["object"] == {"type": "string", "const": constant}


@pytest.mark.parametrize(("path", "method", "event", "chunk"), STREAMS)
def test_streams_describe_each_event(spec: dict[str, Any], path: str, method: str, event: str, chunk: str) -> None:
    content = spec["paths"][path][method]["responses"]["200"]["content"]
    assert set(content) == {"application/json", "text/event-stream"}
    assert content["text/event-stream"]["schema"] == ref(event)
    # The event object's shape is a house rule of scripts/check; which chunk it carries is the reference's.
    schema = spec["components"]["schemas"][event]
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


def test_audio_and_download_media_types(spec: dict[str, Any]) -> None:
    paths = spec["paths"]
    for path, name in (("/audio/transcriptions", "Transcription"), ("/audio/translations", "Translation")):
        content = paths[path]["post"]["responses"]["200"]["content"]
        assert content["application/json"]["schema"] == ref(f"Create{name}Response")
        assert content["text/plain"]["schema"] == {"type": "string"}
    download = paths["/files/{file_id}/content"]["get"]["responses"]["200"]["content"]
    assert list(download) == ["application/octet-stream"]
    assert download["application/octet-stream"]["schema"]["format"] == "binary"
