"""Every operation of spec/openapi.yaml: positive and negative data, all of schemathesis' checks plus ours.

Phases: the spec's examples, schemathesis' coverage cases (boundaries, each enum value, each
required field left out, ...) and hypothesis fuzzing bounded by the profile's ``max_examples``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from _support import LifespanShield, load_schema, new_mock_app, record
from hypothesis import HealthCheck, settings
from schemathesis import Case

APP = new_mock_app()
schema = load_schema(LifespanShield(APP))


@pytest.fixture(scope="module", autouse=True)
def _close_mock_store() -> Iterator[None]:
    yield
    APP.state.services.close()


@schema.parametrize()
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_operation(case: Case[Any]) -> None:
    record(case, case.call_and_validate())
