"""The OpenAPI document the mock serves and validates against, loaded once per process.

The schemas are read from the document itself (not from a copy), so a change to
``spec/openapi.yaml`` changes the mock's validation and wording with no code change.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

__all__ = ["SpecDocument", "default_spec_path", "load_spec"]

_BASE = "urn:openai-mock:openapi"


def _json_value(value: object) -> str:
    """JSON has no bytes: a file example written with YAML's !!binary is rendered as base64."""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"{type(value).__name__} is not JSON")


def default_spec_path() -> Path:
    """The document packaged next to the module, else the repository's ``spec/openapi.yaml``."""
    here = Path(__file__).resolve().parent
    packaged = here / "openapi.yaml"
    return packaged if packaged.exists() else here.parents[1] / "spec" / "openapi.yaml"


class SpecDocument:
    """The parsed document with its YAML and JSON renderings and per-schema helpers."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.yaml_bytes = path.read_bytes()
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        self.document: dict[str, Any] = yaml.load(self.yaml_bytes, Loader=loader)
        self.json_bytes = json.dumps(self.document, ensure_ascii=False, default=_json_value).encode()
        resource = Resource.from_contents(self.document, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource(_BASE, resource)

    @cached_property
    def schemas(self) -> Mapping[str, Any]:
        schemas: Mapping[str, Any] = self.document["components"]["schemas"]
        return schemas

    def resolve(self, schema: Any) -> Any:
        """Follow local ``$ref``s until a schema without one."""
        while isinstance(schema, dict) and "$ref" in schema:
            ref = str(schema["$ref"])
            schema = self.schemas[ref.rsplit("/", 1)[-1]]
        return schema

    @cache  # noqa: B019  (one document per process, kept for its lifetime)
    def validator(self, schema_name: str) -> Draft202012Validator:
        if schema_name not in self.schemas:
            raise KeyError(f"no schema {schema_name!r} in {self.path}")
        return Draft202012Validator({"$ref": f"{_BASE}#/components/schemas/{schema_name}"}, registry=self._registry)

    @cache  # noqa: B019
    def pointer_validator(self, pointer: str) -> Draft202012Validator:
        """A validator for the schema at a JSON pointer of the document (``/paths/...``)."""
        return Draft202012Validator({"$ref": f"{_BASE}#{pointer}"}, registry=self._registry)

    def properties(self, schema_name: str) -> Mapping[str, Any]:
        props: Mapping[str, Any] = self.resolve(self.schemas[schema_name]).get("properties", {})
        return props

    @cache  # noqa: B019
    def binary_fields(self, schema_name: str) -> frozenset[str]:
        """Properties sent as file parts of a multipart body."""
        return frozenset(
            name for name, prop in self.properties(schema_name).items() if self.resolve(prop).get("format") == "binary"
        )

    @cache  # noqa: B019
    def scalar_type(self, schema_name: str, field: str) -> str | None:
        """The JSON type a multipart text field should be read as (``integer``, ``number``, ...)."""
        prop = self.resolve(self.properties(schema_name).get(field))
        if not isinstance(prop, dict):
            return None
        kind = prop.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), None)
        return kind if isinstance(kind, str) else None

    @lru_cache(maxsize=256)  # noqa: B019
    def accepts(self, schema_name: str, field: str, value: str) -> bool:
        """Whether a property of the named schema accepts ``value`` (for the few texts a form may mean as JSON)."""
        pointer = f"/components/schemas/{schema_name}/properties/{field}"
        return field in self.properties(schema_name) and self.pointer_validator(pointer).is_valid(value)

    @cache  # noqa: B019
    def null_defaults(self, schema_name: str) -> frozenset[str]:
        """Top-level properties that accept ``null`` and have another default: for them null means the default."""
        return frozenset(
            name
            for name, prop in self.properties(schema_name).items()
            if prop.get("default") is not None and self._allows_null(prop, ())
        )

    @lru_cache(maxsize=4096)  # noqa: B019
    def allows_null(self, schema_name: str, path: tuple[str | int, ...]) -> bool:
        """Whether ``null`` is valid at ``path`` (indexes written ``0``) of the named schema."""
        return self._allows_null(self.schemas[schema_name], path)

    def _allows_null(self, schema: Any, path: tuple[str | int, ...]) -> bool:
        schema = self.resolve(schema)
        if not isinstance(schema, dict):
            return schema is not False
        branches = [*schema.get("anyOf", ()), *schema.get("oneOf", ())]
        if branches:
            return any(self._allows_null(branch, path) for branch in branches)
        if not path:
            kind = schema.get("type")
            kinds = kind if isinstance(kind, list) else [kind]
            return kind is None or "null" in kinds
        head, rest = path[0], path[1:]
        if isinstance(head, int):
            items = schema.get("items")
            return items is None or self._allows_null(items, rest)
        props = schema.get("properties", {})
        if head in props:
            return self._allows_null(props[head], rest)
        extra = schema.get("additionalProperties", True)
        return self._allows_null(extra, rest) if isinstance(extra, dict) else True


@lru_cache(maxsize=4)
def load_spec(path: Path | None = None) -> SpecDocument:
    return SpecDocument(path or default_spec_path())
