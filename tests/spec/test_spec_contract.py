"""The spec matches the API reference: every operation and every documented parameter, exactly.

The tables below are transcribed from the reference documents (the REST endpoint tables win where
they disagree; see docs/SPEC_DECISIONS.md). A parameter that is missing, extra or differs in type,
requiredness, nullability, default or bounds fails the test. The sampling fields take an explicit
null as their default, as the 2023 API and its SDKs do (decision 34); bounds the documents leave
out come from the 2023 API reference (decisions 9, 28, 29).
"""

from __future__ import annotations

import json
import re
from dataclasses import astuple, dataclass
from typing import Any

import pytest

MISSING = "<no default>"


@dataclass(frozen=True)
class P:
    """What the docs say about one parameter. `type` spells unions as `a|b`, arrays as `a[]`, files as `binary`."""

    type: str
    required: bool = False
    nullable: bool = False
    default: Any = MISSING
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    min_items: int | None = None
    max_items: int | None = None
    max_length: int | None = None
    min_length: int | None = None
    pattern: str | None = None
    location: str = "body"

    def key(self) -> tuple[Any, ...]:
        # json.dumps keeps False apart from 0 and 1 apart from 1.0 in defaults.
        values = astuple(self)
        return (*values[:3], json.dumps(self.default), *values[4:])


OPERATIONS = [
    ("listModels", "get", "/models", "Models"),
    ("retrieveModel", "get", "/models/{model}", "Models"),
    ("deleteModel", "delete", "/models/{model}", "Models"),
    ("createCompletion", "post", "/completions", "Completions"),
    ("createChatCompletion", "post", "/chat/completions", "Chat"),
    ("createEdit", "post", "/edits", "Edits"),
    ("createImage", "post", "/images/generations", "Images"),
    ("createImageEdit", "post", "/images/edits", "Images"),
    ("createImageVariation", "post", "/images/variations", "Images"),
    ("createEmbedding", "post", "/embeddings", "Embeddings"),
    ("createTranscription", "post", "/audio/transcriptions", "Audio"),
    ("createTranslation", "post", "/audio/translations", "Audio"),
    ("listFiles", "get", "/files", "Files"),
    ("createFile", "post", "/files", "Files"),
    ("retrieveFile", "get", "/files/{file_id}", "Files"),
    ("deleteFile", "delete", "/files/{file_id}", "Files"),
    ("downloadFile", "get", "/files/{file_id}/content", "Files"),
    ("createFineTune", "post", "/fine-tunes", "Fine-tunes"),
    ("listFineTunes", "get", "/fine-tunes", "Fine-tunes"),
    ("retrieveFineTune", "get", "/fine-tunes/{fine_tune_id}", "Fine-tunes"),
    ("cancelFineTune", "post", "/fine-tunes/{fine_tune_id}/cancel", "Fine-tunes"),
    ("listFineTuneEvents", "get", "/fine-tunes/{fine_tune_id}/events", "Fine-tunes"),
    ("createModeration", "post", "/moderations", "Moderations"),
    ("listEngines", "get", "/engines", "Engines"),
    ("retrieveEngine", "get", "/engines/{engine_id}", "Engines"),
]

TEMPERATURE = P("number", nullable=True, default=1, minimum=0, maximum=2)
TOP_P = P("number", nullable=True, default=1, minimum=0, maximum=1)
PENALTY = P("number", nullable=True, default=0, minimum=-2, maximum=2)
STOP = P("string|string[]", nullable=True, default=None, max_items=4)
LOGIT_BIAS = P("LogitBias", nullable=True, default=None)
USER = P("string")
STREAM = P("boolean", nullable=True, default=False)
IMAGE_N = P("integer", nullable=True, default=1, minimum=1, maximum=10)
IMAGE_SIZE = P("string", nullable=True, default="1024x1024", enum=("256x256", "512x512", "1024x1024"))
IMAGE_FORMAT = P("string", nullable=True, default="url", enum=("url", "b64_json"))
IMAGE_PROMPT = P("string", required=True, max_length=1000)
FILE = P("binary", required=True)
AUDIO_FORMAT = P("string", default="json", enum=("json", "text", "srt", "verbose_json", "vtt"))
AUDIO_TEMPERATURE = P("number", default=0, minimum=0, maximum=1)
TOKENS_INPUT = "string|string[]|integer[]|integer[][]"
# The two-letter codes of the languages Whisper transcribes (decision 37).
_WHISPER_CODES = """af am ar as az ba be bg bn bo br bs ca cs cy da de el en es et eu fa fi fo fr gl gu ha he hi hr ht
hu hy id is it ja jw ka kk km kn ko la lb ln lo lt lv mg mi mk ml mn mr ms mt my ne nl nn no oc pa
pl ps pt ro ru sa sd si sk sl sn so sq sr su sv sw ta te tg th tk tl tr tt uk ur uz vi yi yo zh"""
WHISPER_LANGUAGES = tuple(_WHISPER_CODES.split())


def path_param(type_: str = "string") -> P:
    return P(type_, required=True, location="path")


PARAMETERS: dict[str, dict[str, P]] = {
    "listModels": {},
    "retrieveModel": {"model": path_param()},
    "deleteModel": {"model": path_param()},
    "createCompletion": {
        "model": P("string", required=True),
        "prompt": P(TOKENS_INPUT, nullable=True, default="<|endoftext|>", min_items=1),
        "suffix": P("string", nullable=True, default=None),
        "max_tokens": P("integer", nullable=True, default=16, minimum=0),
        "temperature": TEMPERATURE,
        "top_p": TOP_P,
        "n": P("integer", nullable=True, default=1, minimum=1, maximum=128),
        "stream": STREAM,
        "logprobs": P("integer", nullable=True, default=None, minimum=0, maximum=5),
        "echo": P("boolean", nullable=True, default=False),
        "stop": STOP,
        "presence_penalty": PENALTY,
        "frequency_penalty": PENALTY,
        "best_of": P("integer", nullable=True, default=1, minimum=1, maximum=20),
        "logit_bias": LOGIT_BIAS,
        "user": USER,
    },
    "createChatCompletion": {
        "model": P("string", required=True),
        "messages": P("ChatCompletionRequestMessage[]", required=True, min_items=1),
        "temperature": TEMPERATURE,
        "top_p": TOP_P,
        "n": P("integer", nullable=True, default=1, minimum=1, maximum=128),
        "stream": STREAM,
        "stop": STOP,
        "max_tokens": P("integer", nullable=True, minimum=0),
        "presence_penalty": PENALTY,
        "frequency_penalty": PENALTY,
        "logit_bias": LOGIT_BIAS,
        "user": USER,
    },
    "createEdit": {
        "model": P("string", required=True),
        "input": P("string", nullable=True, default=""),
        "instruction": P("string", required=True),
        "n": P("integer", nullable=True, default=1, minimum=1, maximum=20),
        "temperature": TEMPERATURE,
        "top_p": TOP_P,
    },
    "createImage": {
        "prompt": IMAGE_PROMPT,
        "n": IMAGE_N,
        "size": IMAGE_SIZE,
        "response_format": IMAGE_FORMAT,
        "user": USER,
    },
    "createImageEdit": {
        "image": FILE,
        "mask": P("binary"),
        "prompt": IMAGE_PROMPT,
        "n": IMAGE_N,
        "size": IMAGE_SIZE,
        "response_format": IMAGE_FORMAT,
        "user": USER,
    },
    "createImageVariation": {
        "image": FILE,
        "n": IMAGE_N,
        "size": IMAGE_SIZE,
        "response_format": IMAGE_FORMAT,
        "user": USER,
    },
    "createEmbedding": {
        "model": P("string", required=True),
        "input": P(TOKENS_INPUT, required=True, min_items=1, max_items=2048, min_length=1),
        "user": USER,
        "encoding_format": P("string", default="float", enum=("float", "base64")),
    },
    "createTranscription": {
        "file": FILE,
        "model": P("string", required=True),
        "prompt": P("string"),
        "response_format": AUDIO_FORMAT,
        "temperature": AUDIO_TEMPERATURE,
        "language": P("string", enum=WHISPER_LANGUAGES),
    },
    "createTranslation": {
        "file": FILE,
        "model": P("string", required=True),
        "prompt": P("string"),
        "response_format": AUDIO_FORMAT,
        "temperature": AUDIO_TEMPERATURE,
    },
    "listFiles": {},
    "createFile": {
        "file": FILE,
        "purpose": P("string", required=True, enum=("fine-tune", "search", "answers", "classifications")),
    },
    "retrieveFile": {"file_id": path_param()},
    "deleteFile": {"file_id": path_param()},
    "downloadFile": {"file_id": path_param()},
    "createFineTune": {
        "training_file": P("string", required=True),
        "validation_file": P("string", nullable=True, default=None),
        "model": P("string", nullable=True, default="curie"),
        "n_epochs": P("integer", nullable=True, default=4, minimum=1, maximum=50),
        "batch_size": P("integer", nullable=True, default=None),
        "learning_rate_multiplier": P("number", nullable=True, default=None),
        "prompt_loss_weight": P("number", nullable=True, default=0.01),
        "compute_classification_metrics": P("boolean", nullable=True, default=False),
        "classification_n_classes": P("integer", nullable=True, default=None),
        "classification_positive_class": P("string", nullable=True, default=None),
        "classification_betas": P("number[]", nullable=True, default=None),
        "suffix": P("string", nullable=True, default=None, max_length=40, pattern="^[A-Za-z0-9_-]{1,40}$"),
    },
    "listFineTunes": {},
    "retrieveFineTune": {"fine_tune_id": path_param()},
    "cancelFineTune": {"fine_tune_id": path_param()},
    "listFineTuneEvents": {
        "fine_tune_id": path_param(),
        "stream": P("boolean", default=False, location="query"),
    },
    "createModeration": {
        "input": P("string|string[]", required=True, min_items=1),
        "model": P("string", default="text-moderation-latest"),
    },
    "listEngines": {},
    "retrieveEngine": {"engine_id": path_param()},
}

CHAT_MESSAGE = {
    "role": P("string", required=True, enum=("system", "assistant", "user")),
    "content": P("string", required=True),
    "name": P("string", max_length=64, pattern="^[a-zA-Z0-9_]{1,64}$"),
}

FACETS = {
    "default": "default",
    "enum": "enum",
    "minimum": "minimum",
    "maximum": "maximum",
    "minItems": "min_items",
    "maxItems": "max_items",
    "maxLength": "max_length",
    "minLength": "min_length",
    "pattern": "pattern",
}


def resolve(doc: dict[str, Any], ref: str) -> Any:
    node: Any = doc
    for token in ref.removeprefix("#/").split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def type_name(doc: dict[str, Any], schema: dict[str, Any]) -> tuple[str, bool]:
    """(type spelled as in the tables, nullable)."""
    if "$ref" in schema:
        target = resolve(doc, schema["$ref"])
        if target.get("type") == "object":
            return schema["$ref"].rsplit("/", 1)[1], False
        return type_name(doc, target)
    branches = schema.get("anyOf") or schema.get("oneOf")
    if branches:
        names, nullable = [], False
        for branch in branches:
            name, branch_nullable = type_name(doc, branch)
            nullable |= branch_nullable or name == "null"
            if name != "null":
                names.append(name)
        return "|".join(names), nullable
    declared = schema["type"]
    nullable = isinstance(declared, list) and "null" in declared
    kind = next(t for t in declared if t != "null") if isinstance(declared, list) else declared
    if kind == "array":
        return type_name(doc, schema["items"])[0] + "[]", nullable
    if kind == "string" and schema.get("format") == "binary":
        return "binary", nullable
    return kind, nullable


def describe(doc: dict[str, Any], schema: dict[str, Any], required: bool, location: str) -> P:
    facets: dict[str, Any] = {}

    def visit(node: dict[str, Any]) -> None:
        for keyword, field in FACETS.items():
            if keyword in node and field not in facets:
                value = node[keyword]
                facets[field] = tuple(value) if isinstance(value, list) else value
        if "$ref" in node:
            target = resolve(doc, node["$ref"])
            if target.get("type") != "object":
                visit(target)
        for branch in node.get("anyOf", []) + node.get("oneOf", []):
            visit(branch)

    visit(schema)
    name, nullable = type_name(doc, schema)
    return P(name, required=required, nullable=nullable, location=location, **facets)


def object_properties(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, P]:
    if "$ref" in schema:
        schema = resolve(doc, schema["$ref"])
    required = set(schema.get("required", []))
    return {name: describe(doc, prop, name in required, "body") for name, prop in schema["properties"].items()}


def operation(doc: dict[str, Any], method: str, path: str) -> tuple[dict[str, Any], dict[str, Any]]:
    item = doc["paths"][path]
    return item, item[method]


def actual_parameters(doc: dict[str, Any], method: str, path: str) -> dict[str, P]:
    item, op = operation(doc, method, path)
    found: dict[str, P] = {}
    for parameter in item.get("parameters", []) + op.get("parameters", []):
        if "$ref" in parameter:
            parameter = resolve(doc, parameter["$ref"])
        if parameter["in"] != "header":  # the one header is a house rule of scripts/check
            found[parameter["name"]] = describe(
                doc, parameter["schema"], parameter.get("required", False), parameter["in"]
            )
    for media in op.get("requestBody", {}).get("content", {}).values():
        found.update(object_properties(doc, media["schema"]))
    return found


def test_server_and_version(spec: dict[str, Any]) -> None:
    assert spec["openapi"] == "3.1.0"
    assert [server["url"] for server in spec["servers"]] == ["https://api.openai.com/v1"]


def test_exactly_the_documented_operations(spec: dict[str, Any]) -> None:
    found = {
        (op["operationId"], method, path, tuple(op["tags"]))
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method != "parameters"
    }
    documented = {(op_id, method, path, (tag,)) for op_id, method, path, tag in OPERATIONS}
    assert found == documented, (
        f"only in the spec: {sorted(found - documented)}; only in OPERATIONS: {sorted(documented - found)}. "
        "OPERATIONS (and PARAMETERS) above are transcribed from the API reference: when the API gains or loses an "
        "operation, update them from the reference together with spec/openapi.yaml"
    )


@pytest.mark.parametrize(("operation_id", "method", "path", "tag"), OPERATIONS)
def test_operation_metadata(spec: dict[str, Any], operation_id: str, method: str, path: str, tag: str) -> None:
    # Summaries and descriptions are scripts/check's house rules; deprecation is the reference's word.
    _, op = operation(spec, method, path)
    assert op.get("deprecated", False) is (tag == "Engines")


@pytest.mark.parametrize(("operation_id", "method", "path", "tag"), OPERATIONS)
def test_documented_parameters(spec: dict[str, Any], operation_id: str, method: str, path: str, tag: str) -> None:
    expected = PARAMETERS[operation_id]
    actual = actual_parameters(spec, method, path)
    update = f"; PARAMETERS[{operation_id!r}] is transcribed from the API reference: update it with the spec"
    assert sorted(actual) == sorted(expected), f"parameter names differ{update}"
    for name, want in expected.items():
        assert actual[name].key() == want.key(), f"{operation_id}.{name}: spec {actual[name]} != docs {want}{update}"


def test_chat_message_fields(spec: dict[str, Any]) -> None:
    actual = object_properties(spec, {"$ref": "#/components/schemas/ChatCompletionRequestMessage"})
    assert {name: p.key() for name, p in actual.items()} == {name: p.key() for name, p in CHAT_MESSAGE.items()}


def test_logit_bias_maps_token_ids_to_bounded_integers(spec: dict[str, Any]) -> None:
    schema = spec["components"]["schemas"]["LogitBias"]
    assert schema["type"] == "object"
    # Decimal ids from 0 to 100276, the last id of cl100k_base (decision 11).
    pattern = re.compile(schema["propertyNames"]["pattern"])
    assert all(pattern.fullmatch(str(token)) for token in (0, 7, 50256, 99999, 100000, 100199, 100269, 100276))
    assert not any(pattern.fullmatch(key) for key in ("100277", "100300", "101000", "999999", "-1", "1.0", "", "x"))
    assert schema["additionalProperties"] == {"type": "integer", "minimum": -100, "maximum": 100}
