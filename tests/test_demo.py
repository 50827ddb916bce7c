"""`python -m demo` end to end: the tour against its embedded mock exits 0 and shows every step."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from openai_mock.server import running_mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # `demo` lives at the repository root, outside the installed packages

from demo.tour import STEPS  # noqa: E402


def _run(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    return subprocess.run(
        [sys.executable, "-m", "demo", "--output-dir", str(tmp_path / "out"), *args],
        cwd=ROOT,
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_tour_has_a_step_per_resource() -> None:
    titles = " ".join(step.title for step in STEPS)
    for resource in (
        "Models",
        "Chat",
        "Completion",
        "Edit",
        "Embeddings",
        "Images",
        "Audio",
        "Files",
        "Fine-tune",
        "Moderation",
        "Errors",
        "Retries",
    ):
        assert resource in titles


@pytest.mark.slow
def test_demo_on_the_embedded_mock(tmp_path: Path) -> None:
    result = _run(tmp_path, "--fine-tune-duration", "1")
    assert result.returncode == 0, result.stdout + result.stderr
    for number, step in enumerate(STEPS, start=1):
        assert f"==> [{number}/{len(STEPS)}] {step.title}\n" in result.stdout
    assert "FAILED" not in result.stdout
    assert f"All {len(STEPS)} steps passed" in result.stdout
    out = tmp_path / "out"
    pngs = sorted(p.name for p in out.glob("*.png"))
    assert pngs == [
        "lighthouse-edited.png",
        "lighthouse-variation-1.png",
        "lighthouse-variation-2.png",
        "lighthouse.png",
        "mask.png",
    ]
    for png in pngs:
        assert (out / png).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert (out / "train-downloaded.jsonl").read_bytes() == (out / "train.jsonl").read_bytes()
    assert "flagged=True" in result.stdout
    assert "BadRequestError: status=400" in result.stdout
    assert "retry 1 after 429" in result.stdout


def test_demo_against_a_named_server_needs_a_key(tmp_path: Path) -> None:
    result = _run(tmp_path, env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"})
    assert result.returncode == 2
    assert "OPENAI_API_KEY" in result.stdout


@pytest.mark.slow
def test_demo_against_a_named_server(tmp_path: Path) -> None:
    with running_mock(fine_tune_duration=0.5) as base_url:
        result = _run(tmp_path, env={"OPENAI_BASE_URL": base_url, "OPENAI_API_KEY": "sk-named-server"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"==> Touring {base_url} (from OPENAI_BASE_URL)" in result.stdout
    assert "Embedded mock" not in result.stdout
    assert f"All {len(STEPS)} steps passed" in result.stdout


def test_demo_fails_when_the_server_is_unreachable(tmp_path: Path) -> None:
    # Port 9 (discard) is closed on test machines: every step fails, and the exit status says so.
    env = {"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_API_KEY": "sk-test"}
    result = _run(tmp_path, "--max-retries", "0", env=env)
    assert result.returncode == 1
    assert f"{len(STEPS)} of {len(STEPS)} steps FAILED" in result.stdout
    assert "APIConnectionError" in result.stdout
