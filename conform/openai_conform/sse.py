"""Server-sent event streams against the spec: every JSON chunk matches its schema, the stream ends with [DONE].

The spec describes a stream event as an object whose ``data`` is either the string ``[DONE]`` or a
string with ``contentMediaType: application/json`` and a ``contentSchema``. JSON Schema treats
``contentSchema`` as an annotation, so a generic validator never parses the chunk; this module does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

__all__ = [
    "DONE",
    "SseEvent",
    "StreamProblem",
    "chunk_schema_refs",
    "parse_events",
    "stream_problems",
]

DONE = "[DONE]"
SPEC_URI = "urn:openai-conform:spec"
# As per the SSE spec, a line ends with CRLF, LF or CR.
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class SseEvent:
    data: str
    event: str | None = None


@dataclass(frozen=True)
class StreamProblem:
    """One thing wrong with a stream; ``index`` is the event's position (-1: the stream as a whole)."""

    index: int
    message: str


def parse_events(text: str) -> list[SseEvent]:
    """Events with their joined ``data`` lines; comments and events without data are dropped (SSE spec 9.2.6)."""
    events: list[SseEvent] = []
    data: list[str] = []
    event: str | None = None
    for line in _LINE_END.split(text):
        if not line:
            if data:
                events.append(SseEvent("\n".join(data), event))
            data, event = [], None
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if field == "data":
            data.append(value)
        elif field == "event":
            event = value
    if data:
        # A final event without its blank line is discarded by browsers; keep it so [DONE] checks see it.
        events.append(SseEvent("\n".join(data), event))
    return events


def _resolve(document: Mapping[str, Any], node: Any) -> Any:
    while isinstance(node, Mapping) and "$ref" in node:
        node = _lookup(document, str(node["$ref"]).removeprefix("#"))
    return node


def _lookup(document: Mapping[str, Any], pointer: str) -> Any:
    node: Any = document
    for part in pointer.split("/")[1:]:
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _branches(schema: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    yield schema
    for keyword in ("anyOf", "oneOf", "allOf"):
        for branch in schema.get(keyword, ()):
            if isinstance(branch, Mapping):
                yield branch


def chunk_schema_refs(document: Mapping[str, Any], event_schema: Any) -> list[Any]:
    """The ``contentSchema``s an event schema allows for its JSON ``data`` (unresolved, as written)."""
    resolved = _resolve(document, event_schema)
    data = _resolve(document, (resolved.get("properties") or {}).get("data", {}))
    return [
        branch["contentSchema"]
        for branch in _branches(data)
        if "contentSchema" in branch and str(branch.get("contentMediaType", "")).startswith("application/json")
    ]


class _Validators:
    """Validators per spec document and content schema, built once: the deep profile checks thousands of chunks."""

    def __init__(self) -> None:
        self._cache: dict[tuple[int, str], Draft202012Validator] = {}

    def get(self, document: Mapping[str, Any], content_schema: Any) -> Draft202012Validator:
        key = (id(document), json.dumps(content_schema, sort_keys=True))
        validator = self._cache.get(key)
        if validator is None:
            resource = Resource.from_contents(dict(document), default_specification=DRAFT202012)
            registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
            schema = content_schema
            if isinstance(content_schema, Mapping) and "$ref" in content_schema:
                schema = {"$ref": SPEC_URI + str(content_schema["$ref"])}
            validator = Draft202012Validator(
                schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
            )
            self._cache[key] = validator
        return validator


_VALIDATORS = _Validators()


def stream_problems(document: Mapping[str, Any], event_schema: Any, body: str) -> list[StreamProblem]:
    """Everything wrong with one stream body: bad chunks, anything after [DONE], a missing [DONE]."""
    schemas = chunk_schema_refs(document, event_schema)
    events = parse_events(body)
    problems: list[StreamProblem] = []
    done_at: int | None = None
    for index, event in enumerate(events):
        if done_at is not None:
            problems.append(StreamProblem(index, f"event after data: {DONE}: {event.data[:200]!r}"))
            continue
        if event.data == DONE:
            done_at = index
            continue
        try:
            chunk = json.loads(event.data)
        except ValueError as exc:
            problems.append(StreamProblem(index, f"data is not JSON ({exc}): {event.data[:200]!r}"))
            continue
        # The chunk must match one of the allowed schemas (the spec gives exactly one per stream).
        errors = [list(_VALIDATORS.get(document, schema).iter_errors(chunk)) for schema in schemas]
        if errors and all(errors):
            first = min(errors[0], key=lambda error: len(error.absolute_path))
            where = "/".join(str(part) for part in first.absolute_path) or "(root)"
            problems.append(StreamProblem(index, f"chunk does not match its schema at {where}: {first.message}"))
    if done_at is None:
        problems.append(StreamProblem(-1, f"the stream does not end with data: {DONE}"))
    return problems
