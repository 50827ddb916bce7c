"""Validate and lint the OpenAPI document: structure, house rules, `$ref`s and examples.

Usage: python scripts/_spec_check.py [SPEC]   (default spec/openapi.yaml); exits 1 on any problem.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, ValidationError
from jsonschema.validators import extend
from openapi_spec_validator import OpenAPIV31SpecValidator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

__all__ = [
    "check",
    "check_examples",
    "check_operations",
    "check_refs",
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


def check(doc: Json) -> list[str]:
    if not isinstance(doc, Mapping):
        return ["the document is not a YAML mapping"]
    ref_problems = check_refs(doc)
    if ref_problems:  # the structure and example checks need every reference to resolve
        return ref_problems + check_operations(doc) + check_unused(doc)
    return check_structure(doc) + check_operations(doc) + check_unused(doc) + check_examples(doc)


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
