"""Reports how many requests the property suite sent, and with which profile."""

from __future__ import annotations

import pytest
from _support import CALLS, PROFILE


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if CALLS["count"]:
        terminalreporter.write_line(f"property tests: {CALLS['count']} requests (profile {PROFILE.name})")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The after-run tally must see every other property test's answers first.
    items.sort(key=lambda item: item.path.name == "test_served.py")
