"""Every change between two OpenAPI 3.1 documents, as `Change`s named by the rule table.

Operations are matched by method and path (parameter names in the path ignored); `$ref`s are
followed on both sides, and each change points at the node in the document that holds it (the
new document, or the old one for what was removed).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .changes import Change
from .schema_diff import SchemaDiffer, Side
from .schemas import Json, deref, escape

__all__ = ["compare_specs"]

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class _Operation:
    method: str
    path: str
    node: Mapping[str, Json]
    pointer: str
    parameters: dict[tuple[str, str], tuple[Json, str]]

    @property
    def operation_id(self) -> str:
        return str(self.node.get("operationId") or f"{self.method.upper()} {self.path}")


def _operations(doc: Json) -> dict[tuple[str, str], _Operation]:
    found: dict[tuple[str, str], _Operation] = {}
    for path, item in (doc.get("paths") or {}).items():
        item_pointer = f"/paths/{escape(path)}"
        item, item_pointer = deref(doc, item, item_pointer)
        for method in METHODS:
            if not isinstance(item.get(method), Mapping):
                continue
            pointer = f"{item_pointer}/{method}"
            parameters: dict[tuple[str, str], tuple[Json, str]] = {}
            # Operation parameters override path-item ones with the same name and location.
            for owner, owner_pointer in ((item, item_pointer), (item[method], pointer)):
                for index, raw in enumerate(owner.get("parameters") or []):
                    parameter, where = deref(doc, raw, f"{owner_pointer}/parameters/{index}")
                    parameters[(str(parameter.get("in")), str(parameter.get("name")))] = (parameter, where)
            key = (method, re.sub(r"\{[^}]*\}", "{}", path))
            found[key] = _Operation(method, path, item[method], pointer, parameters)
    return found


class _Differ(SchemaDiffer):
    """Operations, parameters, bodies and responses; their schemas are compared by ``SchemaDiffer``."""

    def __init__(self, old_doc: Json, new_doc: Json) -> None:
        super().__init__(old_doc, new_doc)
        self.changes: list[Change] = []
        self.operation = ""

    def add(self, rule: str, location: str, message: str) -> None:
        self.changes.append(Change(rule, self.operation, location, message))

    def compare(self) -> list[Change]:
        old_ops, new_ops = _operations(self.old_doc), _operations(self.new_doc)
        for key in sorted(old_ops.keys() | new_ops.keys()):
            old, new = old_ops.get(key), new_ops.get(key)
            if new is None and old is not None:
                self.operation = old.operation_id
                self.add("api-removed", old.pointer, f"{old.method.upper()} {old.path} was removed")
            elif old is None and new is not None:
                self.operation = new.operation_id
                self.add("api-added", new.pointer, f"{new.method.upper()} {new.path} was added")
            elif old is not None and new is not None:
                self.operation = new.operation_id
                self.operation_pair(old, new)
        return self.changes

    def operation_pair(self, old: _Operation, new: _Operation) -> None:
        if old.operation_id != new.operation_id:
            self.add(
                "api-operation-id-changed",
                f"{new.pointer}/operationId",
                f"operationId {old.operation_id!r} became {new.operation_id!r}",
            )
        if new.node.get("deprecated") and not old.node.get("deprecated"):
            self.add("api-deprecated", f"{new.pointer}/deprecated", f"{new.method.upper()} {new.path} is deprecated")
        self.parameters(old, new)
        self.request_body(old, new)
        self.responses(old, new)

    def parameters(self, old: _Operation, new: _Operation) -> None:
        for key in sorted(old.parameters.keys() | new.parameters.keys()):
            where, name = key
            label = f"{where} parameter {name!r}"
            if key not in new.parameters:
                self.add("request-parameter-removed", old.parameters[key][1], f"{label} was removed")
                continue
            new_param, new_pointer = new.parameters[key]
            if key not in old.parameters:
                kind = "required" if new_param.get("required") else "optional"
                self.add(f"new-{kind}-request-parameter", new_pointer, f"{label} was added")
                continue
            old_param, old_pointer = old.parameters[key]
            if new_param.get("required") and not old_param.get("required"):
                self.add("request-parameter-became-required", f"{new_pointer}/required", f"{label} became required")
            if old_param.get("required") and not new_param.get("required"):
                self.add("request-parameter-became-optional", new_pointer, f"{label} became optional")
            self.schema(
                old_param.get("schema"),
                f"{old_pointer}/schema",
                new_param.get("schema"),
                f"{new_pointer}/schema",
                "request",
                label,
                "",
            )

    def request_body(self, old: _Operation, new: _Operation) -> None:
        old_body, old_pointer = deref(self.old_doc, old.node.get("requestBody"), f"{old.pointer}/requestBody")
        new_body, new_pointer = deref(self.new_doc, new.node.get("requestBody"), f"{new.pointer}/requestBody")
        if old_body is None and new_body is None:
            return
        if new_body is None:
            self.add("request-body-removed", old_pointer, "the request body was removed")
            return
        if old_body is None:
            rule = "new-required-request-body" if new_body.get("required") else "request-body-added"
            self.add(rule, new_pointer, "a request body was added")
            return
        self.content(old_body, old_pointer, new_body, new_pointer, "request", "request body")

    def responses(self, old: _Operation, new: _Operation) -> None:
        old_responses = old.node.get("responses") or {}
        new_responses = new.node.get("responses") or {}
        for status in sorted(set(map(str, old_responses)) | set(map(str, new_responses))):
            old_pointer, new_pointer = f"{old.pointer}/responses/{status}", f"{new.pointer}/responses/{status}"
            old_raw, new_raw = _by_status(old_responses, status), _by_status(new_responses, status)
            if new_raw is None:
                kind = "success" if status.startswith("2") else "non-success"
                self.add(f"response-{kind}-status-removed", old_pointer, f"response {status} was removed")
            elif old_raw is None:
                self.add("response-status-added", new_pointer, f"response {status} was added")
            else:
                old_response, old_pointer = deref(self.old_doc, old_raw, old_pointer)
                new_response, new_pointer = deref(self.new_doc, new_raw, new_pointer)
                self.content(old_response, old_pointer, new_response, new_pointer, "response", f"response {status}")

    def content(
        self,
        old: Mapping[str, Json],
        old_pointer: str,
        new: Mapping[str, Json],
        new_pointer: str,
        side: Side,
        context: str,
    ) -> None:
        old_content, new_content = old.get("content") or {}, new.get("content") or {}
        for media in sorted(old_content.keys() | new_content.keys()):
            old_media = f"{old_pointer}/content/{escape(media)}"
            new_media = f"{new_pointer}/content/{escape(media)}"
            if media not in new_content:
                self.add(f"{side}-media-type-removed", old_media, f"{context}: media type {media} was removed")
            elif media not in old_content:
                self.add(f"{side}-media-type-added", new_media, f"{context}: media type {media} was added")
            else:
                self.schema(
                    old_content[media].get("schema"),
                    f"{old_media}/schema",
                    new_content[media].get("schema"),
                    f"{new_media}/schema",
                    side,
                    f"{context} {media}",
                    "",
                )


def _by_status(responses: Mapping[Json, Json], status: str) -> Json:
    for code, response in responses.items():
        if str(code) == status:
            return response
    return None


def compare_specs(old: Json, new: Json) -> list[Change]:
    """Every change from ``old`` to ``new`` (parsed OpenAPI documents), in discovery order."""
    return _Differ(old, new).compare()
