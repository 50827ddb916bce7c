"""The short summary ``scripts/generate`` prints: what a regeneration changed for callers.

The spec is compared with the one last committed (``HEAD:spec/openapi.yaml``), the generated
client with the tree it replaces.
"""

from __future__ import annotations

from pathlib import Path

from .changes import Change, sort_changes
from .compare import compare_specs
from .python_api import compare_python_api
from .report import summary_line
from .sources import SourceError, load_spec

__all__ = ["COMMITTED_SPEC", "regeneration_summary"]

ROOT = Path(__file__).resolve().parents[2]
COMMITTED_SPEC = "HEAD:spec/openapi.yaml"


def _spec_changes(spec: Path) -> list[Change]:
    try:
        committed = load_spec(COMMITTED_SPEC, ROOT)
    except SourceError:  # not a git checkout, or the spec is not committed yet: nothing to compare with
        return []
    return compare_specs(committed, load_spec(str(spec), ROOT))


def _grouped(changes: list[Change]) -> list[str]:
    """One line per rule and node: a shared schema's change is one line naming the operations it reaches."""
    groups: dict[tuple[str, str], list[Change]] = {}
    for change in changes:
        groups.setdefault((change.id, change.location), []).append(change)
    lines = []
    for (rule, location), members in groups.items():
        operations = sorted({change.operation for change in members if change.operation})
        where = operations[0] if len(operations) == 1 else f"{len(operations)} operations" if operations else "-"
        first = min(members, key=lambda change: len(change.message))  # the shortest route names it best
        lines.append(f"    {first.level:<7} {rule:<36} {where}: {first.message} (at {location})")
    return lines


def regeneration_summary(spec: Path, old_tree: Path, new_tree: Path, limit: int = 15) -> str:
    """A few lines: the count per level, then the changes, most severe first, one line per rule and node."""
    changes = sort_changes(_spec_changes(spec) + compare_python_api(old_tree, new_tree))
    lines = _grouped(changes)
    head = f"==> Changes for callers (since {COMMITTED_SPEC} and the previous tree): {summary_line(changes)}"
    if len(lines) > limit:
        more = f"    ... {len(lines) - limit} more: scripts/diff {COMMITTED_SPEC} {spec} --python"
        lines = [*lines[:limit], more]
    return "\n".join([head, *lines])
