"""Every generated endpoint, called sync and async through an in-process transport: the request on the wire
(method, path, query, body, auth headers) and the typed result, one table row per call (_operation_cases)."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import warnings
from typing import Any

import pytest
from _operation_cases import AUDIO, CASES, Case, upload
from _operation_support import (
    BASE_URL,
    Recorder,
    endpoint_module,
    example,
    make_client,
    operations,
    parse_multipart,
    resolve,
)

from openai_client import AuthenticatedClient, errors
from openai_client.api.audio import create_transcription
from openai_client.api.chat import create_chat_completion
from openai_client.api.files import download_file
from openai_client.api.models import list_models
from openai_client.exceptions import OpenAIError
from openai_client.models import (
    AudioResponseFormat,
    ChatCompletionRequestMessage,
    CreateChatCompletionRequest,
    CreateTranscriptionRequest,
    ErrorResponse,
)
from openai_client.types import ParseError, Response

OPERATIONS = operations()
CASE_BY_ID = {case.id: case for case in CASES}


def _deprecation_expected(operation_id: str) -> contextlib.AbstractContextManager[Any]:
    # The generator turns `deprecated: true` into a DeprecationWarning; every other call must stay silent
    # (pytest runs with filterwarnings=error, so a stray warning fails the test).
    if OPERATIONS[operation_id].deprecated:
        return pytest.warns(DeprecationWarning, match="is deprecated by the API")
    return contextlib.nullcontext()


def call(case: Case, client: AuthenticatedClient, mode: str) -> Response[Any]:
    module = endpoint_module(case.operation_id)
    with _deprecation_expected(case.operation_id):
        if mode == "sync":
            with client:
                return module.sync_detailed(*case.args, client=client, **case.kwargs())  # type: ignore[no-any-return]

        async def run() -> Response[Any]:
            async with client:
                return await module.asyncio_detailed(*case.args, client=client, **case.kwargs())  # type: ignore[no-any-return]

        return asyncio.run(run())


def test_the_table_calls_every_operation_of_the_spec() -> None:
    # A new operation in the spec fails here until it has a row.
    assert {case.operation_id for case in CASES} == set(OPERATIONS)
    assert len(CASE_BY_ID) == len(CASES), "case ids must be unique"


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_each_row_agrees_with_the_spec(case: Case) -> None:
    operation = OPERATIONS[case.operation_id]
    method, path = case.request.split(" ", 1)
    assert method == operation.method
    template = "/v1" + operation.path
    for name, value in zip(_path_parameter_names(operation.path), case.args, strict=True):
        template = template.replace("{" + name + "}", value)
    assert path == template
    has_json = "application/json" in operation.spec.get("requestBody", {}).get("content", {})
    has_multipart = "multipart/form-data" in operation.spec.get("requestBody", {}).get("content", {})
    assert (case.json is not None, case.multipart is not None) == (has_json, has_multipart)


def _path_parameter_names(path: str) -> list[str]:
    return [segment[1:-1] for segment in path.split("/") if segment.startswith("{")]


@pytest.mark.parametrize("mode", ["sync", "asyncio"])
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_operation_sends_the_request_and_parses_the_answer(case: Case, mode: str) -> None:
    recorder = case.recorder()
    response = call(case, make_client(recorder), mode)

    request = recorder.only
    method, path = case.request.split(" ", 1)
    assert request.method == method
    assert request.url.host == "api.example.test"
    assert request.url.path == path
    assert dict(request.url.params) == case.query
    assert len(request.url.params.multi_items()) == len(case.query)
    assert request.headers["authorization"] == "Bearer sk-test"
    assert request.headers["openai-organization"] == "org-test"
    if case.json is not None:
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == case.json
    elif case.multipart is not None:
        assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
        assert parse_multipart(request) == case.multipart
    else:
        assert request.content == b""
        assert "content-type" not in request.headers

    assert response.status_code == 200
    parsed: Any = response.parsed
    assert type(parsed) is case.returns
    if recorder.json is not None:
        assert parsed.to_dict() == recorder.json
    assert case.probe(parsed) == case.expected


def test_path_parameters_are_percent_encoded_into_one_segment() -> None:
    # An id with "/" or "?" must not reach another route or start a query string.
    recorder = Recorder(json=example("retrieveFile"))
    module = endpoint_module("retrieveFile")
    module.sync_detailed("file-a/../b?x=1", client=make_client(recorder))
    assert recorder.only.url.raw_path == b"/v1/files/file-a%2F..%2Fb%3Fx%3D1"
    assert recorder.only.url.params.multi_items() == []


def test_another_organization_is_a_client_with_its_header() -> None:
    # The header belongs to the client (decision 38): no operation takes it, `with_headers` switches it.
    recorder = Recorder(json=example("listModels"))
    list_models.sync_detailed(client=make_client(recorder).with_headers({"OpenAI-Organization": "org-other"}))
    assert recorder.only.headers.get_list("openai-organization") == ["org-other"]
    assert "open_ai_organization" not in inspect.signature(list_models.sync_detailed).parameters


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_only_deprecated_operations_warn(operation_id: str) -> None:
    case = next(case for case in CASES if case.operation_id == operation_id)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        endpoint_module(operation_id).sync_detailed(*case.args, client=make_client(case.recorder()), **case.kwargs())
    messages = [str(w.message) for w in seen if issubclass(w.category, DeprecationWarning)]
    if OPERATIONS[operation_id].deprecated:
        assert len(messages) == 1
        assert OPERATIONS[operation_id].path in messages[0]
    else:
        assert messages == []


# --- error answers -------------------------------------------------------------------------------------------

ERROR_ROWS = [
    ("createChatCompletion", "400"),
    ("listModels", "401"),
    ("retrieveModel", "404"),
    ("createCompletion", "429"),
    ("downloadFile", "500"),
    ("createFile", "413"),
    ("cancelFineTune", "409"),
]


@pytest.mark.parametrize("mode", ["sync", "asyncio"])
@pytest.mark.parametrize(("operation_id", "status"), ERROR_ROWS, ids=["-".join(row) for row in ERROR_ROWS])
def test_declared_error_statuses_parse_into_error_response(operation_id: str, status: str, mode: str) -> None:
    body = example(operation_id, status)
    case = next(case for case in CASES if case.operation_id == operation_id)
    recorder = Recorder(status=int(status), json=body, headers={"retry-after": "20"})
    response = call(case, make_client(recorder), mode)
    assert response.status_code == int(status)
    assert isinstance(response.parsed, ErrorResponse)
    error = response.parsed.error
    assert (error.message, error.type_, error.param, error.code) == tuple(
        body["error"][key] for key in ("message", "type", "param", "code")
    )
    assert response.headers["retry-after"] == "20"


def test_every_operation_declares_the_same_error_statuses() -> None:
    # The rows above stand for all operations only if all of them declare ErrorResponse alike.
    for operation in OPERATIONS.values():
        statuses = {
            status
            for status, answer in operation.spec["responses"].items()
            if "ErrorResponse" in json.dumps(resolve(answer))
        }
        assert statuses == {"400", "401", "404", "409", "413", "429", "500", "503"}, operation.operation_id


@pytest.mark.parametrize("status", [402, 418, 502])
def test_an_undeclared_status_raises_unexpected_status_when_asked(status: int) -> None:
    recorder = Recorder(status=status, json={"error": {"message": "x", "type": "y", "param": None, "code": None}})
    with pytest.raises(errors.UnexpectedStatus) as raised:
        list_models.sync_detailed(client=make_client(recorder, raise_on_unexpected_status=True))
    assert raised.value.status_code == status
    assert b'"message"' in raised.value.content


def test_an_undeclared_status_is_parsed_as_none_by_default() -> None:
    # The generator's default; the overlays' configured client turns raise_on_unexpected_status on.
    response = list_models.sync_detailed(client=make_client(Recorder(status=502, content=b"Bad Gateway")))
    assert response.status_code == 502
    assert response.parsed is None
    assert response.content == b"Bad Gateway"


@pytest.mark.parametrize(
    ("body", "raised"),
    [
        (b"<html><body>404 Not Found</body></html>", json.JSONDecodeError),
        (b'{"detail": "Not Found"}', ParseError),
    ],
    ids=["html", "json-without-error"],
)
def test_a_declared_4xx_whose_body_is_not_an_error_object_raises_from_the_parser(
    body: bytes, raised: type[Exception]
) -> None:
    # Observed generator behaviour: every declared non-2xx status is parsed as ErrorResponse with no fallback,
    # so a proxy's HTML page or a foreign JSON body escapes as a parser exception (ours: ParseError naming
    # `/error`), not an ErrorResponse.
    # The overlays' typed errors (openai_client.exceptions) are the layer that turns such answers into values.
    recorder = Recorder(status=404, content=body, headers={"content-type": "text/html"})
    with pytest.raises(raised):
        list_models.sync_detailed(client=make_client(recorder))


# --- text, binary and streamed answers -------------------------------------------------------------------------


def _transcription(response_format: AudioResponseFormat) -> CreateTranscriptionRequest:
    return CreateTranscriptionRequest(
        file=upload(AUDIO, "german.m4a", "audio/mp4"), model="whisper-1", response_format=response_format
    )


SRT = example("createTranscription", media_type="text/plain")


@pytest.mark.parametrize("response_format", ["text", "srt", "vtt"])
def test_text_transcripts_are_not_readable_through_the_generated_function(response_format: AudioResponseFormat) -> None:
    # The spec answers text/plain next to application/json; openapi-python-client keeps only the first
    # media type of a response, so the generated parser calls response.json() on a transcript and fails.
    recorder = Recorder(content=SRT.encode(), headers={"content-type": "text/plain; charset=utf-8"})
    with pytest.raises(json.JSONDecodeError):
        create_transcription.sync_detailed(client=make_client(recorder), body=_transcription(response_format))
    assert parse_multipart(recorder.only)["response_format"].data == response_format.encode()


def test_the_audio_overlay_returns_text_transcripts_as_str() -> None:
    from openai_client.audio import create_transcription as overlay_transcription

    recorder = Recorder(content=SRT.encode(), headers={"content-type": "text/plain; charset=utf-8"})
    result = overlay_transcription(make_client(recorder), AUDIO, filename="german.m4a", response_format="srt")
    assert result == SRT
    assert isinstance(result, str)


def test_download_is_a_file_holding_the_exact_bytes() -> None:
    content = bytes(range(256)) * 3
    recorder = Recorder(content=content, headers={"content-type": "application/octet-stream"})
    with make_client(recorder) as client:
        parsed = download_file.sync("file-1", client=client)
    assert parsed is not None and not isinstance(parsed, ErrorResponse)
    assert parsed.payload.read() == content
    assert recorder.only.url.path == "/v1/files/file-1/content"


def _sse(*events: str) -> bytes:
    return "".join(f"data: {event}\n\n" for event in events).encode()


def test_a_streamed_answer_is_not_readable_through_the_generated_function() -> None:
    # stream=true answers text/event-stream; the generated function keeps only the JSON media type.
    # openai_client.streaming reads these answers event by event.
    chunk = json.loads(example("createChatCompletion", media_type="text/event-stream")["data"])
    recorder = Recorder(content=_sse(json.dumps(chunk), "[DONE]"), headers={"content-type": "text/event-stream"})
    body = CreateChatCompletionRequest(
        model="gpt-3.5-turbo", messages=[ChatCompletionRequestMessage(role="user", content="Hi")], stream=True
    )
    with pytest.raises(json.JSONDecodeError):
        create_chat_completion.sync_detailed(client=make_client(recorder), body=body)
    assert json.loads(recorder.only.content)["stream"] is True


def test_base_url_keeps_its_v1_prefix() -> None:
    recorder = Recorder(json=example("listModels"))
    list_models.sync_detailed(client=make_client(recorder))
    assert str(recorder.only.url) == BASE_URL + "/models"


def test_the_function_layers_parse_error_is_an_openai_error() -> None:
    # One `except OpenAIError` covers every layer: the generated functions' parse failures included.
    recorder = Recorder(status=200, content=b'{"object": "list"}', headers={"content-type": "application/json"})
    with pytest.raises(OpenAIError) as info:
        list_models.sync_detailed(client=make_client(recorder))
    assert isinstance(info.value, ParseError)
    assert info.value.pointer == "/data"
