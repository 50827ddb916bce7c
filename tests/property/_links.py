"""Follow an OpenAPI link of spec/openapi.yaml by hand: evaluate its runtime expressions, build the next case.

Only what the spec's links use: ``$response.body#/pointer``, ``$request.path.name`` and
``$request.header.Name``, as parameters (``name`` or ``location.name``) or as request-body fields.
"""

from __future__ import annotations

import json
from typing import Any

from schemathesis import Case, Response
from schemathesis.specs.openapi.schemas import OpenApiSchema

__all__ = ["evaluate", "follow", "link_definition"]

_LOCATIONS = {"path": "path_parameters", "query": "query", "header": "headers"}


def link_definition(schema: OpenApiSchema, source: Case[Any], status: int, name: str) -> dict[str, Any]:
    links = source.operation.definition.raw["responses"][str(status)].get("links") or {}
    if name not in links:
        raise KeyError(f"{source.operation.label} declares no link {name!r} on {status} (has {sorted(links)})")
    definition: dict[str, Any] = links[name]
    return definition


def evaluate(expression: Any, case: Case[Any], response: Response) -> Any:
    """The value of one runtime expression (a non-string is a literal)."""
    if not isinstance(expression, str) or not expression.startswith("$"):
        return expression
    if expression.startswith("$response.body#"):
        node: Any = json.loads(response.content)
        for part in expression.removeprefix("$response.body#").split("/")[1:]:
            key = part.replace("~1", "/").replace("~0", "~")
            node = node[int(key)] if isinstance(node, list) else node.get(key)
        return node
    if expression.startswith("$request.path."):
        return (case.path_parameters or {}).get(expression.removeprefix("$request.path."))
    if expression.startswith("$request.header."):
        wanted = expression.removeprefix("$request.header.").lower()
        return next((v for k, v in (case.headers or {}).items() if k.lower() == wanted), None)
    raise ValueError(f"unsupported runtime expression {expression!r}")


def follow(schema: OpenApiSchema, source: Case[Any], response: Response, name: str, **body: Any) -> Case[Any]:
    """The case a link leads to, with its parameters filled from ``source`` and ``response``."""
    definition = link_definition(schema, source, response.status_code, name)
    target = schema.find_operation_by_id(definition["operationId"])
    containers: dict[str, dict[str, Any]] = {"path_parameters": {}, "query": {}, "headers": {}}
    for key, expression in (definition.get("parameters") or {}).items():
        location, _, parameter = key.rpartition(".")
        if not location:
            location = next(p.location.value for p in target.iter_parameters() if p.name == parameter)
        value = evaluate(expression, source, response)
        if value is not None:
            containers[_LOCATIONS[location]][parameter] = value
    if "requestBody" in definition:
        fields = definition["requestBody"]
        body = {**{k: evaluate(v, source, response) for k, v in fields.items()}, **body}
    kwargs: dict[str, Any] = {name: value for name, value in containers.items() if value}
    if body:
        kwargs["body"] = body
        kwargs["media_type"] = "application/json"
    case: Case[Any] = target.Case(**kwargs)
    return case
