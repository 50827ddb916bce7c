"""Python annotations for spec schemas, as the facade's arguments take them.

`Literal` for enums and consts, `Sequence` for arrays, `Mapping` for maps, unions for anyOf / oneOf and
`[X, "null"]`, `Upload` for binary strings, and for a named object both its TypedDict (`NameParam`) and the
attrs model. Which TypedDicts and models the annotations need is collected on the way.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Json", "Types", "bounds", "enum_values", "literal"]

Json = Any


def literal(values: list[Json]) -> str:
    return "Literal[" + ", ".join(json.dumps(value) for value in values) + "]"


def _union(parts: list[str]) -> str:
    unique: list[str] = []
    for part in parts:
        for piece in _split_union(part):
            if piece not in unique:
                unique.append(piece)
    if "None" in unique:  # None last, as house style writes it
        unique = [piece for piece in unique if piece != "None"] + ["None"]
    return " | ".join(unique)


def _split_union(annotation: str) -> list[str]:
    depth, start, pieces = 0, 0, []
    for index, char in enumerate(annotation):
        depth += char in "[("
        depth -= char in "])"
        if depth == 0 and annotation.startswith(" | ", index):
            pieces.append(annotation[start:index])
            start = index + 3
    pieces.append(annotation[start:])
    return [piece for piece in pieces if piece]


@dataclass
class Types:
    """What the annotations written so far need: nested request objects (TypedDicts) and models."""

    document: Json
    params: dict[str, Json] = field(default_factory=dict)
    models: set[str] = field(default_factory=set)

    def resolve(self, schema: Json) -> tuple[str | None, Json]:
        name = None
        while isinstance(schema, Mapping) and "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = self.document["components"]["schemas"][name]
        return name, schema

    def annotation(self, schema: Json, *, in_param: bool = False) -> str:
        name, target = self.resolve(schema)
        if not isinstance(target, Mapping):
            return "object"
        for combinator in ("anyOf", "oneOf"):
            if combinator in target:
                return _union([self.annotation(branch, in_param=in_param) for branch in target[combinator]])
        if "const" in target:
            return literal([target["const"]])
        if "enum" in target:
            values = [value for value in target["enum"] if value is not None]
            return _union([literal(values)] + (["None"] if None in target["enum"] else []))
        kinds = target.get("type")
        if isinstance(kinds, list):
            return _union([self.annotation({**target, "type": kind}, in_param=in_param) for kind in kinds])
        if kinds == "null":
            return "None"
        if kinds == "string":
            return "Upload" if target.get("format") == "binary" else "str"
        if kinds in ("integer", "number", "boolean"):
            return {"integer": "int", "number": "float", "boolean": "bool"}[kinds]
        if kinds == "array":
            return f"Sequence[{self.annotation(target.get('items', {}), in_param=in_param)}]"
        if kinds == "object" or "properties" in target:
            if name is not None and target.get("properties"):
                self.params[name] = target
                if in_param:
                    return f"{name}Param"
                self.models.add(name)
                return f"{name}Param | {name}"
            extra = target.get("additionalProperties")
            value = self.annotation(extra, in_param=in_param) if isinstance(extra, Mapping) else "object"
            return f"Mapping[str, {value}]"
        return "object"


def bounds(schema: Json) -> str:
    facts = []
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        facts.append(f"from {low} to {high}")
    elif low is not None:
        facts.append(f"at least {low}")
    elif high is not None:
        facts.append(f"at most {high}")
    for key, text in (("maxLength", "at most {} characters"), ("minItems", "at least {} items")):
        if key in schema:
            facts.append(text.format(schema[key]))
    if "maxItems" in schema:
        facts.append(f"at most {schema['maxItems']} items")
    return "; ".join(facts)


def enum_values(types: Types, schema: Json) -> list[str]:
    """The listed values of an enum, also inside anyOf / oneOf branches (an open enum adds a free string)."""
    _, target = types.resolve(schema)
    values = [str(value) for value in target.get("enum", []) if value is not None]
    for branch in target.get("anyOf", []) + target.get("oneOf", []):
        values += [value for value in enum_values(types, branch) if value not in values]
    return values
