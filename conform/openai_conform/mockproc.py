"""Start ``openai-mock`` on a free 127.0.0.1 port for a conformance run, and stop it afterwards."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

__all__ = ["free_port", "mock_command", "running_mock_process"]

STARTUP_SECONDS = 30.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def mock_command(port: int, fine_tune_seconds: float, spec: Path | None = None) -> list[str]:
    """The installed ``openai-mock`` next to this interpreter, else ``python -m openai_mock``; it
    serves ``spec`` when given, so a run of another document finds its operations served."""
    installed = Path(sys.executable).with_name("openai-mock")
    program = [str(installed)] if installed.exists() else [sys.executable, "-m", "openai_mock"]
    return [
        *program,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--fine-tune-duration",
        str(fine_tune_seconds),
        *(["--spec", str(spec)] if spec is not None else []),
    ]


def _wait_until_healthy(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"openai-mock exited with status {process.returncode} before it answered")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=1) as answer:
            if answer.status == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"openai-mock did not answer {url} within {STARTUP_SECONDS:.0f} s")


@contextlib.contextmanager
def running_mock_process(log: Path, fine_tune_seconds: float = 0.5, spec: Path | None = None) -> Iterator[str]:
    """Yields the mock's API base URL (``http://127.0.0.1:PORT/v1``); the process is stopped on exit.

    Its output goes to ``log``: malformed fuzzed requests make servers log warnings that would
    bury schemathesis' progress.
    """
    port = free_port()
    with log.open("wb") as sink:
        process = subprocess.Popen(
            mock_command(port, fine_tune_seconds, spec), env=dict(os.environ), stdout=sink, stderr=subprocess.STDOUT
        )
    try:
        _wait_until_healthy(f"http://127.0.0.1:{port}/", process)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
