"""What the spec tells client generators beyond the wire format: `x-client-decode` and `x-client-default`.

- `x-client-decode: float32-base64` on an object property whose schema is `anyOf` [an array of numbers, a
  base64 string]: the client presents the property as `list[float]`, decoding the base64 form (little-endian
  float32 values), so callers never narrow a union.
- `x-client-default: VALUE` on an optional request property with an enum: the client sends VALUE when the
  caller gives none (the API's own default stays what `default` says).

`scripts/check` validates both (`check_client_hints`); `scripts/generate` hands them to the templates.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from _facade_types import Types  # scripts/, beside this file

__all__ = ["ClientHints", "check_client_hints", "client_hints"]

Json = Any
DECODINGS = frozenset({"float32-base64"})


@dataclass(frozen=True)
class ClientHints:
    decoded: dict[str, dict[str, str]]  # schema name -> JSON property name -> decoding
    defaults: dict[str, dict[str, str]]  # schema name -> JSON property name -> value sent when not given


def _properties(doc: Json) -> Iterator[tuple[str, str, Mapping[str, Json], Mapping[str, Json]]]:
    schemas = ((doc.get("components") or {}).get("schemas") or {}) if isinstance(doc, Mapping) else {}
    for name, schema in schemas.items():
        if not isinstance(schema, Mapping):
            continue
        for key, prop in (schema.get("properties") or {}).items():
            if isinstance(prop, Mapping):
                yield str(name), str(key), schema, prop


def client_hints(doc: Json) -> ClientHints:
    decoded: dict[str, dict[str, str]] = {}
    defaults: dict[str, dict[str, str]] = {}
    for schema_name, key, _, prop in _properties(doc):
        if "x-client-decode" in prop:
            decoded.setdefault(schema_name, {})[key] = str(prop["x-client-decode"])
        if "x-client-default" in prop:
            defaults.setdefault(schema_name, {})[key] = str(prop["x-client-default"])
    return ClientHints(decoded, defaults)


def _is_float_vector_union(doc: Json, prop: Mapping[str, Json]) -> bool:
    types = Types(doc)
    branches: list[Mapping[str, Json]] = [
        types.resolve(branch)[1] for branch in prop.get("anyOf") or [] if isinstance(branch, Mapping)
    ]
    if len(branches) != 2:
        return False
    kinds = {branch.get("type") for branch in branches}
    array = next((b for b in branches if b.get("type") == "array"), {})
    text = next((b for b in branches if b.get("type") == "string"), {})
    items = array.get("items")
    if not isinstance(items, Mapping):
        return False
    return kinds == {"array", "string"} and items.get("type") == "number" and text.get("contentEncoding") == "base64"


def check_client_hints(doc: Json) -> list[str]:
    problems: list[str] = []
    for schema_name, key, schema, prop in _properties(doc):
        where = f"#/components/schemas/{schema_name}/properties/{key}"
        decoding = prop.get("x-client-decode")
        if decoding is not None:
            if decoding not in DECODINGS:
                problems.append(f"{where}: x-client-decode {decoding!r} is not one of {sorted(DECODINGS)}")
            elif not _is_float_vector_union(doc, prop):
                problems.append(
                    f"{where}: x-client-decode {decoding!r} needs anyOf [an array of numbers, a base64 string]"
                )
        if "x-client-default" in prop:
            value = prop["x-client-default"]
            enum = Types(doc).resolve(prop)[1].get("enum") or []
            if key in (schema.get("required") or []):
                problems.append(f"{where}: x-client-default on a required property is never used")
            if value not in enum:
                problems.append(f"{where}: x-client-default {value!r} is not one of the property's enum {enum}")
    return problems
