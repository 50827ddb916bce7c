"""Session fixtures of the official-SDK compatibility tests (the machinery is in compat_harness)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from compat_harness import CURRENT, LEGACY, MockProcess, ScenarioRun, run_scenarios, start_mock, stop_process


@pytest.fixture(scope="session")
def mock_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockProcess]:
    workdir = tmp_path_factory.mktemp("compat-mock")
    server = start_mock(workdir / "data", workdir / "mock.log")
    try:
        yield server
    finally:
        stop_process(server.process)


@pytest.fixture(scope="session")
def current_sdk(mock_server: MockProcess) -> ScenarioRun:
    return run_scenarios(CURRENT, mock_server)


@pytest.fixture(scope="session")
def legacy_sdk(mock_server: MockProcess) -> ScenarioRun:
    return run_scenarios(LEGACY, mock_server)
