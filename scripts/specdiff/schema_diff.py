"""The comparison of two schemas, from the side of a caller who sends requests and reads responses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from .schemas import Json, deref, escape, show, type_set, variants

__all__ = ["SchemaDiffer", "Side"]

Side = Literal["request", "response"]
# Lower bounds narrow when they grow; upper bounds when they shrink.
LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")


class SchemaDiffer:
    """Types, nullability, enums, bounds, defaults and properties, recursing through items and branches.

    A caller narrowing what a request accepts breaks; anything a response may newly hold breaks.
    Subclasses say where a change goes (``add``).
    """

    def __init__(self, old_doc: Json, new_doc: Json) -> None:
        self.old_doc, self.new_doc = old_doc, new_doc

    def add(self, rule: str, location: str, message: str) -> None:
        raise NotImplementedError

    def schema(
        self,
        old: Json,
        old_pointer: str,
        new: Json,
        new_pointer: str,
        side: Side,
        context: str,
        label: str,
        seen: frozenset[tuple[str, str]] = frozenset(),
    ) -> None:
        old, old_pointer = deref(self.old_doc, old, old_pointer)
        new, new_pointer = deref(self.new_doc, new, new_pointer)
        if not isinstance(old, Mapping) or not isinstance(new, Mapping) or (old_pointer, new_pointer) in seen:
            return
        seen = seen | {(old_pointer, new_pointer)}
        subject = f"{context}: {label!r}" if label else context
        self.types(old, new, new_pointer, side, subject)
        self.enum(old, new, new_pointer, side, subject)
        if side == "request":
            self.constraints(old, new, new_pointer, subject)
        self.properties(old, old_pointer, new, new_pointer, side, context, label, seen)
        for keyword, suffix in (("items", "[]"), ("contentSchema", ""), ("additionalProperties", "{}")):
            if isinstance(old.get(keyword), Mapping) and isinstance(new.get(keyword), Mapping):
                self.schema(
                    old[keyword],
                    f"{old_pointer}/{keyword}",
                    new[keyword],
                    f"{new_pointer}/{keyword}",
                    side,
                    context,
                    f"{label}{suffix}",
                    seen,
                )
        old_variants, new_variants = variants(self.old_doc, old), variants(self.new_doc, new)
        if old_variants and len(old_variants) == len(new_variants):  # matched by position
            for (old_branch, old_index, old_key), (new_branch, new_index, new_key) in zip(
                old_variants, new_variants, strict=True
            ):
                self.schema(
                    old_branch,
                    f"{old_pointer}/{old_key}/{old_index}",
                    new_branch,
                    f"{new_pointer}/{new_key}/{new_index}",
                    side,
                    context,
                    label,
                    seen,
                )

    def types(self, old: Mapping[str, Json], new: Mapping[str, Json], pointer: str, side: Side, subject: str) -> None:
        old_types, old_null = type_set(self.old_doc, old)
        new_types, new_null = type_set(self.new_doc, new)
        if old_types and new_types and old_types != new_types:
            before, after = "|".join(sorted(old_types)), "|".join(sorted(new_types))
            rule = "request-property-type-widened" if side == "request" and old_types < new_types else None
            self.add(rule or f"{side}-property-type-changed", pointer, f"{subject}: type {before} became {after}")
        if old_null != new_null:
            became = "nullable" if new_null else "not-nullable"
            self.add(f"{side}-property-became-{became}", pointer, f"{subject} became {became.replace('-', ' ')}")

    def enum(self, old: Mapping[str, Json], new: Mapping[str, Json], pointer: str, side: Side, subject: str) -> None:
        if not isinstance(old.get("enum"), list) or not isinstance(new.get("enum"), list):
            return
        old_values, new_values = {show(v) for v in old["enum"]}, {show(v) for v in new["enum"]}
        for value in sorted(old_values - new_values):
            self.add(f"{side}-enum-value-removed", f"{pointer}/enum", f"{subject}: enum value {value} was removed")
        for value in sorted(new_values - old_values):
            self.add(f"{side}-enum-value-added", f"{pointer}/enum", f"{subject}: enum value {value} was added")

    def constraints(self, old: Mapping[str, Json], new: Mapping[str, Json], pointer: str, subject: str) -> None:
        for keyword in LOWER_BOUNDS + UPPER_BOUNDS:
            before, after = old.get(keyword), new.get(keyword)
            if before == after:
                continue
            if before is None:
                narrowed = True
            elif after is None:
                narrowed = False
            else:
                narrowed = after > before if keyword in LOWER_BOUNDS else after < before
            rule = "request-property-constraint-narrowed" if narrowed else "request-property-constraint-relaxed"
            self.add(rule, f"{pointer}/{keyword}", f"{subject}: {keyword} {show(before)} became {show(after)}")
        if old.get("pattern") != new.get("pattern"):
            message = f"{subject}: pattern {show(old.get('pattern'))} became {show(new.get('pattern'))}"
            self.add("request-property-pattern-changed", f"{pointer}/pattern", message)
        if "default" in old and "default" in new and old["default"] != new["default"]:
            message = f"{subject}: default {show(old['default'])} became {show(new['default'])}"
            self.add("request-property-default-changed", f"{pointer}/default", message)

    def properties(
        self,
        old: Mapping[str, Json],
        old_pointer: str,
        new: Mapping[str, Json],
        new_pointer: str,
        side: Side,
        context: str,
        label: str,
        seen: frozenset[tuple[str, str]],
    ) -> None:
        old_props, new_props = old.get("properties") or {}, new.get("properties") or {}
        old_required, new_required = set(old.get("required") or []), set(new.get("required") or [])
        for name in sorted(old_props.keys() | new_props.keys()):
            full = f"{label}.{name}" if label else name
            where_old = f"{old_pointer}/properties/{escape(name)}"
            where_new = f"{new_pointer}/properties/{escape(name)}"
            subject = f"{context}: {full!r}"
            if name not in new_props:
                self.add(f"{side}-property-removed", where_old, f"{subject} was removed")
            elif name not in old_props:
                if side == "response":
                    self.add("response-property-added", where_new, f"{subject} was added")
                else:
                    required = name in new_required
                    rule = "new-required-request-property" if required else "new-optional-request-property"
                    self.add(rule, where_new, f"{subject} was added ({'required' if required else 'optional'})")
            else:
                if name in new_required and name not in old_required:
                    self.add(f"{side}-property-became-required", where_new, f"{subject} became required")
                if name in old_required and name not in new_required:
                    self.add(f"{side}-property-became-optional", where_new, f"{subject} became optional")
                self.schema(old_props[name], where_old, new_props[name], where_new, side, context, full, seen)
