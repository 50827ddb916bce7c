"""Validate and lint the OpenAPI document: structure, house rules, `$ref`s and examples.

Usage: python scripts/_spec_check.py [SPEC]   (default spec/openapi.yaml); exits 1 on any problem.
"""

from __future__ import annotations

import json
import keyword
import re
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml
from _client_hints import check_client_hints  # scripts/, beside this file
from jsonschema import Draft202012Validator, ValidationError
from jsonschema.validators import extend
from openapi_spec_validator import OpenAPIV31SpecValidator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

__all__ = [
    "check",
    "check_error_responses",
    "check_examples",
    "check_facade",
    "check_house_rules",
    "check_operation_conventions",
    "check_operation_examples",
    "check_operations",
    "check_refs",
    "check_request_conventions",
    "check_schema_conventions",
    "check_stream_conventions",
    "check_structure",
    "check_unused",
    "iter_examples",
    "load",
    "main",
]

DEFAULT_SPEC = Path("spec/openapi.yaml")
BASE_URI = "urn:openapi-spec"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
COMPONENT_KINDS = ("schemas", "responses", "parameters", "headers", "examples", "requestBodies")
CAMEL_CASE = re.compile(r"^[a-z][a-zA-Z0-9]*$")
# `x-facade: chat.completions.create`: a resource path of one or more snake_case names, then the method.
FACADE_PATH = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
# Names every facade resource already has.
FACADE_RESERVED = frozenset({"with_raw_response"})
# Values under these keywords are instances, not parts of the document to walk.
DATA_KEYWORDS = frozenset({"example", "examples", "default", "const", "enum", "value"})
# The keys of these maps are names chosen by the author, so a key "example" there is not the keyword.
NAME_MAPS = frozenset(
    {"paths", "properties", "patternProperties", "$defs", "content", "encoding", "links", "callbacks", "responses"}
    | set(COMPONENT_KINDS)
    | {"securitySchemes"}
)

Json = Any


def load(path: Path) -> Json:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _resolve_pointer(doc: Json, pointer: str) -> Json:
    """Follow a JSON pointer (without '#'); raise KeyError when it leads nowhere."""
    node = doc
    for raw in pointer.split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise KeyError(pointer)
    return node


def check_structure(doc: Json) -> list[str]:
    """The document must be valid OpenAPI 3.1."""
    return [
        f"openapi: {error.message} (at /{'/'.join(str(part) for part in error.path)})"
        for error in OpenAPIV31SpecValidator(doc).iter_errors()
    ]


def check_operations(doc: Json) -> list[str]:
    """House rules: unique camelCase operationId, declared tag, summary, a 2xx and an error response."""
    problems: list[str] = []
    declared_tags = {tag.get("name") for tag in doc.get("tags", [])}
    seen: dict[str, str] = {}
    for path, item in (doc.get("paths") or {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            where = f"{method.upper()} {path}"
            operation_id = operation.get("operationId")
            if not isinstance(operation_id, str):
                problems.append(f"{where}: no operationId")
            elif not CAMEL_CASE.match(operation_id):
                problems.append(f"{where}: operationId {operation_id!r} is not camelCase")
            elif operation_id in seen:
                problems.append(f"{where}: operationId {operation_id!r} also used by {seen[operation_id]}")
            else:
                seen[operation_id] = where
            tags = operation.get("tags") or []
            if not tags:
                problems.append(f"{where}: no tag")
            problems.extend(
                f"{where}: tag {tag!r} is not declared in the top-level tags"
                for tag in tags
                if tag not in declared_tags
            )
            if not str(operation.get("summary") or "").strip():
                problems.append(f"{where}: no summary")
            codes = [str(code) for code in (operation.get("responses") or {})]
            if not any(code.startswith("2") for code in codes):
                problems.append(f"{where}: no 2xx response")
            if not any(code[0] in "45" or code == "default" for code in codes):
                problems.append(f"{where}: no 4xx, 5xx or default error response")
    return problems


def check_facade(doc: Json) -> list[str]:
    """Every operation names its facade method (`x-facade: <resource path>.<method>`), once across the spec."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path, item in (doc.get("paths") or {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            where = f"{method.upper()} {path}"
            facade = operation.get("x-facade")
            if facade is None:
                problems.append(f"{where}: no x-facade (the facade method, e.g. chat.completions.create)")
            elif not isinstance(facade, str) or not FACADE_PATH.match(facade):
                problems.append(f"{where}: x-facade {facade!r} is not <resource>.<method> in snake_case")
            elif any(keyword.iskeyword(part) or part in FACADE_RESERVED for part in facade.split(".")):
                problems.append(f"{where}: x-facade {facade!r} uses a Python keyword or a reserved name")
            elif facade in seen:
                problems.append(f"{where}: x-facade {facade!r} also used by {seen[facade]}")
            else:
                seen[facade] = where
    # A resource cannot also be a method: `files.content` next to `files.content.read` would clash.
    resources = {name[: match.start()] for name in seen for match in re.finditer(r"\.", name)}
    problems.extend(
        f"{where}: x-facade {name!r} is a method and a resource at once"
        for name, where in seen.items()
        if name in resources
    )
    return problems


def _iter_refs(node: Json, pointer: str = "", names: bool = False) -> Iterator[tuple[str, str]]:
    """Yield (location, target) of every `$ref` outside example data."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _iter_refs(item, f"{pointer}/{index}")
    elif isinstance(node, Mapping):
        ref = node.get("$ref")
        if isinstance(ref, str) and not names:
            yield pointer, ref
        for key, value in node.items():
            # A media type's `examples` map holds Example Objects, which may be `$ref`s; other data holds none.
            if names or key not in DATA_KEYWORDS or (key == "examples" and isinstance(value, Mapping)):
                yield from _iter_refs(value, f"{pointer}/{_escape(key)}", not names and key in NAME_MAPS)


def check_refs(doc: Json) -> list[str]:
    """Every `$ref` must be local and resolve."""
    problems: list[str] = []
    for location, ref in _iter_refs(doc):
        if not ref.startswith("#/"):
            problems.append(f"{location}: $ref {ref!r} is not a local reference")
            continue
        try:
            _resolve_pointer(doc, ref[1:])
        except KeyError:
            problems.append(f"{location}: $ref {ref!r} does not resolve")
    return problems


def _component_of(pointer: str) -> str | None:
    parts = pointer.split("/")
    if len(parts) >= 4 and parts[1] == "components" and parts[2] in COMPONENT_KINDS:
        return "/".join(parts[:4])
    return None


def check_unused(doc: Json) -> list[str]:
    """Every component must be reachable from the paths (directly or through other components)."""
    refs_from: dict[str | None, set[str]] = {}
    for location, ref in _iter_refs(doc):
        target = _component_of(ref[1:]) if ref.startswith("#/") else None
        if target is not None:
            refs_from.setdefault(_component_of(location), set()).add(target)
    reached: set[str] = set()
    pending = list(refs_from.get(None, set()))
    while pending:
        component = pending.pop()
        if component not in reached:
            reached.add(component)
            pending.extend(refs_from.get(component, set()))
    components = doc.get("components") or {}
    return [
        f"unused component: #/components/{kind}/{name}"
        for kind in COMPONENT_KINDS
        for name in components.get(kind) or {}
        if f"/components/{kind}/{_escape(name)}" not in reached
    ]


def iter_examples(
    doc: Json, node: Json = None, pointer: str = "", names: bool = False
) -> Iterator[tuple[str, Json, str]]:
    """Yield (example location, instance, schema pointer) for every example and default in the document."""
    node = doc if node is None and pointer == "" else node
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from iter_examples(doc, item, f"{pointer}/{index}")
        return
    if not isinstance(node, Mapping):
        return
    if names:
        for key, value in node.items():
            yield from iter_examples(doc, value, f"{pointer}/{_escape(key)}")
        return
    if "schema" in node:  # a parameter, header or media type: its examples follow its schema
        schema_pointer = f"{pointer}/schema"
        if "example" in node:
            yield f"{pointer}/example", node["example"], schema_pointer
        for name, example in (node.get("examples") or {}).items():
            if "$ref" in example:
                example = _resolve_pointer(doc, example["$ref"][1:])
            if "value" in example:
                yield f"{pointer}/examples/{_escape(name)}", example["value"], schema_pointer
    elif "$ref" not in node or len(node) > 1:  # a schema: its examples and default follow itself
        if "example" in node:
            yield f"{pointer}/example", node["example"], pointer
        if isinstance(node.get("examples"), list):
            for index, example in enumerate(node["examples"]):
                yield f"{pointer}/examples/{index}", example, pointer
        if "default" in node:
            yield f"{pointer}/default", node["default"], pointer
    for key, value in node.items():
        if key not in DATA_KEYWORDS and not key.startswith("x-"):
            yield from iter_examples(doc, value, f"{pointer}/{_escape(key)}", key in NAME_MAPS)


def _content_schema(
    validator: Any, content_schema: Json, instance: Json, schema: Mapping[str, Json]
) -> Iterator[ValidationError]:
    """Apply `contentSchema` to JSON text, as SSE `data` fields carry it (JSON Schema leaves it optional)."""
    if schema.get("contentMediaType") != "application/json" or not isinstance(instance, str):
        return
    try:
        decoded = json.loads(instance)
    except ValueError as exc:
        yield ValidationError(f"{instance!r} is not JSON ({exc})")
        return
    yield from validator.descend(decoded, content_schema)


def _is_string(checker: Any, instance: Json) -> bool:
    # A file part's example holds the file itself (YAML !!binary): bytes are the `format: binary` string.
    return isinstance(instance, str | bytes)


# jsonschema's `extend` carries no annotations; the result is a Draft 2020-12 validator class.
_ContentValidator: type[Draft202012Validator] = extend(  # type: ignore[no-untyped-call]
    Draft202012Validator,
    {"contentSchema": _content_schema},
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("string", _is_string),
)


def _deepest(error: ValidationError) -> ValidationError:
    """The sub-error that got furthest into the instance: the likeliest intended branch of an anyOf/oneOf."""
    causes = [_deepest(cause) for cause in error.context or []]
    return max(causes, key=lambda cause: len(cause.absolute_path), default=error)


def check_examples(doc: Json) -> list[str]:
    """Every example and default must validate (Draft 2020-12) against its schema, `$ref`s resolved in the document."""
    registry: Registry[Json] = Registry().with_resource(
        BASE_URI, Resource.from_contents(doc, default_specification=DRAFT202012)
    )
    problems: list[str] = []
    for location, instance, schema_pointer in iter_examples(doc):
        validator = _ContentValidator(
            {"$ref": f"{BASE_URI}#{schema_pointer}"},
            registry=registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )
        for error in validator.iter_errors(instance):
            # For anyOf/oneOf, name the closest branch's failure rather than only "not valid under any".
            cause = _deepest(error)
            detail = "" if cause is error else f"; closest: {cause.message} (at {cause.json_path})"
            problems.append(f"example {location}: {error.message} (at {error.json_path}){detail}")
    return problems


# ---------------------------------------------------------------------------------------------------------------
# House rules on the document's shape: what the generators, the mock and the facade rely on. Each problem names
# its location (a JSON pointer, or METHOD /path for an operation).

# Every operation answers these with the shared error body (components/responses/<name>, or its own response with
# the same schema when it carries its own example).
ERROR_RESPONSES = {
    "400": "BadRequest",
    "401": "Unauthorized",
    "404": "NotFound",
    "409": "Conflict",
    "413": "PayloadTooLarge",
    "429": "RateLimited",
    "500": "ServerError",
    "503": "ServiceUnavailable",
}
RETRY_AFTER_RESPONSES = ("RateLimited", "ServiceUnavailable")
ERROR_SCHEMA = {"$ref": "#/components/schemas/ErrorResponse"}
# A client-wide header (decision 38): the security scheme documents it, no operation declares it.
ORGANIZATION_HEADER = "OpenAI-Organization"
# Objects whose every field the API may leave out: an image carries `url` or `b64_json`, a delta `role` or `content`.
ALL_OPTIONAL_OBJECTS = frozenset({"Image", "ChatCompletionDelta"})
JSON = "application/json"
EVENT_STREAM = "text/event-stream"
MULTIPART = "multipart/form-data"
OCTET_STREAM = "application/octet-stream"


def _operations(doc: Json) -> Iterator[tuple[str, str, Json]]:
    """(METHOD /path, JSON pointer, operation) for every operation."""
    for path, item in (doc.get("paths") or {}).items():
        for method in METHODS:
            if isinstance(item.get(method), Mapping):
                yield f"{method.upper()} {path}", f"/paths/{_escape(path)}/{method}", item[method]


def _media(operation: Json, pointer: str) -> Iterator[tuple[str, str, Json]]:
    """(where, media type, media object) of the request body and of every response."""
    body = operation.get("requestBody") or {}
    for media_type, media in (body.get("content") or {}).items():
        yield f"{pointer}/requestBody/content/{_escape(media_type)}", media_type, media
    for status, response in (operation.get("responses") or {}).items():
        for media_type, media in (response.get("content") or {}).items():
            yield f"{pointer}/responses/{status}/content/{_escape(media_type)}", media_type, media


def _schema_name(node: Json) -> str | None:
    ref = node.get("$ref") if isinstance(node, Mapping) else None
    prefix = "#/components/schemas/"
    return ref[len(prefix) :] if isinstance(ref, str) and ref.startswith(prefix) else None


def check_error_responses(doc: Json) -> list[str]:
    """Every operation declares the shared error responses; those carry ErrorResponse (and Retry-After where due)."""
    problems: list[str] = []
    for where, _, operation in _operations(doc):
        responses = operation.get("responses") or {}
        for status, name in ERROR_RESPONSES.items():
            response = responses.get(status, responses.get(int(status)))
            if response is None:
                problems.append(f"{where}: no {status} response (#/components/responses/{name})")
            elif response != {"$ref": f"#/components/responses/{name}"}:
                schema = ((response.get("content") or {}).get(JSON) or {}).get("schema")
                if schema != ERROR_SCHEMA:
                    problems.append(
                        f"{where}: response {status} is neither #/components/responses/{name} nor ErrorResponse"
                    )
    shared = (doc.get("components") or {}).get("responses") or {}
    for name in ERROR_RESPONSES.values():
        response = shared.get(name)
        if response is None:
            problems.append(f"/components/responses/{name}: missing")
            continue
        if ((response.get("content") or {}).get(JSON) or {}).get("schema") != ERROR_SCHEMA:
            problems.append(f"/components/responses/{name}: its {JSON} schema is not ErrorResponse")
        if name in RETRY_AFTER_RESPONSES and "Retry-After" not in (response.get("headers") or {}):
            problems.append(f"/components/responses/{name}: no Retry-After header")
    return problems


def check_operation_conventions(doc: Json) -> list[str]:
    """A description, no per-operation OpenAI-Organization header, and the global bearer scheme everywhere."""
    problems: list[str] = []
    shared = (doc.get("components") or {}).get("parameters") or {}
    for where, _, operation in _operations(doc):
        if not str(operation.get("description") or "").strip():
            problems.append(f"{where}: no description")
        if any(_is_organization_header(parameter, shared) for parameter in operation.get("parameters") or []):
            problems.append(f"{where}: declares the {ORGANIZATION_HEADER} header; it is the client's, on every request")
        if "security" in operation:
            problems.append(f"{where}: its own security; the document's bearer scheme applies to every operation")
    schemes = (doc.get("components") or {}).get("securitySchemes") or {}
    if doc.get("security") != [{"ApiKeyAuth": []}] or (schemes.get("ApiKeyAuth") or {}).get("scheme") != "bearer":
        problems.append("/security: the document must require the ApiKeyAuth bearer scheme everywhere")
    if ORGANIZATION_HEADER not in str((schemes.get("ApiKeyAuth") or {}).get("description") or ""):
        where = "/components/securitySchemes/ApiKeyAuth"
        problems.append(f"{where}: its description does not explain {ORGANIZATION_HEADER}")
    return problems


def _is_organization_header(parameter: object, shared: Json) -> bool:
    if isinstance(parameter, dict) and isinstance(parameter.get("$ref"), str):
        parameter = shared.get(parameter["$ref"].rsplit("/", 1)[-1])
    return (
        isinstance(parameter, dict)
        and parameter.get("in") == "header"
        and str(parameter.get("name", "")).lower() == ORGANIZATION_HEADER.lower()
    )


def check_operation_examples(doc: Json) -> list[str]:
    """Every request body and every 200 answer has named examples, each with a summary."""
    problems: list[str] = []
    for where, pointer, operation in _operations(doc):
        targets = [("requestBody", operation.get("requestBody") or {})]
        targets.append(("responses/200", (operation.get("responses") or {}).get("200") or {}))
        for part, node in targets:
            for media_type, media in (node.get("content") or {}).items():
                location = f"{pointer}/{part}/content/{_escape(media_type)}"
                examples = media.get("examples") or {}
                if not examples:
                    problems.append(f"{location}: {where} has no examples")
                problems.extend(
                    f"{location}/examples/{_escape(name)}: no summary"
                    for name, example in examples.items()
                    if "$ref" not in example and not str(example.get("summary") or "").strip()
                )
    return problems


def _walk_schemas(node: Json, pointer: str = "") -> Iterator[tuple[str, Mapping[str, Json]]]:
    """Every mapping outside example data, with its pointer."""
    if isinstance(node, Mapping):
        yield pointer, node
        for key, value in node.items():
            if key not in DATA_KEYWORDS:
                yield from _walk_schemas(value, f"{pointer}/{_escape(key)}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk_schemas(item, f"{pointer}/{index}")


def check_schema_conventions(doc: Json) -> list[str]:
    """Named objects only, 3.1 nullability, `object` constants, required fields in answers."""
    problems: list[str] = []
    schemas = (doc.get("components") or {}).get("schemas") or {}
    named = {f"/components/schemas/{_escape(name)}" for name in schemas}
    for pointer, node in _walk_schemas(doc):
        declared = node.get("type")
        if (declared == "object" or (isinstance(declared, list) and "object" in declared)) and pointer not in named:
            problems.append(f"{pointer}: an anonymous object; objects are named component schemas")
        beside_ref = {key for key in node if key not in {"$ref", "default", "description"} and not key.startswith("x-")}
        if "$ref" in node and beside_ref:
            problems.append(f"{pointer}: $ref beside {sorted(beside_ref)}; write anyOf for nullable")
        if "nullable" in node and pointer.rsplit("/", 1)[-1] != "properties":
            problems.append(f"{pointer}: OpenAPI 3.0 `nullable` in a 3.1 document; write type [..., 'null']")
    requests = {
        _schema_name(media.get("schema"))
        for _, _, operation in _operations(doc)
        for media in ((operation.get("requestBody") or {}).get("content") or {}).values()
    }
    for name, schema in schemas.items():
        pointer = f"/components/schemas/{_escape(name)}"
        properties = schema.get("properties") or {}
        if "object" in properties:
            constant = properties["object"]
            if constant.get("type") != "string" or "const" not in constant:
                problems.append(f"{pointer}/properties/object: not a string const")
            if "object" not in (schema.get("required") or []):
                problems.append(f"{pointer}: `object` is not required")
        answers = name not in requests and not name.endswith("Request") and name not in ALL_OPTIONAL_OBJECTS
        if schema.get("type") == "object" and properties and answers and not schema.get("required"):
            problems.append(f"{pointer}: an answer object without required fields")
    return problems


def _reachable_objects(doc: Json, start: Json) -> Iterator[str]:
    """Names of the component schemas ``start`` leads to, itself included."""
    schemas = (doc.get("components") or {}).get("schemas") or {}
    pending, seen = [start], set()
    while pending:
        node = pending.pop()
        name = _schema_name(node)
        if name is not None and name not in seen and name in schemas:
            seen.add(name)
            yield name
            node = schemas[name]
        pending.extend(value for _, value in _walk_schemas(node) if "$ref" in value and value is not node)


def check_request_conventions(doc: Json) -> list[str]:
    """Request bodies are named, closed objects; multipart files are binary parts with an encoding."""
    problems: list[str] = []
    schemas = (doc.get("components") or {}).get("schemas") or {}
    for where, pointer, operation in _operations(doc):
        for media_type, media in ((operation.get("requestBody") or {}).get("content") or {}).items():
            location = f"{pointer}/requestBody/content/{_escape(media_type)}"
            name = _schema_name(media.get("schema"))
            if name is None or name not in schemas:
                problems.append(f"{location}/schema: {where}'s request body is not a named component schema")
                continue
            for reached in _reachable_objects(doc, media["schema"]):
                target = schemas[reached]
                if target.get("properties") and target.get("additionalProperties") is not False:
                    problems.append(
                        f"/components/schemas/{_escape(reached)}: a request object without additionalProperties: false"
                    )
            if media_type != MULTIPART:
                continue
            properties = schemas[name].get("properties") or {}
            binary = {field for field, prop in properties.items() if prop.get("format") == "binary"}
            if not binary or binary != set(media.get("encoding") or {}):
                problems.append(f"{location}/encoding: must list exactly the binary parts {sorted(binary)}")
            for field in sorted(binary):
                prop = properties[field]
                if (prop.get("type"), prop.get("contentMediaType")) != ("string", OCTET_STREAM):
                    problems.append(
                        f"/components/schemas/{_escape(name)}/properties/{_escape(field)}: a binary part "
                        f"must be a string with contentMediaType {OCTET_STREAM}"
                    )
    return problems


def check_stream_conventions(doc: Json) -> list[str]:
    """Streams sit next to JSON in the 200 answer; an event object is {data, event, id, retry}, data [DONE] or JSON."""
    problems: list[str] = []
    schemas = (doc.get("components") or {}).get("schemas") or {}
    for where, pointer, operation in _operations(doc):
        for location, media_type, media in _media(operation, pointer):
            if media_type != EVENT_STREAM:
                continue
            if not location.startswith(f"{pointer}/responses/200/") or JSON not in (
                (operation.get("responses") or {}).get("200", {}).get("content") or {}
            ):
                problems.append(f"{location}: {where} streams only in its 200 answer, next to {JSON}")
            name = _schema_name(media.get("schema"))
            event = schemas.get(name) if name else None
            if not isinstance(event, Mapping):
                problems.append(f"{location}/schema: not a named event object schema")
                continue
            event_pointer = f"/components/schemas/{_escape(str(name))}"
            if event.get("required") != ["data"] or set(event.get("properties") or {}) != {
                "data",
                "event",
                "id",
                "retry",
            }:
                problems.append(
                    f"{event_pointer}: an event object requires data and has exactly data, event, id, retry"
                )
            branches = ((event.get("properties") or {}).get("data") or {}).get("anyOf") or []
            chunk = branches[1] if len(branches) == 2 and isinstance(branches[1], Mapping) else {}
            if (
                len(branches) != 2
                or branches[0] != {"$ref": "#/components/schemas/StreamDone"}
                or (chunk.get("type"), chunk.get("contentMediaType")) != ("string", JSON)
                or _schema_name(chunk.get("contentSchema")) is None
            ):
                problems.append(
                    f"{event_pointer}/properties/data: must be anyOf [StreamDone, JSON text with a contentSchema $ref]"
                )
    return problems


def check_house_rules(doc: Json) -> list[str]:
    return (
        check_client_hints(doc)
        + check_error_responses(doc)
        + check_operation_conventions(doc)
        + check_operation_examples(doc)
        + check_schema_conventions(doc)
        + check_request_conventions(doc)
        + check_stream_conventions(doc)
    )


# ---------------------------------------------------------------------------------------------------------------


def check(doc: Json) -> list[str]:
    if not isinstance(doc, Mapping):
        return ["the document is not a YAML mapping"]
    ref_problems = check_refs(doc)
    if ref_problems:  # the structure and example checks need every reference to resolve
        return ref_problems + check_operations(doc) + check_facade(doc) + check_unused(doc)
    return (
        check_structure(doc)
        + check_operations(doc)
        + check_facade(doc)
        + check_unused(doc)
        + check_examples(doc)
        + check_house_rules(doc)
    )


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_SPEC
    try:
        doc = load(path)
    except (OSError, yaml.YAMLError) as exc:
        print(f"{path}: cannot read: {exc}", file=sys.stderr)
        return 1
    problems = check(doc)
    for problem in problems:
        print(f"{path}: {problem}", file=sys.stderr)
    if problems:
        print(f"{path}: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    operations = sum(1 for item in doc["paths"].values() for method in METHODS if method in item)
    examples = sum(1 for _ in iter_examples(doc))
    schemas = len(doc.get("components", {}).get("schemas", {}))
    print(f"{path}: ok ({operations} operations, {schemas} schemas, {examples} examples and defaults validated)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
