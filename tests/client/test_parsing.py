"""Forward-compatible parsing: values newer than the spec are kept, what cannot be parsed names its JSON path.

The payloads start from the spec's own examples, so they change with the spec; each test bends one value.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from _operation_support import Recorder, example
from _operation_support import make_client as generated_client
from overlay_support import RecordingStream, chat_chunk, make_client, sse_bytes, sse_response

from openai_client._parsing import parse_model, request_from_mapping
from openai_client.api.fine_tunes import retrieve_fine_tune
from openai_client.exceptions import (
    APIResponseValidationError,
    ConfigurationError,
    MalformedStreamEventError,
    OpenAIError,
    StreamError,
)
from openai_client.models import (
    CreateChatCompletionRequest,
    CreateChatCompletionResponse,
    FineTune,
    ListFineTunesResponse,
)
from openai_client.models.chat_completion_role import CHAT_COMPLETION_ROLE_VALUES
from openai_client.models.fine_tune_status import FINE_TUNE_STATUS_VALUES
from openai_client.streaming import stream_chat_completion
from openai_client.types import ParseError, enums_are_strict, strict_enums
from openai_client.uploads import upload_file

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "openapi.yaml"
CHAT = example("createChatCompletion")
FINE_TUNE = example("retrieveFineTune")
CHAT_BODY: dict[str, Any] = {"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "Hi"}]}


def chat(**message: Any) -> dict[str, Any]:
    """The spec's chat completion example with its first message's fields replaced (None deletes one)."""
    payload = copy.deepcopy(CHAT)
    target = payload["choices"][0]["message"]
    for key, value in message.items():
        if value is None:
            del target[key]
        else:
            target[key] = value
    return payload


def validation_error(model: Any, payload: object, *, strict: bool = False) -> APIResponseValidationError:
    with pytest.raises(APIResponseValidationError) as info:
        parse_model(model, payload, strict=strict)
    return info.value


# --- values newer than the spec ----------------------------------------------------------------------------------


def test_an_unknown_message_role_is_kept_as_received() -> None:
    assert "function" not in CHAT_COMPLETION_ROLE_VALUES
    parsed = parse_model(CreateChatCompletionResponse, chat(role="function"))
    assert parsed.choices[0].message.role == "function"


def test_an_unknown_finish_reason_is_kept_as_received() -> None:
    payload = copy.deepcopy(CHAT)
    payload["choices"][0]["finish_reason"] = "content_filter"
    assert parse_model(CreateChatCompletionResponse, payload).choices[0].finish_reason == "content_filter"


def test_an_unknown_fine_tune_status_is_kept_through_the_generated_function_too() -> None:
    assert "queued" not in FINE_TUNE_STATUS_VALUES
    answer = {**FINE_TUNE, "status": "queued"}
    job = retrieve_fine_tune.sync(FINE_TUNE["id"], client=generated_client(Recorder(json=answer)))
    assert isinstance(job, FineTune) and job.status == "queued"


def test_an_unknown_field_is_kept_in_additional_properties() -> None:
    parsed = parse_model(CreateChatCompletionResponse, chat(function_call={"name": "f", "arguments": "{}"}))
    assert parsed.choices[0].message["function_call"] == {"name": "f", "arguments": "{}"}


def test_strict_refuses_an_unknown_enum_value_with_its_path() -> None:
    error = validation_error(CreateChatCompletionResponse, chat(role="function"), strict=True)
    assert error.path == "/choices/0/message/role"
    assert "'function'" in error.message and "CreateChatCompletionResponse" in error.message
    assert isinstance(error, OpenAIError)


def test_strict_refuses_an_unknown_value_of_a_nullable_enum() -> None:
    payload = copy.deepcopy(CHAT)
    payload["choices"][0]["finish_reason"] = "tool_calls"  # a value the 2023 spec does not list yet
    assert validation_error(CreateChatCompletionResponse, payload, strict=True).path == "/choices/0/finish_reason"
    payload["choices"][0]["finish_reason"] = None
    assert parse_model(CreateChatCompletionResponse, payload, strict=True).choices[0].finish_reason is None


def test_strict_accepts_every_listed_value_and_ends_with_the_call() -> None:
    assert parse_model(CreateChatCompletionResponse, CHAT, strict=True).choices[0].message.role == "assistant"
    validation_error(FineTune, {**FINE_TUNE, "status": "queued"}, strict=True)
    # Neither a success nor a failure leaves strictness switched on for the next parse.
    assert not enums_are_strict()
    assert parse_model(FineTune, {**FINE_TUNE, "status": "queued"}).status == "queued"


def test_strict_enums_switch_applies_to_from_dict_directly() -> None:
    with strict_enums(), pytest.raises(ParseError) as info:
        FineTune.from_dict({**FINE_TUNE, "status": "queued"})
    assert info.value.path == ["status"] and info.value.pointer == "/status"
    assert FineTune.from_dict({**FINE_TUNE, "status": "queued"}).status == "queued"


# --- what cannot be parsed -------------------------------------------------------------------------------------


def test_a_missing_required_field_names_its_path() -> None:
    error = validation_error(CreateChatCompletionResponse, chat(role=None))
    assert error.path == "/choices/0/message/role"
    assert "missing required field" in error.message
    assert isinstance(error.__cause__, ParseError)


def test_a_missing_top_level_field() -> None:
    payload = {key: value for key, value in CHAT.items() if key != "choices"}
    assert validation_error(CreateChatCompletionResponse, payload).path == "/choices"


@pytest.mark.parametrize(
    ("bend", "path", "reason"),
    [
        (lambda p: p["choices"][0].update(index="0"), "/choices/0/index", "expected an integer, got a string"),
        (lambda p: p["choices"][0].update(index=True), "/choices/0/index", "expected an integer, got a boolean"),
        (lambda p: p["choices"][0]["message"].update(role=7), "/choices/0/message/role", "Unexpected value 7"),
        (lambda p: p.update(choices={"0": {}}), "/choices", "expected an array, got an object"),
        (lambda p: p["choices"].__setitem__(0, "ab"), "/choices/0", "expected an object, got a string"),
        (lambda p: p["choices"][0].update(message=None), "/choices/0/message", "expected an object, got null"),
        (lambda p: p["usage"].update(total_tokens=1.5), "/usage/total_tokens", "expected an integer, got a number"),
        (lambda p: p.update(model=None), "/model", "expected a string, got null"),
    ],
    ids=[
        "str-for-int",
        "bool-for-int",
        "int-for-enum",
        "object-for-array",
        "str-for-object",
        "null-object",
        "float-for-int",
        "null-string",
    ],
)
def test_a_wrong_type_names_its_path(bend: Any, path: str, reason: str) -> None:
    payload = copy.deepcopy(CHAT)
    bend(payload)
    error = validation_error(CreateChatCompletionResponse, payload)
    assert (error.path, reason in error.message) == (path, True), error.message


def test_a_number_field_takes_an_integer() -> None:
    job = parse_model(
        FineTune, {**FINE_TUNE, "hyperparams": {**FINE_TUNE["hyperparams"], "learning_rate_multiplier": 1}}
    )
    assert job.hyperparams.learning_rate_multiplier == 1


def test_nested_list_paths_count_every_level() -> None:
    second = {**FINE_TUNE, "training_files": [*FINE_TUNE["training_files"], {"id": "file-x"}]}
    listing = {"object": "list", "data": [FINE_TUNE, second]}
    error = validation_error(ListFineTunesResponse, listing)
    assert error.path.startswith(f"/data/1/training_files/{len(FINE_TUNE['training_files'])}/")
    assert "missing required field" in error.message


def test_a_payload_that_is_not_an_object() -> None:
    assert validation_error(CreateChatCompletionResponse, ["ab", "cd"]).path == ""
    # A generated from_dict refuses it too, even though dict(["ab", "cd"]) would make an object of it.
    with pytest.raises(ParseError, match="expected an object, got an array"):
        CreateChatCompletionResponse.from_dict(["ab", "cd"])  # type: ignore[arg-type]


def test_json_pointer_escapes_slash_and_tilde() -> None:
    assert ParseError("x", ["a/b", "c~d", 0]).pointer == "/a~1b/c~0d/0"


# --- overlays parse through parse_model ----------------------------------------------------------------------------


def test_overlay_answers_that_do_not_parse_raise_validation_errors() -> None:
    def answer(body: bytes) -> Any:
        return make_client(
            lambda request: httpx.Response(200, content=body, headers={"content-type": "application/json"})
        )

    with pytest.raises(APIResponseValidationError, match="not JSON"):
        upload_file(answer(b"<html>"), b"{}", "fine-tune", filename="a.jsonl")
    with pytest.raises(APIResponseValidationError) as info:
        upload_file(answer(b'{"id": "file-1"}'), b"{}", "fine-tune", filename="a.jsonl")
    assert info.value.path == "/object"


def _stream_of(*chunks: object, strict: bool = False) -> list[Any]:
    client = make_client(lambda request: sse_response(RecordingStream([sse_bytes(*chunks)])))
    return list(stream_chat_completion(client, CHAT_BODY, strict=strict))


def test_a_stream_keeps_unknown_values_unless_strict() -> None:
    chunk = chat_chunk(finish="tool_calls")
    assert [c.choices[0].finish_reason for c in _stream_of(chunk)] == ["tool_calls"]
    with pytest.raises(MalformedStreamEventError) as info:
        _stream_of(chunk, strict=True)
    assert info.value.path == "/choices/0/finish_reason"


def test_a_malformed_chunk_is_a_stream_error_and_a_validation_error() -> None:
    chunk = chat_chunk("Hi")
    del chunk["choices"][0]["index"]
    with pytest.raises(MalformedStreamEventError) as info:
        _stream_of(chunk)
    assert isinstance(info.value, StreamError) and isinstance(info.value, APIResponseValidationError)
    assert info.value.path == "/choices/0/index" and "malformed chunk" in str(info.value)


# --- request dicts from callers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({**CHAT_BODY, "temprature": 0.5}, "has no field 'temprature'"),
        ({**CHAT_BODY, "messages": [{"role": "user", "content": "Hi", "nmae": "x"}]}, "'messages[0].nmae'"),
        ({**CHAT_BODY, "messages": [{"role": "bogus", "content": "Hi"}]}, "'messages[0].role'"),
        ({**CHAT_BODY, "temperature": "hot"}, "'temperature': expected a number or null, got a string"),
        ({"model": "gpt-3.5-turbo"}, "missing required field 'messages'"),
    ],
    ids=["misspelled", "nested-unknown", "unknown-enum", "wrong-type", "missing"],
)
def test_a_request_dict_is_refused_naming_the_key(body: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        request_from_mapping(CreateChatCompletionRequest, body)
    assert message in str(info.value)


def test_a_misspelled_key_in_a_stream_body_is_refused_before_sending() -> None:
    sent: list[httpx.Request] = []
    client = make_client(lambda request: sent.append(request) or sse_response(RecordingStream([sse_bytes()])))
    with pytest.raises(ConfigurationError, match="max_token"):
        stream_chat_completion(client, {**CHAT_BODY, "max_token": 5})
    assert sent == []


def test_a_request_dict_may_hold_tuples_and_keeps_every_value() -> None:
    body = {**CHAT_BODY, "messages": ({"role": "user", "content": "Hi"},), "stop": ("\n",), "max_tokens": None}
    built = request_from_mapping(CreateChatCompletionRequest, body)
    assert built.to_dict() == {**body, "messages": [{"role": "user", "content": "Hi"}], "stop": ["\n"]}


def test_event_data_that_is_not_an_object_is_a_malformed_event() -> None:
    with pytest.raises(MalformedStreamEventError, match="expected a JSON object, got list"):
        _stream_of([1, 2])


def test_an_enum_the_spec_declares_open_keeps_new_values_even_when_strict(tmp_path: Path) -> None:
    # `anyOf: [enum, string]` is how a spec says "these values and others"; the templates honour it.
    document = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    document["components"]["schemas"]["FineTune"]["properties"]["status"] = {
        "anyOf": [{"$ref": "#/components/schemas/FineTuneStatus"}, {"type": "string"}]
    }
    edited = tmp_path / "openapi.yaml"
    edited.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    out = tmp_path / "generated"
    generate = subprocess.run(
        [str(ROOT / "scripts" / "generate"), "--spec", str(edited), "--output", str(out)],
        capture_output=True,
        text=True,
        check=False,
        env=dict(os.environ, PYTHON=sys.executable),
    )
    assert generate.returncode == 0, generate.stdout[-3000:] + generate.stderr[-3000:]
    code = f"""
import json
from openai_client.models.fine_tune import FineTune
from openai_client.types import strict_enums
payload = json.loads({json.dumps(json.dumps({**FINE_TUNE, "status": "queued"}))})
with strict_enums():
    job = FineTune.from_dict(payload)
print(json.dumps([job.status, FineTune.__annotations__["status"]]))
"""
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env=dict(os.environ, PYTHONPATH=str(out)),
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == ["queued", "FineTuneStatus | str"]


def test_a_closed_request_schema_refuses_in_from_dict_what_an_open_answer_keeps() -> None:
    # Request schemas say additionalProperties: false; their from_dict is strict without being asked.
    with pytest.raises(ParseError) as unknown_key:
        CreateChatCompletionRequest.from_dict(
            {**CHAT_BODY, "messages": [{"role": "user", "content": "x", "nmae": "a"}]}
        )
    assert unknown_key.value.pointer == "/messages/0/nmae" and unknown_key.value.reason == "unknown field"
    with pytest.raises(ParseError, match="'function'") as unknown_value:
        CreateChatCompletionRequest.from_dict({**CHAT_BODY, "messages": [{"role": "function", "content": "x"}]})
    assert unknown_value.value.pointer == "/messages/0/role"
    assert not enums_are_strict()
    assert CreateChatCompletionResponse.from_dict(chat(role="function", name="f")).choices[0].message["name"] == "f"
