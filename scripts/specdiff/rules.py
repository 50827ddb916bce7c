"""The rule table: every kind of change the report knows, with its level for callers of the client.

``error`` breaks existing callers, ``warning`` may break them, ``info`` is safe. docs/SPEC_DIFF.md
shows the same table; a test keeps the two equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["LEVELS", "RULES", "Level", "Rule"]

Level = Literal["error", "warning", "info"]
LEVELS: tuple[Level, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Rule:
    id: str
    level: Level
    description: str


_TABLE: tuple[tuple[str, Level, str], ...] = (
    # operations
    ("api-removed", "error", "an operation was removed"),
    ("api-added", "info", "an operation was added"),
    ("api-operation-id-changed", "error", "an operation's operationId (its function and module name) changed"),
    ("api-deprecated", "warning", "an operation became deprecated"),
    # parameters (path, query, header)
    ("request-parameter-removed", "error", "a parameter was removed"),
    ("new-required-request-parameter", "error", "a required parameter was added"),
    ("new-optional-request-parameter", "info", "an optional parameter was added"),
    ("request-parameter-became-required", "error", "an optional parameter became required"),
    ("request-parameter-became-optional", "info", "a required parameter became optional"),
    # request bodies
    ("request-body-added", "info", "an operation without a request body got an optional one"),
    ("new-required-request-body", "error", "an operation without a request body got a required one"),
    ("request-body-removed", "error", "an operation's request body was removed"),
    ("request-media-type-removed", "error", "a request media type was removed"),
    ("request-media-type-added", "info", "a request media type was added"),
    # request schemas (body properties, parameter values)
    ("request-property-removed", "error", "a request property was removed"),
    ("new-required-request-property", "error", "a required request property was added"),
    ("new-optional-request-property", "info", "an optional request property was added"),
    ("request-property-became-required", "error", "an optional request property became required"),
    ("request-property-became-optional", "info", "a required request property became optional"),
    ("request-property-type-changed", "error", "a request value's type changed or narrowed"),
    ("request-property-type-widened", "info", "a request value accepts more types"),
    ("request-property-became-not-nullable", "error", "a request value no longer accepts null"),
    ("request-property-became-nullable", "info", "a request value now accepts null"),
    ("request-enum-value-removed", "error", "a request enum lost a value"),
    ("request-enum-value-added", "info", "a request enum gained a value"),
    ("request-property-constraint-narrowed", "error", "a request bound (minimum, maxLength, maxItems, ...) narrowed"),
    ("request-property-constraint-relaxed", "info", "a request bound relaxed or was removed"),
    ("request-property-pattern-changed", "warning", "a request value's pattern changed"),
    ("request-property-default-changed", "warning", "a request default changed (the client sends defaults)"),
    # responses
    ("response-success-status-removed", "error", "a success (2xx) response was removed"),
    ("response-non-success-status-removed", "info", "an error response was removed"),
    ("response-status-added", "info", "a response status was added"),
    ("response-media-type-removed", "error", "a response media type was removed"),
    ("response-media-type-added", "info", "a response media type was added"),
    # response schemas
    ("response-property-removed", "error", "a response property was removed"),
    ("response-property-added", "info", "a response property was added"),
    ("response-property-became-optional", "error", "a required response property became optional"),
    ("response-property-became-required", "info", "an optional response property became required"),
    ("response-property-type-changed", "error", "a response value's type changed"),
    ("response-property-became-nullable", "error", "a response value may now be null"),
    ("response-property-became-not-nullable", "info", "a response value is no longer null"),
    ("response-enum-value-added", "warning", "a response enum gained a value (callers matching every value miss it)"),
    ("response-enum-value-removed", "info", "a response enum lost a value"),
    # the generated Python client, compared with griffe
    ("python-api-removed", "error", "a public module, class, function or attribute was removed"),
    ("python-api-added", "info", "a public module, class, function or attribute was added"),
    ("python-api-kind-changed", "error", "a public object changed kind (e.g. a function became a class)"),
    ("python-parameter-removed", "error", "a function parameter was removed"),
    ("python-parameter-moved", "error", "a positional parameter moved"),
    ("python-parameter-kind-changed", "error", "a parameter changed kind (e.g. positional to keyword-only)"),
    ("python-parameter-default-changed", "warning", "a parameter's default changed"),
    ("python-parameter-became-required", "error", "an optional parameter became required"),
    ("python-parameter-added-required", "error", "a required parameter was added"),
    ("python-return-type-changed", "error", "a function's return type changed"),
    ("python-attribute-type-changed", "error", "an attribute's type changed"),
    ("python-attribute-value-changed", "warning", "an attribute's value changed"),
    ("python-base-class-removed", "error", "a class lost a base class"),
)

RULES: dict[str, Rule] = {rule_id: Rule(rule_id, level, description) for rule_id, level, description in _TABLE}
