"""Spec-driven answers for operations of the spec that have no hand-written handler.

A new operation in ``spec/openapi.yaml`` is served at once: its request is validated against the
operation's parameters and body schema (400s in the API's wording, as for every route), and it is
answered with the success response's example or, lacking one, a value built from the response
schema. The ``x-mock-source`` header says which (``spec-example`` or ``spec-schema``), so a test
can tell a real semantic answer from a placeholder of the right shape.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from typing import Any

import orjson
from jsonschema.exceptions import best_match
from starlette.requests import Request
from starlette.responses import Response

from ..errors import InvalidRequestError
from ..http.services import Endpoint, Operation, Services, api
from ..http.validation import PARSE_ERROR, schema_error
from ..spec import SpecDocument

__all__ = ["SOURCE_HEADER", "fallback_operations", "sample_from_schema", "spec_operations"]

log = logging.getLogger("openai_mock")

SOURCE_HEADER = "x-mock-source"
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
# An API prefix the spec's server URL carries (https://api.openai.com/v1) and the mock serves under.
_PREFIX = "/v1"


def _pointer(*parts: str) -> str:
    return "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in parts)


def _deref(spec: SpecDocument, node: Any) -> Any:
    """Follow a local ``$ref`` to any component (parameters, responses, request bodies, schemas)."""
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
        target: Any = spec.document
        for part in node["$ref"][2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def spec_operations(spec: SpecDocument) -> Iterator[tuple[str, str, str, Mapping[str, Any]]]:
    """(METHOD, mock path, spec path, operation) for every operation of the document."""
    for path, item in (spec.document.get("paths") or {}).items():
        for method in _METHODS:
            operation = item.get(method) if isinstance(item, dict) else None
            if isinstance(operation, dict):
                yield method.upper(), _PREFIX + path, path, operation


def _success(spec: SpecDocument, operation: Mapping[str, Any]) -> tuple[int, Mapping[str, Any]]:
    responses: Mapping[str, Any] = operation.get("responses") or {}
    codes = sorted(code for code in responses if str(code).startswith("2"))
    if not codes:
        return 200, {}
    code = codes[0]
    return int(code), _deref(spec, responses[code]) or {}


def _first_example(media: Mapping[str, Any]) -> tuple[bool, Any]:
    if "example" in media:
        return True, media["example"]
    for example in (media.get("examples") or {}).values():
        if isinstance(example, dict) and "value" in example:
            return True, example["value"]
    return False, None


def sample_from_schema(spec: SpecDocument, schema: Any, depth: int = 0) -> Any:
    """A deterministic value of ``schema``: its example or default, else the simplest valid value."""
    schema = spec.resolve(schema)
    if not isinstance(schema, dict) or depth > 16:
        return None
    for key in ("const", "example", "default"):
        if key in schema:
            return schema[key]
    if schema.get("examples"):
        return schema["examples"][0]
    if schema.get("enum"):
        return schema["enum"][0]
    for key in ("oneOf", "anyOf"):
        branches = [b for b in schema.get(key, ()) if spec.resolve(b).get("type") != "null"]
        if branches:
            return sample_from_schema(spec, branches[0], depth + 1)
    if schema.get("allOf"):
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = sample_from_schema(spec, part, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if kind == "object" or (kind is None and "properties" in schema):
        props: Mapping[str, Any] = schema.get("properties") or {}
        return {name: sample_from_schema(spec, prop, depth + 1) for name, prop in props.items()}
    if kind == "array":
        count = max(1, int(schema.get("minItems", 1)))
        return [sample_from_schema(spec, schema.get("items", {}), depth + 1) for _ in range(count)]
    if kind == "string":
        length = max(int(schema.get("minLength", 0)), min(6, int(schema.get("maxLength", 6))))
        return "x" * length
    if kind in ("integer", "number"):
        bound: Any = schema["minimum"] if "minimum" in schema else schema.get("exclusiveMinimum", 0)
        low = float(bound)
        number = low + (1 if "exclusiveMinimum" in schema else 0)
        return int(number) if kind == "integer" else float(number)
    if kind == "boolean":
        return False
    return None


def _answer(spec: SpecDocument, operation: Mapping[str, Any]) -> tuple[int, str, bytes, str]:
    """(status, content type, body, source) of the operation's success response."""
    status, response = _success(spec, operation)
    content: Mapping[str, Any] = response.get("content") or {}
    if not content:
        return status, "application/json", b"", "spec-schema"
    media_type, media = next(iter(content.items()))
    found, value = _first_example(media)
    source = "spec-example" if found else "spec-schema"
    if not found:
        value = sample_from_schema(spec, media.get("schema", {}))
    if "json" in media_type:
        return status, media_type, orjson.dumps(value), source
    if isinstance(value, bytes):
        return status, media_type, value, source
    return status, media_type, ("" if value is None else str(value)).encode(), source


def _check(spec: SpecDocument, pointer: str, value: Any, param: str | None = None) -> None:
    error = best_match(spec.pointer_validator(pointer).iter_errors(value))
    if error is None:
        return
    failure = schema_error(error)
    if param is not None and failure.param is None:
        raise InvalidRequestError(f"{failure.message} - '{param}'", param=param)
    raise failure


def _coerced(text: str, schema: Any) -> Any:
    kind = schema.get("type") if isinstance(schema, dict) else None
    kinds = kind if isinstance(kind, list) else [kind]
    try:
        if "integer" in kinds:
            return int(text)
        if "number" in kinds:
            return float(text)
    except ValueError:
        return text
    if "boolean" in kinds and text in ("true", "false"):
        return text == "true"
    return text


def _parameter(spec: SpecDocument, raw: Mapping[str, Any], inline_pointer: str) -> tuple[Mapping[str, Any], str]:
    """A parameter and the JSON pointer of its schema (in the component when it is a $ref)."""
    ref = raw.get("$ref")
    pointer = (str(ref).removeprefix("#") if ref else inline_pointer) + "/schema"
    resolved: Mapping[str, Any] = _deref(spec, raw)
    return resolved, pointer


def _handler(spec: SpecDocument, method: str, spec_path: str, operation: Mapping[str, Any]) -> Endpoint:
    base = _pointer("paths", spec_path, method.lower())
    item_base = _pointer("paths", spec_path)
    shared = spec.document["paths"][spec_path].get("parameters") or ()
    parameters = [
        *(_parameter(spec, raw, f"{item_base}/parameters/{i}") for i, raw in enumerate(shared)),
        *(_parameter(spec, raw, f"{base}/parameters/{i}") for i, raw in enumerate(operation.get("parameters") or ())),
    ]
    body_spec = _deref(spec, operation.get("requestBody")) or {}
    body_ref = (operation.get("requestBody") or {}).get("$ref")
    body_base = str(body_ref).removeprefix("#") if body_ref else f"{base}/requestBody"
    status, media_type, answer, source = _answer(spec, operation)

    async def validate(request: Request) -> None:
        sources: Mapping[str, Mapping[str, str]] = {
            "path": request.path_params,
            "query": request.query_params,
            "header": request.headers,
        }
        for parameter, pointer in parameters:
            name, given = str(parameter.get("name")), sources.get(str(parameter.get("in")))
            if given is None or "schema" not in parameter:
                continue
            if name not in given:
                if parameter.get("required"):
                    raise InvalidRequestError(f"Missing required parameter: '{name}'.", param=name)
                continue
            _check(spec, pointer, _coerced(str(given[name]), spec.resolve(parameter["schema"])), name)
        content: Mapping[str, Any] = body_spec.get("content") or {}
        body_pointer = body_base + "/content"
        if "application/json" in content:
            body = await request.body()
            if not body and not body_spec.get("required"):
                return
            try:
                data = orjson.loads(body)
            except orjson.JSONDecodeError:
                raise InvalidRequestError(PARSE_ERROR) from None
            _check(spec, body_pointer + _pointer("application/json", "schema"), data)
        elif "multipart/form-data" in content:
            schema = spec.resolve(content["multipart/form-data"].get("schema", {}))
            props: Mapping[str, Any] = schema.get("properties") or {}
            form = await request.form()
            fields = {
                k: "" if hasattr(v, "filename") else _coerced(str(v), spec.resolve(props.get(k, {})))
                for k, v in form.items()
            }
            _check(spec, body_pointer + _pointer("multipart/form-data", "schema"), fields)

    @api
    async def serve(request: Request) -> Response:
        await validate(request)
        return Response(answer, status_code=status, media_type=media_type, headers={SOURCE_HEADER: source})

    return serve


def fallback_operations(services: Services, handled: set[tuple[str, str]]) -> list[Operation]:
    """An answering route for every operation of the spec that ``handled`` (METHOD, path) lacks."""
    spec = services.spec
    served: list[Operation] = []
    for method, path, spec_path, operation in spec_operations(spec):
        if (method, path) in handled:
            continue
        served.append((method, path, _handler(spec, method, spec_path, operation)))
    if served:
        names = ", ".join(f"{m} {p}" for m, p, _ in served)
        log.info("served from the spec (no hand-written handler): %s", names)
    return served
