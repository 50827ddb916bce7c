"""scripts/conform end to end: it starts openai-mock on a free port, runs schemathesis and writes the reports."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_conform_against_a_fresh_mock_writes_reports(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(ROOT / "scripts" / "conform"), "--operations", "listModels,retrieveModel", "--report-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "==> Starting openai-mock" in result.stdout and "==> Stopped openai-mock" in result.stdout
    text = (tmp_path / "report.md").read_text()
    assert "**PASSED**" in text
    assert "| listModels | `GET /models` | passed |" in text
    assert "| retrieveModel | `GET /models/{model}` | passed |" in text
    names = {path.name.split("-")[0] for path in tmp_path.iterdir()}
    assert {"junit", "json", "ndjson", "har", "vcr", "report.md"} <= names
    # The key never lands in a report file.
    assert all(b"sk-test" not in path.read_bytes() for path in tmp_path.iterdir())


def test_conform_refuses_unknown_operations(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(ROOT / "scripts" / "conform"), "--operations", "listModelz", "--report-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "unknown operationId(s): listModelz" in result.stderr
