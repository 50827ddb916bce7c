"""scripts/conform end to end: against a fresh openai-mock, and against a server that lacks one route."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from _broken import RewriteAnswers, drop_route
from _support import new_mock_app

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


@contextlib.contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` on a free 127.0.0.1 port in a background thread, for the length of the block."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        server.should_exit = True
        thread.join()


@pytest.mark.slow
def test_conform_fails_a_server_without_one_route(tmp_path: Path) -> None:
    """The README's subset example, as written (no key, no links among the operations), on a mock lacking one route."""
    app = new_mock_app()
    try:
        with serving(RewriteAnswers(app, drop_route("GET", "/v1/models"))) as url:
            readme_example = ["--base-url", url, "--operations", "createModeration", "listModels"]
            result = subprocess.run(
                [str(ROOT / "scripts" / "conform"), *readme_example, "--report-dir", str(tmp_path)],
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
    finally:
        app.state.services.close()
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-3000:]
    assert "(no links among them: no stateful phase)" in result.stdout
    assert "==> FAILED GET /models: no request reached a success (2xx) answer" in result.stdout
    text = (tmp_path / "report.md").read_text()
    assert "**FAILED**" in text
    assert "| createModeration | `POST /moderations` | passed |" in text
    assert "| listModels | `GET /models` | failed |" in text
    assert "The server does not serve GET /models: a 404 saying 'Invalid URL (GET /v1/models)'" in text
