"""The generated client's public API compared with griffe: each rule griffe can judge fires on a two-line edit."""

from __future__ import annotations

from pathlib import Path

import griffe
import pytest
from specdiff import RULES, compare_python_api
from specdiff.python_api import BREAKAGE_RULES

BASE = """\
class Base: ...


class Thing(Base):
    size: int = 1


def create_thing(name: str, size: int = 1, *, note: str = "") -> Thing:
    return Thing()
"""

# (rule, the module after the edit)
CASES = [
    ("python-api-removed", BASE.replace("def create_thing", "def _create_thing")),
    ("python-api-added", BASE + "\n\ndef delete_thing(name: str) -> None: ...\n"),
    ("python-api-kind-changed", BASE.replace("class Thing(Base):\n    size: int = 1", "def Thing() -> None: ...")),
    ("python-parameter-removed", BASE.replace(', *, note: str = ""', "")),
    ("python-parameter-moved", BASE.replace("name: str, size: int = 1", 'size: int = 1, name: str = ""')),
    ("python-parameter-kind-changed", BASE.replace("name: str, size: int = 1, *,", "name: str, *, size: int = 1,")),
    ("python-parameter-default-changed", BASE.replace("size: int = 1,", "size: int = 2,")),
    ("python-parameter-became-required", BASE.replace("size: int = 1,", "size: int,")),
    ("python-parameter-added-required", BASE.replace("*, note", "*, owner: str, note")),
    ("python-base-class-removed", BASE.replace("class Thing(Base):", "class Thing:")),
]
# griffe 2.4 does not judge these yet (its documentation says so); the rules fire once it does.
NOT_YET_JUDGED = {"python-return-type-changed", "python-attribute-type-changed", "python-attribute-value-changed"}


def tree(root: Path, source: str) -> Path:
    package = root / "openai_client" / "api" / "things"
    package.mkdir(parents=True)
    for folder in (root / "openai_client", root / "openai_client" / "api", package):
        (folder / "__init__.py").write_text("", encoding="utf-8")
    (package / "create_thing.py").write_text(source, encoding="utf-8")
    return root


def test_every_python_rule_has_a_case_or_waits_for_griffe() -> None:
    python_rules = {rule for rule in RULES if rule.startswith("python-")}
    assert {case[0] for case in CASES} | NOT_YET_JUDGED == python_rules
    assert set(BREAKAGE_RULES) == set(griffe.BreakageKind)
    assert set(BREAKAGE_RULES.values()) <= python_rules


@pytest.mark.parametrize(("rule", "edited"), CASES, ids=[case[0] for case in CASES])
def test_rule_fires(tmp_path: Path, rule: str, edited: str) -> None:
    old, new = tree(tmp_path / "old", BASE), tree(tmp_path / "new", edited)
    changes = compare_python_api(old, new)
    found = [change for change in changes if change.id == rule]
    assert found, changes
    assert found[0].level == RULES[rule].level
    # Modules under api/<tag>/ are operations: the change names the operationId.
    assert found[0].operation == "createThing"
    assert found[0].location.startswith("openai_client.api.things.create_thing")
    assert found[0].message.startswith(found[0].location) and "\x1b[" not in found[0].message


def test_an_unchanged_tree_and_a_missing_tree_report_nothing(tmp_path: Path) -> None:
    old, new = tree(tmp_path / "old", BASE), tree(tmp_path / "new", BASE)
    assert compare_python_api(old, new) == []
    assert compare_python_api(tmp_path / "nowhere", new) == []


def test_a_new_module_is_one_change_not_one_per_member(tmp_path: Path) -> None:
    old, new = tree(tmp_path / "old", BASE), tree(tmp_path / "new", BASE)
    (new / "openai_client" / "api" / "things" / "delete_thing.py").write_text(BASE, encoding="utf-8")
    changes = compare_python_api(old, new)
    assert [(c.id, c.location, c.operation) for c in changes] == [
        ("python-api-added", "openai_client.api.things.delete_thing", "deleteThing")
    ]
