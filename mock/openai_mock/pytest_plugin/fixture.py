"""The ``openai_mock`` fixture and marker."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # imported by the fixture itself, so that loading the plugin stays cheap
    from ..testing.mock import OpenAIMock

__all__ = ["openai_mock", "pytest_configure", "pytest_runtest_makereport"]

_CALL_FAILED = pytest.StashKey[bool]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "openai_mock(**options): settings of the test's openai_mock fixture: MockConfig fields "
        "(fine_tune_duration, api_keys, latency, ...), api_key, strict",
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, object, object]:
    report = yield
    if call.when == "call" and getattr(report, "failed", False):
        item.stash[_CALL_FAILED] = True
    return report


@pytest.fixture
def openai_mock(request: pytest.FixtureRequest) -> Iterator[OpenAIMock]:
    """A fresh mock for this test: route handles, transports, ``base_url``, clients, ``seed_*``.

    Strict by default: a scripted answer or failure that no request used fails the test at
    teardown (``@pytest.mark.openai_mock(strict=False)`` turns that off); a script the mock could
    not serve (one the spec does not allow) always fails it.
    """
    from ..testing.mock import OpenAIMock
    from .options import parse_marker

    marker = request.node.get_closest_marker("openai_mock")
    options = parse_marker(marker.kwargs if marker else {})
    mock = OpenAIMock(options.config, api_key=options.api_key)
    try:
        yield mock
    finally:
        problems, pending = mock.problems, mock.pending()
        mock.close()
    if problems:
        pytest.fail("openai_mock could not serve a script:\n  " + "\n  ".join(problems), pytrace=False)
    if options.strict and pending and not request.node.stash.get(_CALL_FAILED, False):
        pytest.fail(
            "openai_mock: scripted but never requested (strict=False on the marker allows this):\n  "
            + "\n  ".join(pending),
            pytrace=False,
        )
