"""After the property run: every operation of the spec reached a success (2xx) answer at least once.

A declared 404 makes an operation the server lacks pass every per-answer check; this tally over the
whole run (operations, links, stateful phase) does not. conftest.py runs it last.
"""

from __future__ import annotations

import pytest
import yaml
from _support import TALLY
from openai_conform.settings import SPEC_PATH

# The modules whose calls feed the tally: operations with ids made by others succeed only in the last two.
FEEDERS = ("test_property_operations.py", "test_links.py", "test_stateful.py")


def spec_labels() -> set[str]:
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return {
        f"{method.upper()} {path}"
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "operationId" in operation
    }


def test_every_operation_reached_a_success(request: pytest.FixtureRequest) -> None:
    items = request.session.items
    ran = {item.path.name for item in items}
    # schemathesis' pytest items carry the operation they test.
    covered = {getattr(item, "operation_label", None) for item in items if item.path.name == FEEDERS[0]}
    if not set(FEEDERS) <= ran or covered != spec_labels():
        pytest.skip("needs the whole property run (every operation, the link flows and the stateful phase)")
    assert TALLY.unreached(sorted(spec_labels())) == {}
