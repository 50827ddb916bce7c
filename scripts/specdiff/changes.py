"""One change found between two versions, and the report that holds them."""

from __future__ import annotations

from dataclasses import dataclass

from .rules import LEVELS, RULES, Level

__all__ = ["Change", "sort_changes"]


@dataclass(frozen=True)
class Change:
    """``id`` names a rule of the table; ``location`` is a JSON pointer (or a Python path for python-* rules)."""

    id: str
    operation: str
    location: str
    message: str

    def __post_init__(self) -> None:
        if self.id not in RULES:
            raise ValueError(f"unknown rule id {self.id!r}")

    @property
    def level(self) -> Level:
        return RULES[self.id].level


def sort_changes(changes: list[Change]) -> list[Change]:
    """Most severe first, then by operation and location; one change per rule, operation and location.

    A shared schema reached along several routes of one operation (``training_files[].bytes``,
    ``result_files[].bytes``) is one change for that operation: the first route names it.
    """
    ordered = sorted(changes, key=lambda c: (LEVELS.index(c.level), c.operation, c.location, c.id, c.message))
    unique: dict[tuple[str, str, str], Change] = {}
    for change in ordered:
        unique.setdefault((change.id, change.operation, change.location), change)
    return list(unique.values())
