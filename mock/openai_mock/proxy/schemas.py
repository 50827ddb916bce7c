"""Validators for the schemas at JSON pointers of the spec, with their ``$ref``s inlined once.

jsonschema resolves a ``$ref`` through the registry on every validation, which took about half
the time of checking a streamed chunk. Inlining the referenced schemas when a validator is first
built (and dropping annotations no validator reads) keeps the same verdicts at about half the cost.
A schema that refers to itself keeps the registry's resolution.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator

from ..spec import SpecDocument

__all__ = ["SchemaValidators"]

# Keywords that only annotate: no validator reads them.
_ANNOTATIONS = frozenset({"description", "examples", "example", "title", "deprecated", "$comment"})
# Keywords whose value is a map of names to schemas (a property may be called "description").
_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"})


# An object schema that says anything about other properties keeps its say.
_OPEN_KEYWORDS = frozenset({"additionalProperties", "unevaluatedProperties", "patternProperties"})


class _Recursive(Exception):
    pass


class SchemaValidators:
    def __init__(self, spec: SpecDocument) -> None:
        self.spec = spec

    @cache  # noqa: B019  (one per proxy, kept for its lifetime)
    def get(self, pointer: str, *, closed: bool = False) -> Draft202012Validator:
        """The validator of the schema at ``pointer`` (``/paths/...`` or ``/components/...``).

        ``closed``: an object may hold only the properties its schema declares, wherever the spec
        leaves it open (``unevaluatedProperties: false`` added): the fields an API sends that the
        spec does not know.
        """
        try:
            schema = self._inline(self._lookup(pointer), (pointer,), closed)
        except _Recursive:
            return self.spec.pointer_validator(pointer)
        return Draft202012Validator(schema)

    def _lookup(self, pointer: str) -> Any:
        node: Any = self.spec.document
        for part in pointer.split("/")[1:]:
            token = part.replace("~1", "/").replace("~0", "~")
            node = node[int(token)] if isinstance(node, list) else node[token]
        return node

    def _inline(self, node: Any, seen: tuple[str, ...], closed: bool) -> Any:
        if isinstance(node, list):
            return [self._inline(item, seen, closed) for item in node]
        if not isinstance(node, Mapping):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            target = ref[1:]
            if target in seen:
                raise _Recursive(target)
            inlined = self._inline(self._lookup(target), (*seen, target), closed)
            rest = {key: value for key, value in node.items() if key != "$ref"}
            return {"allOf": [inlined], **self._inline(rest, seen, closed)} if rest else inlined
        schema = {
            key: {name: self._inline(item, seen, closed) for name, item in value.items()}
            if key in _SCHEMA_MAPS and isinstance(value, Mapping)
            else self._inline(value, seen, closed)
            for key, value in node.items()
            if key not in _ANNOTATIONS and not key.startswith("x-")
        }
        if closed and "properties" in schema and not _OPEN_KEYWORDS & schema.keys():
            schema["unevaluatedProperties"] = False
        return schema
