"""The spec's operations as scripting sees them: id, method, path pattern and the facade's name.

A handle's name is the facade's call path (``chat.completions.create``), read from the
operation's ``x-facade`` vendor extension (``scripts/check`` requires one on every operation); an
operation of another document without one is named by its snake_case operationId.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..spec import SpecDocument

__all__ = ["Operation", "OperationTable"]

_METHODS = ("get", "post", "put", "patch", "delete")


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


@dataclass(frozen=True)
class Operation:
    """One operation of the spec; ``pattern`` matches its full path (``/v1/...``)."""

    operation_id: str
    facade_name: str
    method: str
    path: str
    pattern: re.Pattern[str]
    # JSON pointer of the 200 answer's JSON schema, None when it has no JSON answer.
    json_schema_pointer: str | None
    streams: bool

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.facade_name.split("."))


def _facade_name(operation_id: str, operation: Mapping[str, Any]) -> str:
    name = operation.get("x-facade")
    if isinstance(name, str) and name:
        return name
    # A spec that names no facade method still gets a handle for every operation: its snake_case id.
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()


def _success_content(spec: SpecDocument, operation: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]] | None:
    responses = operation.get("responses", {})
    code = next((c for c in ("200", "201") if c in responses), None)
    if code is None:
        return None
    declared = responses[code]
    if "$ref" in declared:
        name = str(declared["$ref"]).rsplit("/", 1)[-1]
        return f"/components/responses/{_escape(name)}", spec.document["components"]["responses"][name]
    return f"/responses/{code}", declared


class OperationTable:
    """Every operation of a spec document, looked up by id, facade name or request."""

    def __init__(self, spec: SpecDocument) -> None:
        prefix = self._prefix(spec)
        operations: list[Operation] = []
        for template, item in spec.document["paths"].items():
            for method in _METHODS:
                operation = item.get(method)
                if not isinstance(operation, dict) or "operationId" not in operation:
                    continue
                op_id = str(operation["operationId"])
                base = f"/paths/{_escape(template)}/{method}"
                pointer, streams = None, False
                found = _success_content(spec, operation)
                if found is not None:
                    where, declared = found
                    where = base + where if where.startswith("/responses") else where
                    content = declared.get("content", {})
                    if "application/json" in content:
                        pointer = f"{where}/content/application~1json/schema"
                    streams = "text/event-stream" in content
                regex = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(prefix + template))
                operations.append(
                    Operation(
                        op_id,
                        _facade_name(op_id, operation),
                        method.upper(),
                        prefix + template,
                        re.compile(f"^{regex}$"),
                        pointer,
                        streams,
                    )
                )
        self.operations = tuple(operations)
        self._by_id = {op.operation_id: op for op in operations}
        self._by_name = {op.facade_name: op for op in operations}

    @staticmethod
    def _prefix(spec: SpecDocument) -> str:
        servers = spec.document.get("servers") or [{"url": "/v1"}]
        url = str(servers[0].get("url", "/v1"))
        path = re.sub(r"^[a-z]+://[^/]+", "", url)
        return path.rstrip("/")

    def get(self, name: str) -> Operation:
        """By operationId (``createChatCompletion``) or facade name (``chat.completions.create``)."""
        found = self._by_id.get(name) or self._by_name.get(name)
        if found is None:
            raise KeyError(f"no operation {name!r}: use an operationId or a facade name such as 'models.list'")
        return found

    def match(self, method: str, path: str) -> Operation | None:
        method = "GET" if method == "HEAD" else method
        for op in self.operations:
            if op.method == method and op.pattern.match(path):
                return op
        return None
