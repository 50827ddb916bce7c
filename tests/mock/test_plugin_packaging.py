"""``pip install 'openai-toolkit[mock]'`` into a fresh venv gives a working, typed mock and its pytest plugin."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The official SDK release the compatibility tests pin (tests/compat/compat_harness.py).
OFFICIAL_SDK = "openai==3.54.0"

SAMPLE = """
import json
from pathlib import Path

import httpx
import openai
import pytest

import openai_mock
from openai_client.api.models import list_models

CHAT = {"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "Hi"}]}


def test_installed_from_the_wheel():
    assert Path(openai_mock.__file__).is_relative_to(Path(__import__("sys").prefix))
    assert (Path(openai_mock.__file__).parent / "py.typed").exists()


def test_reply_in_process(openai_mock):
    openai_mock.chat.completions.create.reply("Hello from the wheel")
    with httpx.Client(transport=openai_mock.transport, base_url="http://m/v1",
                      headers={"Authorization": "Bearer sk-wheel-0123"}) as client:
        body = client.post("/chat/completions", json=CHAT).json()
    assert body["choices"][0]["message"]["content"] == "Hello from the wheel"


def test_retries_with_the_function_client(openai_mock):
    openai_mock.models.list.fail(429, retry_after=0)
    with openai_mock.function_client() as client:
        assert list_models.sync(client=client).data
    assert openai_mock.models.list.call_count == 2


def test_official_sdk_streams_a_scripted_reply(openai_mock):
    openai_mock.chat.completions.create.reply("one two three four")
    sdk = openai.OpenAI(api_key="sk-sdk-0123456789", base_url=openai_mock.base_url, max_retries=0)
    pieces = [c.choices[0].delta.content or "" for c in sdk.chat.completions.create(**CHAT, stream=True)]
    assert "".join(pieces) == "one two three four" and len([p for p in pieces if p]) > 1
    assert openai_mock.chat.completions.create.last.body["stream"] is True


@pytest.mark.anyio
async def test_async(openai_mock):
    openai_mock.embeddings.create.response = {"model": "scripted-model"}
    async with httpx.AsyncClient(transport=openai_mock.async_transport, base_url="http://m/v1",
                                 headers={"Authorization": "Bearer sk-wheel-0123"}) as client:
        answer = await client.post("/embeddings", json={"model": "text-embedding-ada-002", "input": "hi"})
    assert answer.json()["model"] == "scripted-model" and len(answer.json()["data"][0]["embedding"]) == 1536


def test_unused_script(openai_mock):
    openai_mock.edits.create.reply("never asked for")
"""


FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def _doc_test_blocks() -> list[str]:
    """The pytest examples of the README and docs/TESTING.md (their SDK examples run only where it is installed)."""
    blocks = []
    for doc in (ROOT / "README.md", ROOT / "docs" / "TESTING.md"):
        for lang, body in FENCE.findall(doc.read_text(encoding="utf-8")):
            if lang == "python" and re.search(r"^(?:async )?def test_\w+\(openai_mock", body, re.MULTILINE):
                blocks.append(body)
    return blocks


def _run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload, no-any-return]


@pytest.mark.slow
def test_wheel_with_only_the_mock_extra_runs_the_plugin(tmp_path: Path) -> None:
    build = _run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path / "dist"), str(ROOT)]
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(archive.read(n).decode() for n in names if n.endswith("entry_points.txt"))
        metadata = next(archive.read(n).decode() for n in names if n.endswith("/METADATA"))
    assert {"openai_mock/py.typed", "openai_mock/pytest_plugin/__init__.py", "openai_mock/openapi.yaml"} <= names
    assert "[pytest11]\nopenai_mock = openai_mock.pytest_plugin" in entry_points
    mock_requirements = [
        line for line in metadata.splitlines() if line.endswith("extra == 'mock'") or 'extra == "mock"' in line
    ]
    assert any(line.startswith("Requires-Dist: jsonschema") for line in mock_requirements), mock_requirements

    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", str(venv)]).returncode == 0
    python = str(venv / "bin" / "python")
    install = _run([python, "-m", "pip", "install", "--quiet", f"{wheel}[mock]", "pytest", OFFICIAL_SDK])
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]

    (tmp_path / "work" / "test_sample.py").parent.mkdir()
    (tmp_path / "work" / "test_sample.py").write_text(textwrap.dedent(SAMPLE))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "PYTHON")) and "PROXY" not in k.upper()}
    result = _run(
        [python, "-m", "pytest", "-q", "-W", "error", "-p", "no:cacheprovider", "test_sample.py"],
        cwd=tmp_path / "work",
        env=env,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert "6 passed, 1 error" in output, output[-4000:]
    assert "edits.create: reply 'never asked for'" in output

    docs = tmp_path / "docs"
    docs.mkdir()
    blocks = _doc_test_blocks()
    for number, body in enumerate(blocks):
        (docs / f"test_doc_block_{number}.py").write_text(body)
    expected = sum(len(re.findall(r"^(?:async )?def test_", b, re.MULTILINE)) for b in blocks)
    result = _run(
        [python, "-m", "pytest", "-q", "-W", "error", "-p", "no:cacheprovider"], cwd=docs, env=env, timeout=600
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0 and f"{expected} passed in" in output, output[-4000:]
