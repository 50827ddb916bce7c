"""Harness of the official-SDK compatibility tests: SDK venvs, the mock process, scenario runs.

Each SDK release lives in its own virtual environment under ``.cache/compat/`` (made on first
use, reused while its requirements stay the same). The mock runs as a real server process on a
free 127.0.0.1 port; a scenario script runs inside each SDK's environment and prints one JSON
line per scenario, which the tests then check one by one.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

__all__ = [
    "API_KEY",
    "CACHE",
    "CURRENT",
    "LEGACY",
    "ORGANIZATION",
    "SCRIPTS",
    "MockProcess",
    "ScenarioRun",
    "SdkRelease",
    "ensure_venv",
    "list_scenarios",
    "run_scenarios",
    "start_mock",
    "stop_process",
]

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "compat"
SCRIPTS = Path(__file__).resolve().parent / "sdk_scripts"
API_KEY = "sk-compat-0123456789abcdef"
ORGANIZATION = "org-compat-tests"
# Short enough that a fine-tune finishes within the test, long enough to observe "pending".
FINE_TUNE_SECONDS = 1.0
SCENARIO_TIMEOUT = 60


@dataclass(frozen=True)
class SdkRelease:
    """One release of the official SDK: its venv, what goes into it, and its scenario script."""

    key: str
    venv: str
    requirements: tuple[str, ...]
    version: str
    script: str

    @property
    def path(self) -> Path:
        return CACHE / self.venv

    @property
    def python(self) -> Path:
        return self.path / "bin" / "python"


CURRENT = SdkRelease("current", "venv-openai-current", ("openai==3.54.0",), "3.54.0", "current_sdk.py")
# 0.27.8 decodes base64 embeddings with numpy, which it does not install itself.
LEGACY = SdkRelease("legacy", "venv-openai-0278", ("openai==0.27.8", "numpy<3"), "0.27.8", "legacy_sdk.py")

_STAMP = "compat-requirements.json"


def _installed_version(release: SdkRelease) -> str | None:
    if not release.python.exists():
        return None
    probe = "import importlib.metadata as m; print(m.version('openai'))"
    done = subprocess.run([str(release.python), "-c", probe], capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else None


def ensure_venv(release: SdkRelease) -> Path:
    """The release's interpreter, creating or rebuilding its venv when missing or stale."""
    stamp = release.path / _STAMP
    wanted = {"requirements": list(release.requirements), "python": list(sys.version_info[:2])}
    if stamp.exists() and json.loads(stamp.read_text()) == wanted and _installed_version(release) == release.version:
        return release.python
    shutil.rmtree(release.path, ignore_errors=True)
    release.path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(release.path)], check=True)
    install = [
        str(release.python),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        *release.requirements,
    ]
    done = subprocess.run(install, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        shutil.rmtree(release.path, ignore_errors=True)
        pytest.fail(f"pip could not install {release.requirements}:\n{done.stdout}\n{done.stderr}")
    stamp.write_text(json.dumps(wanted))
    return release.python


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _child_env() -> dict[str, str]:
    # The SDKs read OPENAI_* and proxy settings from the environment; the tests pass everything explicitly.
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("OPENAI_") and "PROXY" not in k.upper()}
    env["NO_PROXY"] = "127.0.0.1,localhost"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


@dataclass
class MockProcess:
    base_url: str
    process: subprocess.Popen[bytes]
    log: Path


def start_mock(data_dir: Path, log: Path) -> MockProcess:
    for _attempt in range(3):
        port = _free_port()
        command = [
            sys.executable,
            "-m",
            "openai_mock",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--api-key",
            API_KEY,
            "--data-dir",
            str(data_dir),
            "--fine-tune-duration",
            str(FINE_TUNE_SECONDS),
            "--log-level",
            "warning",
        ]
        with log.open("ab") as sink:
            process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=_child_env(), cwd=ROOT)
        base_url = f"http://127.0.0.1:{port}/v1"
        deadline = time.monotonic() + 30
        while process.poll() is None and time.monotonic() < deadline:
            try:
                reply = httpx.get(f"{base_url}/models", headers={"Authorization": f"Bearer {API_KEY}"}, timeout=2)
                if reply.status_code == 200:
                    return MockProcess(base_url, process, log)
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        stop_process(process)
    pytest.fail(f"the mock server did not start; its log:\n{log.read_text(errors='replace')}")


def stop_process(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@dataclass(frozen=True)
class ScenarioRun:
    """Every scenario's JSON record from one run of an SDK script, plus what it wrote to stderr."""

    release: SdkRelease
    records: dict[str, dict[str, Any]]
    stderr: str
    returncode: int

    def result(self, name: str) -> Any:
        record = self.records.get(name)
        if record is None:
            pytest.fail(
                f"{self.release.key} SDK scenario {name!r} produced no result (exit {self.returncode}):\n"
                f"{self.stderr[-4000:]}"
            )
        if not record["ok"]:
            error = record["error"]
            pytest.fail(
                f"{self.release.key} SDK scenario {name!r} raised {error['class']}: {error['message']}\n"
                f"{error['traceback']}"
            )
        return record["result"]


def list_scenarios(release: SdkRelease) -> list[str]:
    python = ensure_venv(release)
    done = subprocess.run(
        [str(python), release.script, "--list"],
        cwd=SCRIPTS,
        capture_output=True,
        text=True,
        env=_child_env(),
        check=True,
    )
    names: list[str] = json.loads(done.stdout)
    return names


def run_scenarios(release: SdkRelease, server: MockProcess) -> ScenarioRun:
    python = ensure_venv(release)
    command = [
        str(python),
        release.script,
        "--base-url",
        server.base_url,
        "--api-key",
        API_KEY,
        "--organization",
        ORGANIZATION,
        "--timeout",
        str(SCENARIO_TIMEOUT),
    ]
    done = subprocess.run(
        command, cwd=SCRIPTS, capture_output=True, text=True, env=_child_env(), timeout=900, check=False
    )
    records = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            records[record["scenario"]] = record
    return ScenarioRun(release, records, done.stderr, done.returncode)
