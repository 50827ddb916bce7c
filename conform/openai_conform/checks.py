"""Custom schemathesis checks; importing this module registers them (the CLI loads it via SCHEMATHESIS_HOOKS).

schemathesis validates each SSE event object against the event schema, but it reads at most a
configured number of events and cannot tell a stream that never sends ``data: [DONE]`` from a
finished one. ``sse_stream_conformance`` parses the whole body itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import schemathesis
from schemathesis import Case, CheckContext, Response

from .sse import stream_problems

__all__ = ["event_stream_schema", "sse_stream_conformance"]

EVENT_STREAM = "text/event-stream"


def _resolve(document: Mapping[str, Any], node: Any) -> Any:
    while isinstance(node, Mapping) and "$ref" in node:
        target: Any = document
        for part in str(node["$ref"]).removeprefix("#").split("/")[1:]:
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def event_stream_schema(document: Mapping[str, Any], operation: Mapping[str, Any], status: int) -> Any | None:
    """The schema of the event objects an operation declares for ``status`` as text/event-stream, if any."""
    responses = operation.get("responses") or {}
    declared = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX") or responses.get("default")
    content = (_resolve(document, declared) or {}).get("content") or {}
    media = content.get(EVENT_STREAM)
    return None if media is None else media.get("schema")


@schemathesis.check
def sse_stream_conformance(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    """Every ``data`` of a 2xx event stream is ``[DONE]`` or JSON valid against the chunk schema; ``[DONE]`` ends it."""
    content_type = (response.headers.get("content-type") or [""])[0]
    if content_type.split(";")[0].strip().lower() != EVENT_STREAM or not 200 <= response.status_code < 300:
        return None
    document = case.operation.schema.raw_schema
    event_schema = event_stream_schema(document, case.operation.definition.raw, response.status_code)
    if event_schema is None:
        return None
    problems = stream_problems(document, event_schema, response.content.decode("utf-8", errors="replace"))
    if response.stream_cut_short:
        # The client stopped reading (event or time limit): a missing [DONE] is the client's doing.
        problems = [problem for problem in problems if problem.index >= 0]
    if problems:
        lines = [f"event {p.index}: {p.message}" if p.index >= 0 else p.message for p in problems[:5]]
        raise AssertionError("Server-sent event stream does not conform:\n" + "\n".join(lines))
    return None
