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

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CHAT_EXAMPLES = ("paths", "/chat/completions", "post", "responses", "200", "content")


def count_operations() -> int:
    doc = yaml.safe_load((ROOT / "spec" / "openapi.yaml").read_text(encoding="utf-8"))
    return sum(1 for item in doc["paths"].values() for method in item if method != "parameters")


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
    assert f"ok ({count_operations()} operations," in result.stdout


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
        "required": ["x"],
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


def _drop_409(doc: dict[str, Any]) -> None:
    del doc["paths"]["/models"]["get"]["responses"]["409"]


def _inline_request_object(doc: dict[str, Any]) -> None:
    schemas = doc["components"]["schemas"]
    schemas["CreateModerationRequest"]["properties"]["meta"] = {"type": "object", "properties": {"x": {}}}


def _event_without_retry(doc: dict[str, Any]) -> None:
    doc["components"]["schemas"]["ChatCompletionStreamEvent"]["properties"].pop("retry")


# (what breaks, the problem scripts/check reports); every house rule of the checker has a row.
HOUSE_RULES = [
    (_drop_409, "GET /models: no 409 response (#/components/responses/Conflict)"),
    (
        lambda d: d["paths"]["/files"]["post"]["responses"].update({"413": {"description": "big"}}),
        "POST /files: response 413 is neither #/components/responses/PayloadTooLarge nor ErrorResponse",
    ),
    (
        lambda d: d["components"]["responses"]["RateLimited"].pop("headers"),
        "/components/responses/RateLimited: no Retry-After header",
    ),
    (
        lambda d: d["components"]["responses"]["NotFound"]["content"]["application/json"].update(schema={}),
        "/components/responses/NotFound: its application/json schema is not ErrorResponse",
    ),
    (lambda d: d["paths"]["/edits"]["post"].pop("description"), "POST /edits: no description"),
    (
        lambda d: d["paths"]["/edits"]["post"].update(
            parameters=[{"name": "openai-organization", "in": "header", "schema": {"type": "string"}}]
        ),
        "POST /edits: declares the OpenAI-Organization header; it is the client's, on every request",
    ),
    (
        lambda d: d["paths"]["/edits"]["post"].update(security=[]),
        "POST /edits: its own security; the document's bearer scheme applies to every operation",
    ),
    (
        lambda d: d["components"]["securitySchemes"]["ApiKeyAuth"].update(description="A bearer key."),
        "/components/securitySchemes/ApiKeyAuth: its description does not explain OpenAI-Organization",
    ),
    (lambda d: d.pop("security"), "/security: the document must require the ApiKeyAuth bearer scheme everywhere"),
    (
        lambda d: d["paths"]["/moderations"]["post"]["requestBody"]["content"]["application/json"].pop("examples"),
        "/paths/~1moderations/post/requestBody/content/application~1json: POST /moderations has no examples",
    ),
    (
        lambda d: next(iter(dig(d, *CHAT_EXAMPLES, "application/json", "examples").values())).pop("summary"),
        "/paths/~1chat~1completions/post/responses/200/content/application~1json/examples/sayThisIsATest: no summary",
    ),
    (
        _inline_request_object,
        "/components/schemas/CreateModerationRequest/properties/meta: an anonymous object; objects are named",
    ),
    (
        lambda d: d["components"]["schemas"]["CreateEditResponse"]["properties"]["usage"].update(nullable=True),
        "/components/schemas/CreateEditResponse/properties/usage: $ref beside ['nullable']",
    ),
    (
        lambda d: d["components"]["schemas"]["Model"]["properties"]["object"].pop("const"),
        "/components/schemas/Model/properties/object: not a string const",
    ),
    (
        lambda d: d["components"]["schemas"]["Model"]["required"].remove("object"),
        "/components/schemas/Model: `object` is not required",
    ),
    (
        lambda d: d["components"]["schemas"]["Engine"].pop("required"),
        "/components/schemas/Engine: an answer object without required fields",
    ),
    (
        lambda d: d["components"]["schemas"]["ChatCompletionRequestMessage"].pop("additionalProperties"),
        "/components/schemas/ChatCompletionRequestMessage: a request object without additionalProperties: false",
    ),
    (
        lambda d: d["paths"]["/files"]["post"]["requestBody"]["content"]["multipart/form-data"].pop("encoding"),
        "/paths/~1files/post/requestBody/content/multipart~1form-data/encoding: must list exactly the binary parts",
    ),
    (
        lambda d: d["components"]["schemas"]["CreateFileRequest"]["properties"]["file"].pop("contentMediaType"),
        "/components/schemas/CreateFileRequest/properties/file: a binary part must be a string with contentMediaType",
    ),
    (
        lambda d: dig(d, *CHAT_EXAMPLES).pop("application/json"),
        "/paths/~1chat~1completions/post/responses/200/content/text~1event-stream: POST /chat/completions streams "
        "only in its 200 answer, next to application/json",
    ),
    (
        _event_without_retry,
        "/components/schemas/ChatCompletionStreamEvent: an event object requires data and has exactly data, event,",
    ),
    (
        lambda d: d["components"]["schemas"]["ChatCompletionStreamEvent"]["properties"]["data"]["anyOf"].pop(0),
        "/components/schemas/ChatCompletionStreamEvent/properties/data: must be anyOf [StreamDone, JSON text",
    ),
    (
        lambda d: d["components"]["schemas"]["Embedding"]["properties"]["embedding"]["anyOf"].pop(1),
        "#/components/schemas/Embedding/properties/embedding: x-client-decode 'float32-base64' needs anyOf [an array",
    ),
    (
        lambda d: d["components"]["schemas"]["Embedding"]["properties"]["embedding"].update({"x-client-decode": "f16"}),
        "#/components/schemas/Embedding/properties/embedding: x-client-decode 'f16' is not one of ['float32-base64']",
    ),
    (
        lambda d: dig(d, "components", "schemas", "CreateEmbeddingRequest", "properties", "encoding_format").update(
            {"x-client-default": "hex"}
        ),
        "#/components/schemas/CreateEmbeddingRequest/properties/encoding_format: x-client-default 'hex' is not one",
    ),
    (
        lambda d: dig(d, "components", "schemas", "CreateEmbeddingRequest", "required").append("encoding_format"),
        "#/components/schemas/CreateEmbeddingRequest/properties/encoding_format: x-client-default on a required",
    ),
]


@pytest.mark.parametrize(("edit", "problem"), HOUSE_RULES, ids=[problem[:60] for _, problem in HOUSE_RULES])
def test_house_rules_fail_a_broken_copy_at_its_location(
    checker: ModuleType, spec: dict[str, Any], edit: Any, problem: str
) -> None:
    assert checker.check_house_rules(spec) == []
    doc = copy.deepcopy(spec)
    edit(doc)
    found = checker.check_house_rules(doc)
    assert any(problem in found_problem for found_problem in found), found


def test_house_rules_reach_scripts_check(tmp_path: Path, spec: dict[str, Any]) -> None:
    doc = copy.deepcopy(spec)
    _drop_409(doc)
    result = run_check(str(write(tmp_path, doc)))
    assert result.returncode == 1
    assert "GET /models: no 409 response (#/components/responses/Conflict)" in result.stderr


def test_every_operation_names_its_facade_method(spec: dict[str, Any]) -> None:
    operations = [op for item in spec["paths"].values() for m, op in item.items() if m != "parameters"]
    names = [op.get("x-facade") for op in operations]
    assert None not in names and len(names) == len(set(names))
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
