"""Every ```python block of README.md runs against a live mock, and type-checks with mypy --strict."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from openai_mock.server import running_mock

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
# Blocks that are not run say so with their language: console for shell sessions.
KNOWN_LANGUAGES = {"python", "console", "bash", "text"}


def _blocks() -> list[tuple[str, str]]:
    return [(lang, body) for lang, body in FENCE.findall(README.read_text(encoding="utf-8"))]


def _python_blocks() -> list[str]:
    return [body for lang, body in _blocks() if lang == "python"]


def _id(body: str) -> str:
    heading = README.read_text(encoding="utf-8")[: README.read_text(encoding="utf-8").index(body)]
    section = re.findall(r"^## (.+)$", heading, re.MULTILINE)
    return (section[-1] if section else "top").lower().replace(" ", "-")


def _is_test_module(body: str) -> bool:
    """A block of pytest tests using the plugin's fixture: run by pytest rather than executed."""
    return re.search(r"^def test_\w+\(openai_mock", body, re.MULTILINE) is not None


PYTHON_BLOCKS = _python_blocks()
SCRIPT_BLOCKS = [b for b in PYTHON_BLOCKS if not _is_test_module(b)]
TEST_BLOCKS = [b for b in PYTHON_BLOCKS if _is_test_module(b)]


@pytest.fixture(scope="module")
def mock_url() -> Iterator[str]:
    with running_mock(fine_tune_duration=0.5) as base_url:
        yield base_url


def test_every_fence_names_a_known_language() -> None:
    languages = [lang for lang, _ in _blocks()]
    assert set(languages) <= KNOWN_LANGUAGES, languages
    assert len(PYTHON_BLOCKS) >= 10


@pytest.mark.parametrize("body", SCRIPT_BLOCKS, ids=[f"{i}-{_id(b)}" for i, b in enumerate(SCRIPT_BLOCKS)])
def test_python_block_runs(
    body: str, mock_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", mock_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-readme-examples")
    monkeypatch.delenv("OPENAI_ORGANIZATION", raising=False)
    monkeypatch.chdir(tmp_path)  # examples write their files here
    exec(compile(body, f"README.md[{_id(body)}]", "exec"), {"__name__": "__readme__"})
    assert capsys.readouterr().out.strip(), "every example prints what it got"


@pytest.mark.parametrize("body", TEST_BLOCKS, ids=[f"{i}-{_id(b)}" for i, b in enumerate(TEST_BLOCKS)])
def test_pytest_block_passes(body: str, pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nfilterwarnings = error\naddopts = -p no:cacheprovider\n")
    pytester.makepyfile(test_readme_block=body)
    result = pytester.runpytest()
    tests = len(re.findall(r"^(?:async )?def test_", body, re.MULTILINE))
    # The official SDK is not a dependency of this project: its example runs where it is installed.
    skipped = body.count('importorskip("openai")') if importlib.util.find_spec("openai") is None else 0
    result.assert_outcomes(passed=tests - skipped, skipped=skipped)


@pytest.mark.slow
def test_python_blocks_type_check(tmp_path: Path) -> None:
    for number, body in enumerate(PYTHON_BLOCKS):
        (tmp_path / f"readme_block_{number}.py").write_text(body, encoding="utf-8")
    env = {**os.environ, "MYPYPATH": os.pathsep.join(str(ROOT / d) for d in ("generated", "overlays", "mock"))}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--explicit-package-bases",
            *sorted(str(p) for p in tmp_path.glob("*.py")),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
