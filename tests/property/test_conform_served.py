"""scripts/conform's verdict on missing endpoints, its --spec and --api-key defaults, and subsets without links."""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from openai_conform import report, runner
from openai_conform.served import SuccessTally, unknown_route_reason
from openai_conform.settings import CONFIG_PATH, DEFAULT_API_KEY, PROFILES, SPEC_PATH

SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


def error(message: str, param: str | None = None) -> bytes:
    return json.dumps(
        {"error": {"message": message, "type": "invalid_request_error", "param": param, "code": None}}
    ).encode()


@pytest.mark.parametrize(
    ("status", "content", "unknown"),
    [
        (404, error("Invalid URL (GET /v1/files/file-1/status)"), True),
        (404, b"Not Found", True),
        (404, json.dumps({"detail": "Not Found"}).encode(), True),
        (405, error("Unknown route"), True),
        (404, error("No such File object: file-1"), False),
        (400, error("Invalid URL (GET /v1/x)"), False),
        (200, b"{}", False),
    ],
)
def test_unknown_route_answers_are_told_from_missing_resources(status: int, content: bytes, unknown: bool) -> None:
    assert (unknown_route_reason(status, content) is not None) is unknown


def scenario(method: str, path: str, *statuses: int, linked: bool = False) -> str:
    cases = {
        f"c{i}": {"value": {"method": method, "path": path}, "is_transition_applied": linked}
        for i in range(len(statuses))
    }
    interactions = {f"c{i}": {"response": {"status_code": status}} for i, status in enumerate(statuses)}
    return json.dumps({"ScenarioFinished": {"recorder": {"cases": cases, "interactions": interactions}}}) + "\n"


def test_an_operation_without_a_success_fails_the_run(tmp_path: Path) -> None:
    (tmp_path / "junit-1.xml").write_text(
        '<testsuites><testsuite name="s"><testcase name="GET /models"/><testcase name="POST /moderations"/>'
        "</testsuite></testsuites>"
    )
    (tmp_path / "json-1.json").write_text(json.dumps({"test_cases": {"generated": 4}, "exit_code": 0, "seed": 3}))
    events = scenario("GET", "/models", 401, 200) + scenario("POST", "/moderations", 404, 404, 400)
    (tmp_path / "ndjson-1.ndjson").write_text(events + scenario("PATCH", "/models", 405))
    summary = report.summarize(tmp_path, "http://x/v1", "ci", 1.0)
    labels = ["GET /models", "POST /moderations", "GET /engines"]
    assert report.fail_unreached(summary, labels) == ["GET /engines", "POST /moderations"]
    assert summary.exit_code == 1
    text = report.render_markdown(summary, SPEC)
    assert "**FAILED**" in text
    assert "| listModels | `GET /models` | passed |" in text
    assert "| createModeration | `POST /moderations` | failed |" in text
    assert "| listEngines | `GET /engines` | failed |" in text
    assert "no request reached a success (2xx) answer (1 x 400, 2 x 404)" in text
    assert "no request reached a success (2xx) answer (no requests)" in text


def test_the_tally_counts_only_2xx_as_success() -> None:
    tally = SuccessTally()
    for status in (201, 404, 302):
        tally.record("POST /files", status)
    tally.record("GET /files", 302)
    assert list(tally.unreached(["POST /files", "GET /files"])) == ["GET /files"]


def test_spec_and_phases_reach_the_command(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    command = runner.build_command(
        "http://x/v1",
        tmp_path,
        deep=False,
        operations=["listModels"],
        seed=None,
        workers=1,
        spec_path=other,
        stateful=False,
    )
    assert command[command.index("run") + 1] == str(other)
    assert command[command.index("--phases") + 1] == "examples,coverage,fuzzing"
    full = runner.build_command("http://x/v1", tmp_path, deep=False, operations=[], seed=None, workers=1)
    assert full[full.index("--phases") + 1] == "examples,coverage,fuzzing,stateful"


@pytest.mark.parametrize(
    ("operations", "linked"),
    [
        (["createChatCompletion", "listModels"], False),
        (["listModels", "retrieveModel"], True),
        (["createFile", "retrieveFile"], True),
        (["retrieveFile"], False),
    ],
)
def test_a_subset_has_a_stateful_phase_only_with_links_among_it(operations: list[str], linked: bool) -> None:
    assert runner.links_within(SPEC, operations) is linked


class Stop(Exception):
    """Raised by the stand-in for the mock to end main() once its arguments are settled."""


def settled(monkeypatch: pytest.MonkeyPatch, *argv: str) -> list[str]:
    """The schemathesis command and environment main() would run, without running it."""
    seen: dict[str, Any] = {}

    def fake_run(command: list[str], env: dict[str, str], **_: Any) -> Any:
        seen.update(command=command, env=env)
        raise Stop

    monkeypatch.setattr(runner.subprocess, "run", fake_run)
    with pytest.raises(Stop):
        runner.main(["--base-url", "http://127.0.0.1:9/v1", "--report-dir", str(argv[0]), *argv[1:]])
    return [*seen["command"], "KEY=" + seen["env"]["OPENAI_CONFORM_API_KEY"]]


def test_the_key_defaults_to_the_environment_then_sk_test(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    assert settled(monkeypatch, str(tmp_path))[-1] == f"KEY={DEFAULT_API_KEY}"
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    assert settled(monkeypatch, str(tmp_path))[-1] == "KEY=sk-from-env"
    assert settled(monkeypatch, str(tmp_path), "--api-key", "sk-given")[-1] == "KEY=sk-given"


def test_operations_are_checked_against_the_given_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = copy.deepcopy(SPEC)  # the spec holds bytes (binary examples): no JSON round trip
    other["paths"]["/files/{file_id}/status"] = {
        "get": {**SPEC["paths"]["/files/{file_id}"]["get"], "operationId": "x"}
    }
    path = tmp_path / "other.yaml"
    path.write_text(yaml.safe_dump(other), encoding="utf-8")
    command = settled(monkeypatch, str(tmp_path), "--spec", str(path), "--operations", "x", "listModels")
    assert str(path) in command and "--include-operation-id" in command
    assert command[command.index("--phases") + 1] == "examples,coverage,fuzzing"
    with pytest.raises(SystemExit, match="unknown operationId"):
        runner.main(["--operations", "x"])  # not in spec/openapi.yaml


def test_audio_and_model_deletion_count_as_served_when_the_handler_judges_the_input() -> None:
    tally = SuccessTally()
    tally.record("POST /audio/transcriptions", 400, error("Invalid file format. Supported formats: ['wav']", "file"))
    tally.record("POST /audio/translations", 400, error("'model' is a required property", "model"))
    tally.record("POST /moderations", 400, error("Invalid file format.", "file"))
    tally.record("DELETE /models/{model}", 400, error("Model davinci is a base model", "model"))
    tally.record("GET /models/{model}", 400, error("Model davinci is a base model", "model"))
    labels = ["POST /audio/transcriptions", "POST /audio/translations", "POST /moderations"]
    unreached = tally.unreached([*labels, "DELETE /models/{model}", "GET /models/{model}"])
    assert list(unreached) == ["POST /audio/translations", "POST /moderations", "GET /models/{model}"]


@pytest.mark.parametrize("deep", [False, True])
def test_the_run_config_carries_the_profiles_stateful_scenarios(tmp_path: Path, deep: bool) -> None:
    config = tomllib.loads(runner.run_config(tmp_path, deep).read_text(encoding="utf-8"))
    stateful = config["phases"]["stateful"]
    assert stateful["generation"]["max-examples"] == PROFILES["deep" if deep else "ci"].stateful_examples
    assert stateful["inference"]["algorithms"] == []  # the spec's links only
    base = tomllib.loads(CONFIG_PATH.read_text(encoding="utf-8"))
    assert stateful["max-steps"] == base["phases"]["stateful"]["max-steps"]


def test_a_link_target_no_linked_request_reached_is_skipped_not_failed(tmp_path: Path) -> None:
    (tmp_path / "junit-1.xml").write_text(
        '<testsuites><testsuite name="s"><testcase name="GET /files/{file_id}"/>'
        '<testcase name="DELETE /files/{file_id}"/><testcase name="GET /files/{file_id}/content"/>'
        "</testsuite></testsuites>"
    )
    (tmp_path / "json-1.json").write_text(json.dumps({"test_cases": {"generated": 4}, "exit_code": 0, "seed": 3}))
    events = scenario("GET", "/files/{file_id}", 404, 404)  # random ids only
    events += scenario("DELETE", "/files/{file_id}", 404) + scenario("DELETE", "/files/{file_id}", 404, linked=True)
    events += scenario("GET", "/files/{file_id}/content", 404) + scenario(
        "GET", "/files/{file_id}/content", 200, linked=True
    )
    (tmp_path / "ndjson-1.ndjson").write_text(events)
    summary = report.summarize(tmp_path, "http://x/v1", "ci", 1.0)
    labels = ["GET /files/{file_id}", "DELETE /files/{file_id}", "GET /files/{file_id}/content"]
    targets = runner.link_targets(SPEC)
    assert set(labels) <= targets
    assert report.fail_unreached(summary, labels, targets) == ["DELETE /files/{file_id}"]
    outcomes = {result.label: (result.outcome, result.details[:18]) for result in summary.results}
    assert outcomes == {
        "GET /files/{file_id}": ("skipped", "not proven served:"),
        "DELETE /files/{file_id}": ("failed", "no request reached"),
        "GET /files/{file_id}/content": ("passed", ""),
    }
    assert summary.exit_code == 1
