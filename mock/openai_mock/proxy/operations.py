"""The spec's operations, found by method and concrete path (``/v1/files/file-abc`` -> ``retrieveFile``).

Everything is read from the document at start-up, so a new path or operation in the spec is
validated with no code change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from ..spec import SpecDocument

__all__ = ["METHODS", "Operation", "OperationIndex", "Resolved", "escape_pointer"]

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def escape_pointer(token: str) -> str:
    """One reference token of a JSON pointer (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


@dataclass(frozen=True)
class Resolved:
    """A node of the document after following its ``$ref``s, with the JSON pointer it was found at."""

    node: Any
    pointer: str


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    template: str
    pointer: str  # of the operation object, e.g. /paths/~1files~1{file_id}/get
    definition: Mapping[str, Any]
    parameters: tuple[Resolved, ...]  # path-item and operation parameters, the operation's winning


class OperationIndex:
    """Every operation of the document, with a matcher from ``(method, path)``."""

    def __init__(self, spec: SpecDocument) -> None:
        self.spec = spec
        servers = spec.document.get("servers") or [{"url": "/"}]
        self.prefix = urlsplit(str(servers[0].get("url", "/"))).path.rstrip("/")
        self.operations: list[Operation] = list(self._read())
        self._patterns = [(re.compile(self._pattern(op.template)), op) for op in self.operations]

    def _read(self) -> Iterator[Operation]:
        for template, item in (self.spec.document.get("paths") or {}).items():
            item_pointer = f"/paths/{escape_pointer(template)}"
            for method in METHODS:
                definition = item.get(method)
                if not isinstance(definition, Mapping):
                    continue
                pointer = f"{item_pointer}/{method}"
                params: dict[tuple[str, str], Resolved] = {}
                for base, entries in ((item_pointer, item.get("parameters")), (pointer, definition.get("parameters"))):
                    for position, entry in enumerate(entries or ()):
                        param = self.resolve(entry, f"{base}/parameters/{position}")
                        params[(str(param.node.get("name")), str(param.node.get("in")))] = param
                yield Operation(
                    operation_id=str(definition.get("operationId") or f"{method.upper()} {template}"),
                    method=method,
                    template=template,
                    pointer=pointer,
                    definition=definition,
                    parameters=tuple(params.values()),
                )

    @staticmethod
    def _pattern(template: str) -> str:
        parts = re.split(r"(\{[^}]+\})", template)
        return "^" + "".join("([^/]+)" if part.startswith("{") else re.escape(part) for part in parts) + "$"

    def resolve(self, node: Any, pointer: str) -> Resolved:
        """Follow local ``$ref``s, keeping track of where the target lives (for pointer validators)."""
        while isinstance(node, Mapping) and "$ref" in node:
            pointer = str(node["$ref"]).removeprefix("#")
            node = self.spec.document
            for part in pointer.split("/")[1:]:
                node = node[part.replace("~1", "/").replace("~0", "~")]
        return Resolved(node, pointer)

    def relative_path(self, path: str) -> str | None:
        """The path below the spec's server prefix (``/v1``), or ``None`` outside it."""
        if not self.prefix:
            return path
        if path == self.prefix or path.startswith(self.prefix + "/"):
            return path[len(self.prefix) :] or "/"
        return None

    def match(self, method: str, path: str) -> tuple[Operation, dict[str, str]] | None:
        """The operation of a path below the prefix, with its path parameters (percent-decoded)."""
        # A literal segment beats a template one: /files/{file_id} must not swallow a fixed sibling path.
        wanted = method.lower()
        candidates = [
            (op, found) for pattern, op in self._patterns if op.method == wanted and (found := pattern.match(path))
        ]
        if not candidates:
            return None
        op, found = min(candidates, key=lambda pair: pair[0].template.count("{"))
        names = re.findall(r"\{([^}]+)\}", op.template)
        values = found.groups()
        return op, {name: unquote(value) for name, value in zip(names, values, strict=True)}

    def operation_ids(self) -> list[str]:
        return [op.operation_id for op in self.operations]
