"""The official SDK, unchanged, through the proxy: the compatibility scenarios, with the mock as the upstream.

The SDK's venv and the scenario runner are the compatibility tests' (tests/compat); only the base
URL differs. Two scenarios break the spec on purpose, and they are the only violations found.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "compat"))

from compat_harness import CURRENT, MockProcess, run_scenarios, start_mock, stop_process

from openai_mock.proxy import running_proxy

pytestmark = pytest.mark.slow

EXPECTED = {
    # A message with the role 'robot', sent to see the SDK's BadRequestError.
    ("createChatCompletion", "request", "/messages/0/role"),
    # `x-mock-fault: stream=error`: an error object as an event and no [DONE]; the spec declares neither.
    ("createChatCompletion", "event", ""),
}


def test_every_sdk_scenario_passes_through_the_proxy(tmp_path: Path) -> None:
    mock = start_mock(tmp_path / "data", tmp_path / "mock.log")
    try:
        with running_proxy(mock.base_url) as proxy:
            run = run_scenarios(CURRENT, MockProcess(proxy.base_url, mock.process, mock.log))
            report = proxy.report.to_dict()
    finally:
        stop_process(mock.process)
    assert run.records, run.stderr[-4000:]
    failed = {name: record["error"]["message"] for name, record in run.records.items() if not record["ok"]}
    assert not failed, failed
    found = {(v["operation"], v["direction"], v["pointer"]) for v in report["recent_violations"]}
    assert found == EXPECTED, report["recent_violations"]
    assert report["operations"]["createChatCompletion"]["requests"] >= 3
    assert len(report["operations"]) >= 15
