"""scripts/check accepts the spec and rejects broken copies with messages that name the fault."""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
CHAT_EXAMPLES = ("paths", "/chat/completions", "post", "responses", "200", "content")


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHON": sys.executable}
    return subprocess.run(
        [str(ROOT / "scripts" / "check"), *args], capture_output=True, text=True, env=env, check=False
    )


def write(tmp_path: Path, doc: dict[str, Any]) -> Path:
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def dig(doc: dict[str, Any], *keys: str) -> Any:
    node: Any = doc
    for key in keys:
        node = node[key]
    return node


def test_spec_validates(checker: ModuleType, spec: dict[str, Any]) -> None:
    assert checker.check_structure(spec) == []
    assert checker.check(spec) == []


def test_scripts_check_passes_on_the_spec() -> None:
    result = run_check()
    assert result.returncode == 0, result.stderr
    assert "==> checking spec/openapi.yaml" in result.stdout
    assert "25 operations" in result.stdout


def test_every_example_validates(checker: ModuleType, spec: dict[str, Any]) -> None:
    examples = list(checker.iter_examples(spec))
    locations = [location for location, _, _ in examples]
    assert checker.check_examples(spec) == []
    # The walk reaches request, response, stream, parameter, header and schema-level examples.
    assert any("/requestBody/content/application~1json/examples/" in loc for loc in locations)
    assert any("/requestBody/content/multipart~1form-data/examples/" in loc for loc in locations)
    assert any("/content/text~1event-stream/examples/" in loc for loc in locations)
    assert any(loc.startswith("/components/parameters/") for loc in locations)
    assert any(loc.startswith("/components/headers/") for loc in locations)
    assert any(loc.startswith("/components/schemas/") and "/examples/" in loc for loc in locations)
    assert len(examples) > 100


def test_every_operation_has_request_and_response_examples(spec: dict[str, Any]) -> None:
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method == "parameters":
                continue
            for media in op.get("requestBody", {}).get("content", {}).values():
                assert media.get("examples"), f"{op['operationId']}: request without examples"
            for media in op["responses"]["200"]["content"].values():
                examples = media.get("examples", {})
                assert examples, f"{op['operationId']}: 200 {path} without examples"
                assert all(example.get("summary") for example in examples.values())


def test_seed_error_example_is_on_chat_400(spec: dict[str, Any]) -> None:
    examples = spec["paths"]["/chat/completions"]["post"]["responses"]["400"]["content"]["application/json"]["examples"]
    messages = [example["value"]["error"]["message"] for example in examples.values()]
    assert "'doctor' is not one of ['system', 'assistant', 'user'] - 'messages.0.role'" in messages


def test_broken_example_fails_and_is_named(tmp_path: Path, spec: dict[str, Any]) -> None:
    doc = copy.deepcopy(spec)
    dig(doc, *CHAT_EXAMPLES, "application/json", "examples", "sayThisIsATest", "value")["created"] = "yesterday"
    result = run_check(str(write(tmp_path, doc)))
    assert result.returncode != 0
    assert "examples/sayThisIsATest: 'yesterday' is not of type 'integer' (at $.created)" in result.stderr
    assert "1 problem(s)" in result.stderr


def test_broken_stream_chunk_fails_inside_its_json(tmp_path: Path, checker: ModuleType, spec: dict[str, Any]) -> None:
    doc = copy.deepcopy(spec)
    event = dig(doc, *CHAT_EXAMPLES, "text/event-stream", "examples", "contentChunk", "value")
    event["data"] = event["data"].replace('"object":"chat.completion.chunk"', '"object":"chat.completion"')
    problems = checker.check(doc)
    assert len(problems) == 1
    assert "examples/contentChunk" in problems[0]
    assert "'chat.completion.chunk' was expected (at $.data.object)" in problems[0]


def test_broken_default_fails(checker: ModuleType, spec: dict[str, Any]) -> None:
    doc = copy.deepcopy(spec)
    doc["components"]["schemas"]["CreateCompletionRequest"]["properties"]["max_tokens"]["default"] = -1
    problems = checker.check(doc)
    assert (
        "example /components/schemas/CreateCompletionRequest/properties/max_tokens/default: "
        "-1 is less than the minimum of 0 (at $)"
    ) in problems


def test_broken_ref_is_reported(tmp_path: Path, spec: dict[str, Any]) -> None:
    doc = copy.deepcopy(spec)
    doc["components"]["schemas"]["ErrorResponse"]["properties"]["error"]["$ref"] = "#/components/schemas/Eror"
    result = run_check(str(write(tmp_path, doc)))
    assert result.returncode != 0
    assert (
        "/components/schemas/ErrorResponse/properties/error: $ref '#/components/schemas/Eror' does not resolve"
        in result.stderr
    )


def test_unused_components_are_reported(checker: ModuleType, spec: dict[str, Any]) -> None:
    doc = copy.deepcopy(spec)
    doc["components"]["schemas"]["Orphan"] = {
        "type": "object",
        "properties": {"x": {"$ref": "#/components/schemas/Lonely"}},
    }
    doc["components"]["schemas"]["Lonely"] = {"type": "string"}
    doc["components"]["headers"]["Unsent"] = {"schema": {"type": "string"}}
    assert checker.check(doc) == [
        "unused component: #/components/schemas/Orphan",
        "unused component: #/components/schemas/Lonely",
        "unused component: #/components/headers/Unsent",
    ]


def test_operation_rules_are_enforced(checker: ModuleType, spec: dict[str, Any]) -> None:
    doc = copy.deepcopy(spec)
    models = doc["paths"]["/models"]["get"]
    models["operationId"] = "list_models"
    del models["summary"]
    models["tags"] = []
    doc["paths"]["/engines"]["get"]["operationId"] = "retrieveEngine"
    files = doc["paths"]["/files"]["get"]
    files["responses"] = {"200": files["responses"]["200"]}
    files["tags"] = ["Uploads"]
    assert checker.check_operations(doc) == [
        "GET /models: operationId 'list_models' is not camelCase",
        "GET /models: no tag",
        "GET /models: no summary",
        "GET /files: tag 'Uploads' is not declared in the top-level tags",
        "GET /files: no 4xx, 5xx or default error response",
        "GET /engines/{engine_id}: operationId 'retrieveEngine' also used by GET /engines",
    ]


def test_unreadable_spec_fails_clearly(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = run_check(str(missing))
    assert result.returncode == 1
    assert "cannot read" in result.stderr


def test_every_decision_is_marked_in_the_spec() -> None:
    log = (ROOT / "docs" / "SPEC_DECISIONS.md").read_text(encoding="utf-8")
    spec_text = (ROOT / "spec" / "openapi.yaml").read_text(encoding="utf-8")
    logged = {int(match) for match in re.findall(r"^\| ([1-9][0-9]*) \|", log, flags=re.MULTILINE)}
    marked = {int(match) for match in re.findall(r"# decision (\d+):", spec_text)}
    assert logged == set(range(1, len(logged) + 1))
    assert marked == logged


def test_every_operation_names_its_facade_method(spec: dict[str, Any]) -> None:
    names = [op["x-facade"] for item in spec["paths"].values() for m, op in item.items() if m != "parameters"]
    assert len(names) == 25 == len(set(names))
    assert {"chat.completions.create", "files.content", "fine_tunes.list_events", "engines.list"} <= set(names)


def test_facade_rule_is_enforced(tmp_path: Path, checker: ModuleType, spec: dict[str, Any]) -> None:
    doc = copy.deepcopy(spec)
    del doc["paths"]["/models"]["get"]["x-facade"]
    doc["paths"]["/models/{model}"]["get"]["x-facade"] = "Models.Retrieve"
    doc["paths"]["/models/{model}"]["delete"]["x-facade"] = "models"
    doc["paths"]["/files"]["get"]["x-facade"] = "files.create"
    doc["paths"]["/engines"]["get"]["x-facade"] = "engines.class"
    doc["paths"]["/engines/{engine_id}"]["get"]["x-facade"] = "chat.completions.create.retry"
    assert checker.check_facade(doc) == [
        "GET /models: no x-facade (the facade method, e.g. chat.completions.create)",
        "GET /models/{model}: x-facade 'Models.Retrieve' is not <resource>.<method> in snake_case",
        "DELETE /models/{model}: x-facade 'models' is not <resource>.<method> in snake_case",
        "POST /files: x-facade 'files.create' also used by GET /files",
        "GET /engines: x-facade 'engines.class' uses a Python keyword or a reserved name",
        "POST /chat/completions: x-facade 'chat.completions.create' is a method and a resource at once",
    ]
    result = run_check(str(write(tmp_path, doc)))
    assert result.returncode == 1
    assert "GET /models: no x-facade" in result.stderr
