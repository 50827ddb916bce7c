"""Requests, responses and streamed events checked against the spec, with jsonschema (Draft 2020-12).

Every schema is read from the document when first needed (``schemas.SchemaValidators``), so the
checks follow the spec as it is edited. Multipart text fields and query, path and header
values are read as the type their schema declares (``n=2`` is the integer 2), as servers do.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..spec import SpecDocument
from .events import ServerEvent
from .operations import Operation, OperationIndex, Resolved, escape_pointer
from .schemas import SchemaValidators
from .violations import Direction, Kind, Violation, schema_violations

__all__ = ["BodyPlan", "ResponsePlan", "SpecChecker", "StreamCheck", "media_type"]

EVENT_STREAM = "text/event-stream"
DONE = "[DONE]"


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_json(media: str) -> bool:
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def _declared_media(content: Mapping[str, Any], media: str) -> str | None:
    """The key of ``content`` that covers ``media`` (exact, ``type/*`` or ``*/*``)."""
    for key in (media, media.split("/", 1)[0] + "/*", "*/*"):
        for declared in content:
            if declared.lower() == key:
                return str(declared)
    return None


def _scalar_type(schema: Any) -> str | None:
    kind = schema.get("type") if isinstance(schema, Mapping) else None
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    return kind if isinstance(kind, str) else None


def _coerce(kind: str | None, text: str) -> Any:
    """A text value (query, header, form field) read as the declared JSON type; left as text when it is not one."""
    try:
        if kind == "integer":
            return int(text)
        if kind == "number":
            return float(text)
    except ValueError:
        return text
    if kind == "boolean" and text in ("true", "false"):
        return text == "true"
    if kind == "null" and text == "null":
        return None
    return text


@dataclass(frozen=True)
class BodyPlan:
    """How to check a request body: its media type and the pointer of its schema (``None``: unchecked)."""

    media: str
    schema_pointer: str | None


@dataclass
class StreamCheck:
    """The state of one event stream: every event against the event schema, JSON data against its content schema."""

    checker: SpecChecker
    operation: str
    event_pointer: str
    chunk_pointers: list[str]
    index: int = 0
    done: bool = False

    def event(self, event: ServerEvent) -> list[Violation]:
        index, self.index = self.index, self.index + 1
        found: list[Violation] = []
        if self.done:
            found.append(Violation(self.operation, "event", "stream_end", "", f"event after data: {DONE}", index))
        as_object: dict[str, Any] = {"data": event.data}
        if event.event is not None:
            as_object["event"] = event.event
        if event.id is not None:
            as_object["id"] = event.id
        if event.retry is not None:
            as_object["retry"] = _coerce("integer", event.retry)
        errors = list(self.checker.validators.get(self.event_pointer).iter_errors(as_object))
        found += schema_violations(errors, self.operation, "event", "event_data", event_index=index)
        if event.data == DONE:
            self.done = True
        elif self.chunk_pointers:
            found += self._chunk(event.data, index)
        return found

    def _chunk(self, data: str, index: int) -> list[Violation]:
        try:
            chunk = json.loads(data)
        except ValueError as exc:
            message = f"data is not JSON ({exc}): {data[:200]!r}"
            return [Violation(self.operation, "event", "event_data", "", message, index)]
        closed = self.checker.closed_responses
        attempts = [list(self.checker.validators.get(p, closed=closed).iter_errors(chunk)) for p in self.chunk_pointers]
        if all(attempts):
            return schema_violations(attempts[0], self.operation, "event", "event_data", event_index=index)
        return []

    def end(self) -> list[Violation]:
        if self.done:
            return []
        return [Violation(self.operation, "event", "stream_end", "", f"the stream ended without data: {DONE}")]


@dataclass
class ResponsePlan:
    violations: list[Violation]
    media: str
    body_pointer: str | None  # JSON schema of the body, when it is JSON
    stream: StreamCheck | None


class SpecChecker:
    def __init__(self, spec: SpecDocument, index: OperationIndex, *, closed_responses: bool = False) -> None:
        """``closed_responses``: report the fields of response bodies and events the spec does not declare."""
        self.spec = spec
        self.index = index
        self.closed_responses = closed_responses
        self.validators = SchemaValidators(spec)

    # -- requests -----------------------------------------------------------------------------------

    def parameters(
        self,
        op: Operation,
        path_params: Mapping[str, str],
        query: Sequence[tuple[str, str]],
        headers: Mapping[str, str],
    ) -> list[Violation]:
        """Required parameters present, every declared one valid against its schema."""
        found: list[Violation] = []
        query_values: dict[str, list[str]] = {}
        for key, text in query:
            query_values.setdefault(key, []).append(text)
        lowered = {k.lower(): v for k, v in headers.items()}
        for param in op.parameters:
            name, where = str(param.node.get("name")), str(param.node.get("in"))
            value: str | None
            if where == "path":
                value = path_params.get(name)
            elif where == "query":
                value = next(iter(query_values.get(name, ())), None)
            elif where == "header":
                value = lowered.get(name.lower())
            else:
                continue  # cookies: the API uses none
            pointer = f"/{where}/{escape_pointer(name)}"
            if value is None:
                if param.node.get("required"):
                    message = f"required {where} parameter is missing"
                    found.append(Violation(op.operation_id, "request", "parameter", pointer, message))
                continue
            schema = self.index.resolve(param.node.get("schema"), f"{param.pointer}/schema")
            if schema.node is None:
                continue
            instance = _coerce(_scalar_type(schema.node), value)
            errors = list(self.validators.get(schema.pointer).iter_errors(instance))
            found += schema_violations(errors, op.operation_id, "request", "parameter", prefix=pointer)
        return found

    def request_body(self, op: Operation, content_type: str | None, has_body: bool) -> tuple[list[Violation], BodyPlan]:
        declared = op.definition.get("requestBody")
        media = media_type(content_type)
        if declared is None:
            return [], BodyPlan(media, None)
        body = self.index.resolve(declared, f"{op.pointer}/requestBody")
        if not has_body:
            if body.node.get("required"):
                return [Violation(op.operation_id, "request", "request_body", "", "the request body is required")], (
                    BodyPlan(media, None)
                )
            return [], BodyPlan(media, None)
        content = body.node.get("content") or {}
        key = _declared_media(content, media)
        if key is None:
            message = f"content type {media or '(none)'!r} is not declared (declared: {', '.join(content)})"
            return [Violation(op.operation_id, "request", "request_content_type", "", message)], BodyPlan(media, None)
        schema_pointer = f"{body.pointer}/content/{escape_pointer(key)}/schema"
        if "schema" not in content[key]:
            return [], BodyPlan(media, None)
        return [], BodyPlan(media, schema_pointer)

    def json_document(
        self, operation: str, direction: Direction, kind: Kind, schema_pointer: str, raw: bytes
    ) -> list[Violation]:
        try:
            value = json.loads(raw)
        except ValueError as exc:
            return [Violation(operation, direction, kind, "", f"the body is not JSON ({exc})")]
        closed = self.closed_responses and direction == "response"
        errors = list(self.validators.get(schema_pointer, closed=closed).iter_errors(value))
        return schema_violations(errors, operation, direction, kind)

    def form(self, op: Operation, schema_pointer: str, fields: Mapping[str, str], files: set[str]) -> list[Violation]:
        """Text fields read as their declared types; a file part counts as a present (binary) string."""
        schema = self.index.resolve({"$ref": "#" + schema_pointer}, schema_pointer).node
        properties = schema.get("properties", {}) if isinstance(schema, Mapping) else {}
        data: dict[str, Any] = {}
        for name, text in fields.items():
            declared = self.index.resolve(properties.get(name), "").node
            data[name] = _coerce(_scalar_type(declared), text)
        for name in files:
            data[name] = ""
        errors = list(self.validators.get(schema_pointer).iter_errors(data))
        return schema_violations(errors, op.operation_id, "request", "request_body")

    # -- responses ----------------------------------------------------------------------------------

    def response(self, op: Operation, status: int, headers: Mapping[str, str]) -> ResponsePlan:
        """Status declared, declared headers valid, content type declared; what to check in the body."""
        name = op.operation_id
        responses = op.definition.get("responses") or {}
        code = next((k for k in (str(status), f"{str(status)[0]}XX", "default") if k in responses), None)
        media = media_type(headers.get("content-type"))
        if code is None:
            message = f"status {status} is not declared (declared: {', '.join(str(k) for k in responses)})"
            return ResponsePlan([Violation(name, "response", "status", "", message)], media, None, None)
        declared = self.index.resolve(responses[code], f"{op.pointer}/responses/{escape_pointer(code)}")
        found = self._headers(name, declared, headers)
        content = declared.node.get("content") or {}
        if not content:
            return ResponsePlan(found, media, None, None)
        key = _declared_media(content, media)
        if key is None:
            message = (
                f"content type {media or '(none)'!r} is not declared for status {code} (declared: {', '.join(content)})"
            )
            found.append(Violation(name, "response", "response_content_type", "", message))
            return ResponsePlan(found, media, None, None)
        if "schema" not in content[key]:
            return ResponsePlan(found, media, None, None)
        schema_pointer = f"{declared.pointer}/content/{escape_pointer(key)}/schema"
        if media == EVENT_STREAM:
            return ResponsePlan(found, media, None, self._stream(name, schema_pointer))
        return ResponsePlan(found, media, schema_pointer if is_json(media) else None, None)

    def _headers(self, operation: str, declared: Resolved, headers: Mapping[str, str]) -> list[Violation]:
        found: list[Violation] = []
        lowered = {k.lower(): v for k, v in headers.items()}
        for header_name, entry in (declared.node.get("headers") or {}).items():
            header = self.index.resolve(entry, f"{declared.pointer}/headers/{escape_pointer(header_name)}")
            pointer = f"/header/{escape_pointer(header_name)}"
            value = lowered.get(header_name.lower())
            if value is None:
                if header.node.get("required"):
                    found.append(Violation(operation, "response", "header", pointer, "required header is missing"))
                continue
            schema = self.index.resolve(header.node.get("schema"), f"{header.pointer}/schema")
            if schema.node is None:
                continue
            instance = _coerce(_scalar_type(schema.node), value)
            errors = list(self.validators.get(schema.pointer).iter_errors(instance))
            found += schema_violations(errors, operation, "response", "header", prefix=pointer)
        return found

    def _stream(self, operation: str, event_pointer: str) -> StreamCheck:
        """The stream's event schema and the ``contentSchema``s its ``data`` may carry as JSON."""
        event = self.index.resolve({"$ref": "#" + event_pointer}, event_pointer)
        data_entry = (event.node.get("properties") or {}).get("data", {}) if isinstance(event.node, Mapping) else {}
        data = self.index.resolve(data_entry, f"{event.pointer}/properties/data")
        branches: list[tuple[Any, str]] = [(data.node, data.pointer)]
        for keyword in ("anyOf", "oneOf", "allOf"):
            for position, branch in enumerate(data.node.get(keyword, ()) if isinstance(data.node, Mapping) else ()):
                resolved = self.index.resolve(branch, f"{data.pointer}/{keyword}/{position}")
                branches.append((resolved.node, resolved.pointer))
        chunk_pointers = [
            f"{pointer}/contentSchema"
            for node, pointer in branches
            if isinstance(node, Mapping)
            and "contentSchema" in node
            and str(node.get("contentMediaType", "")).startswith("application/json")
        ]
        return StreamCheck(self, operation, event_pointer, chunk_pointers)
