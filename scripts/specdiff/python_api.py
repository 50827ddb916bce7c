"""The generated client's public API compared between two trees with griffe (static analysis, no import).

griffe finds what breaks callers; what was added it does not report, so public paths are compared too.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from pathlib import Path

import griffe

from .changes import Change

__all__ = ["BREAKAGE_RULES", "compare_python_api", "public_paths"]

PACKAGE = "openai_client"
ONE_LINE = griffe.ExplanationStyle.ONE_LINE
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")

BREAKAGE_RULES: dict[griffe.BreakageKind, str] = {
    griffe.BreakageKind.OBJECT_REMOVED: "python-api-removed",
    griffe.BreakageKind.OBJECT_CHANGED_KIND: "python-api-kind-changed",
    griffe.BreakageKind.PARAMETER_REMOVED: "python-parameter-removed",
    griffe.BreakageKind.PARAMETER_MOVED: "python-parameter-moved",
    griffe.BreakageKind.PARAMETER_CHANGED_KIND: "python-parameter-kind-changed",
    griffe.BreakageKind.PARAMETER_CHANGED_DEFAULT: "python-parameter-default-changed",
    griffe.BreakageKind.PARAMETER_CHANGED_REQUIRED: "python-parameter-became-required",
    griffe.BreakageKind.PARAMETER_ADDED_REQUIRED: "python-parameter-added-required",
    griffe.BreakageKind.RETURN_CHANGED_TYPE: "python-return-type-changed",
    griffe.BreakageKind.ATTRIBUTE_CHANGED_TYPE: "python-attribute-type-changed",
    griffe.BreakageKind.ATTRIBUTE_CHANGED_VALUE: "python-attribute-value-changed",
    griffe.BreakageKind.CLASS_REMOVED_BASE: "python-base-class-removed",
}


def _load(tree: Path, package: str) -> griffe.Object | griffe.Alias:
    # griffe logs through `logging`; the report is the only output wanted.
    with contextlib.redirect_stderr(io.StringIO()):
        return griffe.load(package, search_paths=[tree], try_relative_path=False, allow_inspection=False)


def public_paths(node: griffe.Object | griffe.Alias) -> Iterator[str]:
    """Dotted paths of the public objects defined in the package (aliases to other packages left out)."""
    for member in node.members.values():
        if member.is_alias or not member.is_public:
            continue
        yield member.path
        if member.is_module or member.is_class:
            yield from public_paths(member)


def _message(breakage: griffe.Breakage) -> str:
    """griffe's one-line explanation without its colours and its ``file:line:`` prefix."""
    _, title, change = ANSI_ESCAPE.sub("", breakage.explain(style=ONE_LINE)).split(": ", 2)
    parameter = title[title.index("(") :] if "(" in title else ""  # parameter breakages name it as "f(name)"
    return f"{breakage.obj.path}{parameter}: {change}"


def compare_python_api(old_tree: Path, new_tree: Path, package: str = PACKAGE) -> list[Change]:
    """Changes to ``package``'s public API between the folders that hold it (``generated/`` and a fresh tree)."""
    if not (old_tree / package).is_dir() or not (new_tree / package).is_dir():
        return []
    old, new = _load(old_tree, package), _load(new_tree, package)
    changes = [
        Change(BREAKAGE_RULES[breakage.kind], "", breakage.obj.path, _message(breakage))
        for breakage in griffe.find_breaking_changes(old, new)
    ]
    old_paths = set(public_paths(old))
    changes += [
        Change("python-api-added", "", path, f"{path} was added")
        for path in sorted(set(public_paths(new)) - old_paths)
        if path.rpartition(".")[0] in old_paths | {package}  # the new top object only, not its members
    ]
    return [Change(c.id, _operation_of(c.location), c.location, c.message) for c in changes]


def _operation_of(path: str) -> str:
    """The operationId behind ``openai_client.api.<tag>.<operation>...`` (module names are its snake_case)."""
    parts = path.split(".")
    if len(parts) < 4 or parts[1] != "api":
        return ""
    head, *rest = parts[3].split("_")
    return head + "".join(word.capitalize() for word in rest)
