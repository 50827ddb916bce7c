"""The conformance package's own parts: SSE parsing and chunk checks, allowances, form reading, media, reports."""

from __future__ import annotations

import base64
import json
import struct
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from openai_conform import allowances, forms, media, report, sse, stock
from openai_conform.settings import PROFILES, SPEC_PATH, active_profile

SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
CHAT_EVENT = {"$ref": "#/components/schemas/ChatCompletionStreamEvent"}
CHUNK = {
    "id": "chatcmpl-1",
    "object": "chat.completion.chunk",
    "created": 1,
    "model": "gpt-3.5-turbo",
    "choices": [{"index": 0, "delta": {"content": "Hi"}, "finish_reason": None}],
}


def stream(*payloads: object) -> str:
    return "".join(f"data: {p if isinstance(p, str) else json.dumps(p)}\n\n" for p in payloads)


def test_events_split_on_any_line_end_and_skip_comments() -> None:
    text = ": keep-alive\r\ndata: a\r\ndata: b\r\n\r\nevent: x\rdata: c\r\rdata: [DONE]\n\n"
    assert sse.parse_events(text) == [sse.SseEvent("a\nb"), sse.SseEvent("c", "x"), sse.SseEvent("[DONE]")]


def test_a_final_event_without_blank_line_is_kept() -> None:
    assert sse.parse_events("data: [DONE]") == [sse.SseEvent("[DONE]")]


def test_chunk_schema_comes_from_the_event_schema() -> None:
    assert sse.chunk_schema_refs(SPEC, CHAT_EVENT) == [{"$ref": "#/components/schemas/ChatCompletionChunk"}]


def test_a_valid_stream_has_no_problems() -> None:
    assert sse.stream_problems(SPEC, CHAT_EVENT, stream(CHUNK, CHUNK, "[DONE]")) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (stream(CHUNK), "does not end with data: [DONE]"),
        (stream({**CHUNK, "choices": None}, "[DONE]"), "chunk does not match its schema at choices"),
        (stream({k: v for k, v in CHUNK.items() if k != "id"}, "[DONE]"), "'id' is a required property"),
        (stream("{not json", "[DONE]"), "data is not JSON"),
        (stream("[DONE]", CHUNK), "event after data: [DONE]"),
    ],
)
def test_stream_problems_name_what_is_wrong(body: str, expected: str) -> None:
    problems = sse.stream_problems(SPEC, CHAT_EVENT, body)
    assert any(expected in problem.message for problem in problems), problems


def test_allowances_accept_only_the_listed_params_and_codes() -> None:
    def answer(param: str | None, code: str | None = None) -> bytes:
        return json.dumps({"error": {"message": "m", "type": "t", "param": param, "code": code}}).encode()

    assert allowances.rejection_reason("createFineTune", 400, answer("training_file")) is not None
    assert allowances.rejection_reason("createChatCompletion", 400, answer("messages", "context_length_exceeded"))
    assert allowances.rejection_reason("createFineTune", 400, answer("n_epochs")) is None
    assert allowances.rejection_reason("createFineTune", 404, answer("training_file")) is None
    assert allowances.rejection_reason("createFineTune", 400, b"not json") is None


def test_form_text_is_read_as_the_server_reads_it() -> None:
    schema = {"$ref": "#/components/schemas/CreateImageVariationRequest"}
    boundary = "b0undary"

    def form(**fields: str) -> bytes:
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="image"; filename="i.png"\r\n\r\nPNG\r\n']
        for name, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n')
        return ("".join(parts) + f"--{boundary}--\r\n").encode()

    content_type = f"multipart/form-data; boundary={boundary}"
    assert forms.multipart_is_valid_as_sent(SPEC, schema, form(user="null", n="2"), content_type)
    assert not forms.multipart_is_valid_as_sent(SPEC, schema, form(n="zero"), content_type)
    assert not forms.multipart_is_valid_as_sent(SPEC, schema, form(size="2x2"), content_type)


def test_media_files_are_well_formed() -> None:
    image = media.png(3, alpha=True)
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    width, height, depth, color = struct.unpack(">IIBB", image[16:26])
    assert (width, height, depth, color) == (3, 3, 8, 6)
    (length,) = struct.unpack(">I", image[33:37])
    assert len(zlib.decompress(image[41 : 41 + length])) == 3 * (1 + 3 * 4)
    sound = media.wav(500)
    assert sound[:4] == b"RIFF" and sound[8:12] == b"WAVE" and len(sound) == 44 + 8000
    lines = media.fine_tune_jsonl(2).decode().splitlines()
    assert [set(json.loads(line)) for line in lines] == [{"prompt", "completion"}] * 2


def test_profiles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROPERTY_PROFILE", "deep")
    assert active_profile() is PROFILES["deep"]
    monkeypatch.setenv("PROPERTY_PROFILE", "nope")
    with pytest.raises(ValueError, match="PROPERTY_PROFILE='nope'"):
        active_profile()


def test_report_lists_each_operation_with_its_failure(tmp_path: Path) -> None:
    (tmp_path / "junit-1.xml").write_text(
        '<testsuites><testsuite name="s">'
        '<testcase name="GET /models"/>'
        '<testcase name="POST /completions"><failure message="ST101">curl -X POST http://x/v1/completions</failure>'
        "</testcase></testsuite></testsuites>"
    )
    (tmp_path / "json-1.json").write_text(json.dumps({"test_cases": {"generated": 7}, "exit_code": 1, "seed": 3}))
    finished = {"ScenarioFinished": {"recorder": {"cases": {"a": {"value": {"method": "GET", "path": "/models"}}}}}}
    (tmp_path / "ndjson-1.ndjson").write_text(json.dumps(finished) + "\n")
    summary = report.summarize(tmp_path, "http://x/v1", "ci", 1.0)
    text = report.render_markdown(summary, SPEC)
    assert "| listModels | `GET /models` | passed | 1 |" in text
    assert "| createCompletion | `POST /completions` | failed |" in text
    assert "## Failed: `POST /completions`" in text and "curl -X POST http://x/v1/completions" in text
    assert "Test cases generated: 7" in text and "**FAILED**" in text


def _scenario(cases: dict[str, Any], checks: dict[str, Any], interactions: dict[str, Any]) -> str:
    recorder = {"label": "Stateful tests", "cases": cases, "checks": checks, "interactions": interactions}
    return json.dumps({"ScenarioFinished": {"phase": "stateful", "recorder": recorder}})


def _rejected(operation: str) -> dict[str, Any]:
    failure = {"code": "ST202", "operation": operation, "title": "Schema-valid request rejected"}
    return {"name": "positive_data_acceptance", "status": "failure", "failure_info": {"failure": failure}}


def _answer(status: int, error: dict[str, Any]) -> dict[str, Any]:
    content = base64.b64encode(json.dumps({"error": error}).encode()).decode()
    return {"response": {"status_code": status, "content": {"$base64": content}}}


def test_stock_run_failures_get_their_reason_and_links_are_counted(tmp_path: Path) -> None:
    linked = {"value": {"method": "GET", "path": "/files/{file_id}"}, "is_transition_applied": True}
    linked["transition"] = {"id": "POST /files -> [200] RetrieveFile -> GET /files/{file_id}"}
    unapplied = {"value": {}, "is_transition_applied": False, "transition": {"id": "GET /models -> [200] X -> Y"}}
    lines = [
        json.dumps({"Initialize": {}}),
        _scenario(
            {"a": {"value": {}}, "b": linked, "c": unapplied},
            {"a": [_rejected("POST /files"), {"name": "not_a_server_error", "status": "success"}]},
            {"a": _answer(400, {"param": "file", "code": None})},
        ),
        _scenario(
            {"d": {"value": {}}},
            {"d": [_rejected("POST /chat/completions")]},
            {"d": _answer(400, {"param": "temperature", "code": None})},
        ),
    ]
    events = tmp_path / "ndjson-1.ndjson"
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = "API Links:    1 covered / 42 selected / 42 total (17 inferred)\n  1937 generated, 2 found"
    summary = stock.read_stock_run(events, output, SPEC)
    assert (summary.cases, summary.links_total) == (1937, 42)
    assert summary.links_covered == {"POST /files -> [200] RetrieveFile -> GET /files/{file_id}"}
    reasons = {failure.operation: failure.reason for failure in summary.failures}
    assert reasons["POST /files"] == allowances.ALLOWED_PARAMS["createFile"]["file"]
    assert reasons["POST /chat/completions"] is None  # temperature has no reason: a defect
    assert [failure.operation for failure in summary.unexpected] == ["POST /chat/completions"]
    assert not summary.passed
    rendered = stock.render_stock(summary)
    assert "**FAILED**" in rendered and "1 of 42" in rendered and "a defect of the spec or the server" in rendered


def _accepted_form(case_id: str, *parts: tuple[str, str, bytes]) -> str:
    """A stateful scenario whose POST /images/variations form was accepted as invalid data."""
    boundary = "b0"
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"{extra}\r\n\r\n'.encode() + data + b"\r\n"
        for name, extra, data in parts
    )
    body += f"--{boundary}--\r\n".encode()
    request = {
        "method": "POST",
        "headers": {"Content-Type": [f"multipart/form-data; boundary={boundary}"]},
        "body": {"$base64": base64.b64encode(body).decode()},
    }
    failure = {"code": "ST201", "operation": "POST /images/variations", "title": "Schema-violating request accepted"}
    check = {"name": "negative_data_rejection", "status": "failure", "failure_info": {"failure": failure}}
    interaction = {"request": request, "response": {"status_code": 200, "content": ""}}
    return _scenario({case_id: {"value": {}}}, {case_id: [check]}, {case_id: interaction})


def test_stock_run_explains_invalid_data_that_multipart_could_not_carry(tmp_path: Path) -> None:
    image = ("image", '; filename="image.png"', b"\x89PNG")
    # `n: []` sends no part at all: the server saw a valid form. `n: "x"` arrived as it was: invalid.
    events = tmp_path / "ndjson-1.ndjson"
    events.write_text(_accepted_form("a", image) + "\n" + _accepted_form("b", image, ("n", "", b"x")) + "\n")
    summary = stock.read_stock_run(events, "", SPEC)
    assert sorted(failure.reason or "" for failure in summary.failures) == ["", stock.FORM_ARRIVED_VALID]
    assert len(summary.unexpected) == 1


def _slow(case_id: str, content_size: int) -> str:
    """A stateful scenario whose chat answer came after schemathesis' response time limit."""
    failure = {"code": "ST112", "operation": "POST /chat/completions", "title": "Response time limit exceeded"}
    check = {"name": "max_response_time", "status": "failure", "failure_info": {"failure": failure}}
    response = {"status_code": 200, "content": {"$base64": ""}, "content_size": content_size, "elapsed": 28.3}
    return _scenario({case_id: {"value": {}}}, {case_id: [check]}, {case_id: {"response": response}})


def test_stock_run_explains_a_slow_answer_only_by_its_size(tmp_path: Path) -> None:
    events = tmp_path / "ndjson-1.ndjson"
    # 94 completions filling gpt-4-32k's context: 11.7 MB. A slow small answer stays a defect.
    events.write_text(_slow("a", 11_664_971) + "\n" + _slow("b", stock.LONG_ANSWER_BYTES - 1) + "\n")
    summary = stock.read_stock_run(events, "", SPEC)
    assert sorted(failure.reason or "" for failure in summary.failures) == ["", stock.LONG_ANSWER]
    assert len(summary.unexpected) == 1


def test_stock_run_passes_with_only_reasoned_failures_and_most_links() -> None:
    covered = {f"link {i}" for i in range(38)}
    reasoned = stock.StockFailure("POST /files", "positive_data_acceptance", 400, "file content")
    summary = stock.StockSummary(cases=10, failures=Counter({reasoned: 3}), links_covered=covered, links_total=42)
    assert summary.passed and summary.link_share == pytest.approx(38 / 42)
    summary.links_covered = {f"link {i}" for i in range(37)}
    assert not summary.passed


def test_stock_command_is_the_plain_cli() -> None:
    command = stock.stock_command("http://h/v1", "sk-x", Path("r"), seed=7, workers=2)
    assert command[1:4] == ["run", str(SPEC_PATH), "--url"]
    assert "--config-file" not in command and "Authorization: Bearer sk-x" in command
    assert command[command.index("--phases") + 1] == "examples,coverage,fuzzing,stateful"
    assert command[-2:] == ["--seed", "7"]
    assert command[command.index("--baseline") + 1] == str(stock.BASELINE_PATH)
    # The link goal needs thousands of scenarios: a time budget, not a pass of --max-examples.
    assert command[command.index("--max-time") + 1] == str(stock.STOCK_SECONDS)
    assert "--max-examples" not in command  # passes at the default size leave the stateful phase its share


def test_stock_baseline_lists_only_operations_with_a_reasoned_400() -> None:
    document = json.loads(stock.BASELINE_PATH.read_text(encoding="utf-8"))
    assert document["format_version"] == 1
    ids = report.operation_ids_by_label(SPEC)
    for entry in document["entries"]:
        assert (entry["check"], entry["failure"], entry["signature"]) == (
            "positive_data_acceptance",
            "RejectedPositiveData",
            "400",
        )
        assert entry["reason"].strip()
        operation_id = ids[entry["operation"]]
        assert operation_id in allowances.ALLOWED_PARAMS, entry["operation"]
