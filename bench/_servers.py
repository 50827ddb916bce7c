"""Starting a server for a benchmark in its own process group, and knowing when it listens."""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["PIDS", "ROOT", "free_port", "mock_available", "mock_command", "peak_rss_mb", "serve", "uvicorn_command"]

ROOT = Path(__file__).resolve().parent.parent
PIDS = ROOT / ".cache" / "bench" / "server.pids"  # scripts/bench's EXIT trap stops whatever is listed here


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def uvicorn_command(target: str, port: int) -> list[str]:
    # Logged as the mock is (warnings only, no line per request): uvicorn's defaults log every request.
    options = ["--workers", "1", "--log-level", "warning", "--no-access-log"]
    return [sys.executable, "-m", "uvicorn", target, "--host", "127.0.0.1", "--port", str(port), *options]


def mock_available() -> bool:
    return importlib.util.find_spec("openai_mock.app") is not None


def mock_command(port: int, *options: str) -> list[str]:
    script = Path(sys.executable).parent / "openai-mock"
    launcher = [str(script)] if script.exists() else [sys.executable, "-m", "openai_mock"]
    return [*launcher, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", *options]


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set (VmHWM) so far, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


@contextmanager
def serve(command: list[str], port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Run `command` until the block ends; yields the process once `port` accepts connections."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    with PIDS.open("a") as pids:
        pids.write(f"{proc.pid}\n")
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{command[0]} exited with {proc.returncode}; see {log}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{command[0]} did not listen on {port} within 60 s") from None
                time.sleep(0.2)
        yield proc
    finally:
        # The whole group: npx-style launchers leave a `node` child behind otherwise.
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(10)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
