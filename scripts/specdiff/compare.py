"""Every change between two OpenAPI 3.1 documents, as `Change`s named by the rule table.

Operations are matched by method and path (parameter names in the path ignored); `$ref`s are
followed on both sides, and each change points at the node in the document that holds it (the
new document, or the old one for what was removed).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .changes import Change
from .schemas import Json, deref, escape, show, type_set, variants

__all__ = ["compare_specs"]

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
Side = Literal["request", "response"]
# Lower bounds narrow when they grow; upper bounds when they shrink.
LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")


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


class _Differ:
    def __init__(self, old_doc: Json, new_doc: Json) -> None:
        self.old_doc, self.new_doc = old_doc, new_doc
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

    def schema(
        self,
        old: Json,
        old_pointer: str,
        new: Json,
        new_pointer: str,
        side: Side,
        context: str,
        label: str,
        seen: frozenset[tuple[str, str]] = frozenset(),
    ) -> None:
        old, old_pointer = deref(self.old_doc, old, old_pointer)
        new, new_pointer = deref(self.new_doc, new, new_pointer)
        if not isinstance(old, Mapping) or not isinstance(new, Mapping) or (old_pointer, new_pointer) in seen:
            return
        seen = seen | {(old_pointer, new_pointer)}
        subject = f"{context}: {label!r}" if label else context
        self.types(old, new, new_pointer, side, subject)
        self.enum(old, new, new_pointer, side, subject)
        if side == "request":
            self.constraints(old, new, new_pointer, subject)
        self.properties(old, old_pointer, new, new_pointer, side, context, label, seen)
        for keyword, suffix in (("items", "[]"), ("contentSchema", ""), ("additionalProperties", "{}")):
            if isinstance(old.get(keyword), Mapping) and isinstance(new.get(keyword), Mapping):
                self.schema(
                    old[keyword],
                    f"{old_pointer}/{keyword}",
                    new[keyword],
                    f"{new_pointer}/{keyword}",
                    side,
                    context,
                    f"{label}{suffix}",
                    seen,
                )
        old_variants, new_variants = variants(self.old_doc, old), variants(self.new_doc, new)
        if old_variants and len(old_variants) == len(new_variants):  # matched by position
            for (old_branch, old_index, old_key), (new_branch, new_index, new_key) in zip(
                old_variants, new_variants, strict=True
            ):
                self.schema(
                    old_branch,
                    f"{old_pointer}/{old_key}/{old_index}",
                    new_branch,
                    f"{new_pointer}/{new_key}/{new_index}",
                    side,
                    context,
                    label,
                    seen,
                )

    def types(self, old: Mapping[str, Json], new: Mapping[str, Json], pointer: str, side: Side, subject: str) -> None:
        old_types, old_null = type_set(self.old_doc, old)
        new_types, new_null = type_set(self.new_doc, new)
        if old_types and new_types and old_types != new_types:
            before, after = "|".join(sorted(old_types)), "|".join(sorted(new_types))
            rule = "request-property-type-widened" if side == "request" and old_types < new_types else None
            self.add(rule or f"{side}-property-type-changed", pointer, f"{subject}: type {before} became {after}")
        if old_null != new_null:
            became = "nullable" if new_null else "not-nullable"
            self.add(f"{side}-property-became-{became}", pointer, f"{subject} became {became.replace('-', ' ')}")

    def enum(self, old: Mapping[str, Json], new: Mapping[str, Json], pointer: str, side: Side, subject: str) -> None:
        if not isinstance(old.get("enum"), list) or not isinstance(new.get("enum"), list):
            return
        old_values, new_values = {show(v) for v in old["enum"]}, {show(v) for v in new["enum"]}
        for value in sorted(old_values - new_values):
            self.add(f"{side}-enum-value-removed", f"{pointer}/enum", f"{subject}: enum value {value} was removed")
        for value in sorted(new_values - old_values):
            self.add(f"{side}-enum-value-added", f"{pointer}/enum", f"{subject}: enum value {value} was added")

    def constraints(self, old: Mapping[str, Json], new: Mapping[str, Json], pointer: str, subject: str) -> None:
        for keyword in LOWER_BOUNDS + UPPER_BOUNDS:
            before, after = old.get(keyword), new.get(keyword)
            if before == after:
                continue
            if before is None:
                narrowed = True
            elif after is None:
                narrowed = False
            else:
                narrowed = after > before if keyword in LOWER_BOUNDS else after < before
            rule = "request-property-constraint-narrowed" if narrowed else "request-property-constraint-relaxed"
            self.add(rule, f"{pointer}/{keyword}", f"{subject}: {keyword} {show(before)} became {show(after)}")
        if old.get("pattern") != new.get("pattern"):
            message = f"{subject}: pattern {show(old.get('pattern'))} became {show(new.get('pattern'))}"
            self.add("request-property-pattern-changed", f"{pointer}/pattern", message)
        if "default" in old and "default" in new and old["default"] != new["default"]:
            message = f"{subject}: default {show(old['default'])} became {show(new['default'])}"
            self.add("request-property-default-changed", f"{pointer}/default", message)

    def properties(
        self,
        old: Mapping[str, Json],
        old_pointer: str,
        new: Mapping[str, Json],
        new_pointer: str,
        side: Side,
        context: str,
        label: str,
        seen: frozenset[tuple[str, str]],
    ) -> None:
        old_props, new_props = old.get("properties") or {}, new.get("properties") or {}
        old_required, new_required = set(old.get("required") or []), set(new.get("required") or [])
        for name in sorted(old_props.keys() | new_props.keys()):
            full = f"{label}.{name}" if label else name
            where_old = f"{old_pointer}/properties/{escape(name)}"
            where_new = f"{new_pointer}/properties/{escape(name)}"
            subject = f"{context}: {full!r}"
            if name not in new_props:
                self.add(f"{side}-property-removed", where_old, f"{subject} was removed")
            elif name not in old_props:
                if side == "response":
                    self.add("response-property-added", where_new, f"{subject} was added")
                else:
                    required = name in new_required
                    rule = "new-required-request-property" if required else "new-optional-request-property"
                    self.add(rule, where_new, f"{subject} was added ({'required' if required else 'optional'})")
            else:
                if name in new_required and name not in old_required:
                    self.add(f"{side}-property-became-required", where_new, f"{subject} became required")
                if name in old_required and name not in new_required:
                    self.add(f"{side}-property-became-optional", where_new, f"{subject} became optional")
                self.schema(old_props[name], where_old, new_props[name], where_new, side, context, full, seen)


def _by_status(responses: Mapping[Json, Json], status: str) -> Json:
    for code, response in responses.items():
        if str(code) == status:
            return response
    return None


def compare_specs(old: Json, new: Json) -> list[Change]:
    """Every change from ``old`` to ``new`` (parsed OpenAPI documents), in discovery order."""
    return _Differ(old, new).compare()
