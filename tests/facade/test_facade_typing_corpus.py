"""The typing corpus (tests/typing_corpus) passes mypy --strict and runs against the mock; typos are type errors."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from facade_support import AUDIO, transparent_png

from openai_mock.engines.tokenizer import tokenizer_for_model
from openai_mock.server import running_mock

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "typing_corpus"


def mypy(*files: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MYPYPATH": os.pathsep.join(str(ROOT / d) for d in ("generated", "overlays", "mock"))}
    command = [sys.executable, "-m", "mypy", "--strict", "--explicit-package-bases", "--no-error-summary"]
    return subprocess.run(
        [*command, *map(str, files)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"corpus_{name}", CORPUS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_corpus_passes_mypy_strict() -> None:
    files = sorted(CORPUS.glob("*.py"))
    assert len(files) >= 2
    for file in files:  # written as an SDK user writes: nothing that silences or overrides the checker
        text = file.read_text(encoding="utf-8")
        assert "type: ignore" not in text and "cast(" not in text and "assert " not in text, file
    result = mypy(*files)
    assert result.returncode == 0, result.stdout + result.stderr


MISTAKES = {
    "from openai_client import Clinet\n": 'Module "openai_client" has no attribute "Clinet"',
    "from openai_client import OpenAI\nOpenAI().models.lst()\n": '"Models" has no attribute "lst"',
    (
        "from openai_client import OpenAI\n"
        'OpenAI().chat.completions.create(model="m", mesages=[{"role": "user", "content": "hi"}])\n'
    ): 'Unexpected keyword argument "mesages"',
    (
        "from openai_client import OpenAI\n"
        'OpenAI().chat.completions.create(model="m", messages=[{"role": "user", "contnet": "hi"}])\n'
    ): "List item 0 has incompatible type",
    ('from openai_client import OpenAI\nOpenAI().images.generate(prompt="otter", size="100x100")\n'): '"size"',
    (
        "from openai_client import OpenAI\n"
        'reply = OpenAI().completions.create(model="m", prompt="p", stream=True)\n'
        "print(reply.choices)\n"
    ): '"Stream[CompletionChunk]" has no attribute "choices"',
}


@pytest.mark.slow
def test_misspelled_imports_keywords_keys_and_values_are_type_errors(tmp_path: Path) -> None:
    files = []
    for number, source in enumerate(MISTAKES):
        path = tmp_path / f"mistake_{number}.py"
        path.write_text(source, encoding="utf-8")
        files.append(path)
    output = mypy(*files).stdout
    for path, expected in zip(files, MISTAKES.values(), strict=True):
        # By file name: mypy's cache may still name the folder of an earlier run of the same file.
        reported = [line for line in output.splitlines() if line.split(":", 1)[0].endswith(f"/{path.name}")]
        assert any(expected in line for line in reported), (path.read_text(), reported)


@pytest.fixture(scope="module")
def mock_environment() -> Iterator[None]:
    for model in ("gpt-3.5-turbo", "text-davinci-003"):
        tokenizer_for_model(model)
    with running_mock(fine_tune_duration=0.3) as url, pytest.MonkeyPatch.context() as patch:
        patch.setenv("OPENAI_BASE_URL", url)
        patch.setenv("OPENAI_API_KEY", "sk-corpus")
        patch.delenv("OPENAI_ORGANIZATION", raising=False)
        yield


def test_the_sync_app_runs(mock_environment: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mask.png").write_bytes(transparent_png())
    with pytest.deprecated_call(match="engines"):
        load("sdk_app").main(tmp_path, AUDIO)
    output = capsys.readouterr().out
    assert "Stream" in output and "succeeded" in output and "404" in output and "429" in output


def test_the_small_app_runs(mock_environment: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    load("small_app").main(tmp_path)
    output = capsys.readouterr().out
    assert "Otters hold hands" in output and "curie:ft-" in output and "404" in output


def test_the_async_app_runs(mock_environment: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mask.png").write_bytes(transparent_png())
    with pytest.deprecated_call(match="engines"):
        asyncio.run(load("sdk_app_async").main(tmp_path, AUDIO))
    output = capsys.readouterr().out
    assert "CreateChatCompletionResponse" in output and "404" in output
    assert (tmp_path / "async-copy.jsonl").read_bytes() == b'{"prompt": "a", "completion": " b"}\n'


@pytest.mark.slow
def test_the_corpus_passes_pyright_strict(tmp_path: Path) -> None:
    checker = Path(sys.executable).parent / "basedpyright"
    if not checker.exists():
        pytest.skip("basedpyright is not installed in this environment")
    # The package as a wheel installs it: both portions of openai_client in one folder.
    package = tmp_path / "site" / "openai_client"
    shutil.copytree(ROOT / "generated" / "openai_client", package)
    shutil.copytree(ROOT / "overlays" / "openai_client", package, dirs_exist_ok=True)
    shutil.copytree(ROOT / "mock" / "openai_mock", tmp_path / "site" / "openai_mock")
    config = {
        "typeCheckingMode": "strict",
        "pythonVersion": "3.11",
        "extraPaths": [str(tmp_path / "site")],
        "include": [str(CORPUS)],
    }
    (tmp_path / "pyrightconfig.json").write_text(json.dumps(config), encoding="utf-8")
    result = subprocess.run(
        [str(checker), "-p", str(tmp_path / "pyrightconfig.json"), "--pythonpath", sys.executable],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout
