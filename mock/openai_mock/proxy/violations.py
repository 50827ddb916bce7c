"""One way in which a request, a response or a streamed event differs from the spec."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from jsonschema import ValidationError
from jsonschema.exceptions import best_match

from .operations import escape_pointer

__all__ = ["KINDS", "Direction", "Kind", "Violation", "pointer_of", "schema_violations"]

Direction = Literal["request", "response", "event"]
Kind = Literal[
    "unknown_operation",
    "parameter",
    "request_content_type",
    "request_body",
    "status",
    "header",
    "response_content_type",
    "response_body",
    "event_data",
    "stream_end",
    "undeclared_field",
]
KINDS: tuple[Kind, ...] = (
    "unknown_operation",
    "parameter",
    "request_content_type",
    "request_body",
    "status",
    "header",
    "response_content_type",
    "response_body",
    "event_data",
    "stream_end",
    "undeclared_field",
)
# A body can be wrong in hundreds of places (a list of a thousand bad items): report the first few.
MAX_ERRORS_PER_DOCUMENT = 20


@dataclass(frozen=True)
class Violation:
    """``pointer`` is a JSON pointer into the checked document ("" for the whole of it): the body, the
    event's JSON ``data``, or ``/query/NAME``, ``/path/NAME``, ``/header/NAME`` for parameters and headers."""

    operation: str
    direction: Direction
    kind: Kind
    pointer: str
    message: str
    event_index: int | None = None

    def describe(self) -> str:
        where = self.pointer or "(root)"
        direction = f"event {self.event_index}" if self.event_index is not None else self.direction
        return f"{self.operation} {direction} {self.kind} at {where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "operation": self.operation,
            "direction": self.direction,
            "kind": self.kind,
            "pointer": self.pointer,
            "message": self.message,
            "event_index": self.event_index,
        }


def pointer_of(error: ValidationError) -> str:
    return "".join("/" + escape_pointer(str(part)) for part in error.absolute_path)


def schema_violations(
    errors: list[ValidationError],
    operation: str,
    direction: Direction,
    kind: Kind,
    *,
    prefix: str = "",
    event_index: int | None = None,
) -> list[Violation]:
    """The jsonschema errors of one document, each narrowed to its most telling cause (inside anyOf)."""
    found: list[Violation] = []
    for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path])[:MAX_ERRORS_PER_DOCUMENT]:
        cause = best_match([error]) or error
        # Only closed validators (``--undeclared-fields``) say unevaluatedProperties: the spec uses none.
        reported: Kind = "undeclared_field" if cause.validator == "unevaluatedProperties" else kind
        found.append(Violation(operation, direction, reported, prefix + pointer_of(cause), cause.message, event_index))
    return found
