"""The report in three formats: text for a terminal, Markdown for a pull request, JSON for tools."""

from __future__ import annotations

import json
from collections import Counter

from .changes import Change
from .rules import LEVELS

__all__ = ["FORMATS", "render", "summary_line"]

FORMATS = ("text", "markdown", "json")


def summary_line(changes: list[Change]) -> str:
    counts = Counter(change.level for change in changes)
    if not changes:
        return "no changes"
    return f"{len(changes)} change(s): " + ", ".join(f"{counts[level]} {level}" for level in LEVELS)


def _text(changes: list[Change]) -> str:
    lines = [
        f"{change.level:<7} {change.id:<40} {change.operation or '-':<24} {change.message}\n{'':8}at {change.location}"
        for change in changes
    ]
    return "\n".join([*lines, summary_line(changes)]) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown(changes: list[Change]) -> str:
    lines = ["# API changes", "", summary_line(changes).capitalize() + ".", ""]
    if changes:
        lines += ["| level | rule | operation | change | location |", "| --- | --- | --- | --- | --- |"]
        lines += [
            f"| {c.level} | `{c.id}` | {c.operation or '-'} | {_cell(c.message)} | `{_cell(c.location)}` |"
            for c in changes
        ]
    return "\n".join(lines) + "\n"


def _json(changes: list[Change]) -> str:
    rows = [
        {"id": c.id, "level": c.level, "operation": c.operation, "location": c.location, "message": c.message}
        for c in changes
    ]
    return json.dumps({"changes": rows}, indent=2) + "\n"


def render(changes: list[Change], fmt: str) -> str:
    renderers = {"text": _text, "markdown": _markdown, "json": _json}
    return renderers[fmt](changes)
