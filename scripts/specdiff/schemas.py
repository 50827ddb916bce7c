"""Helpers over an OpenAPI document: JSON pointers, `$ref` resolution and the types a schema admits."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

__all__ = ["Json", "deref", "escape", "resolve_pointer", "show", "type_set", "variants"]

Json = Any


def escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def resolve_pointer(doc: Json, pointer: str) -> Json:
    node = doc
    for raw in pointer.split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def deref(doc: Json, node: Json, pointer: str) -> tuple[Json, str]:
    """Follow `$ref`s to the target (siblings such as `default` kept); the pointer becomes the target's."""
    seen: set[str] = set()
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#"):
        ref = node["$ref"]
        if ref in seen:  # a reference cycle: stop where it closes
            break
        seen.add(ref)
        siblings = {key: value for key, value in node.items() if key != "$ref"}
        node, pointer = {**resolve_pointer(doc, ref[1:]), **siblings}, ref[1:]
    return node, pointer


def variants(doc: Json, schema: Mapping[str, Json]) -> list[tuple[Json, int, str]]:
    """The non-null branches of an anyOf/oneOf as (branch, index, keyword)."""
    for keyword in ("anyOf", "oneOf"):
        branches = schema.get(keyword)
        if isinstance(branches, list):
            return [
                (branch, index, keyword)
                for index, branch in enumerate(branches)
                if type_set(doc, branch) != (frozenset(), True)
            ]
    return []


def type_set(doc: Json, schema: Json, depth: int = 0) -> tuple[frozenset[str], bool]:
    """(JSON types other than null, whether null is admitted); an empty set means "not stated"."""
    schema, _ = deref(doc, schema, "")
    if not isinstance(schema, Mapping) or depth > 20:
        return frozenset(), False
    declared = schema.get("type")
    names = {declared} if isinstance(declared, str) else set(declared or [])
    if "const" in schema and schema["const"] is None:
        names.add("null")
    for keyword in ("anyOf", "oneOf"):
        for branch in schema.get(keyword) or []:
            branch_types, branch_null = type_set(doc, branch, depth + 1)
            names |= branch_types | ({"null"} if branch_null else set())
    if not names and "properties" in schema:
        names.add("object")
    return frozenset(names - {"null"}), "null" in names


def show(value: Json) -> str:
    return json.dumps(value, sort_keys=True)
