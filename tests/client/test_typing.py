"""The package's types are provable: every portion is marked typed, pyright scores it 100 % complete, and user
code type-checks under mypy --strict and pyright strict while a misspelled name, keyword or value does not.

The wheel is built once per module and unpacked into a folder that stands in for site-packages: there both
`openai_client` folders are one, as in a user's installation (pyright does not follow pkgutil.extend_path).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PORTIONS = ["generated/openai_client", "overlays/openai_client", "generated/openai_models", "mock/openai_mock"]

# User code as it would be written against the package; the names say what each file must show.
CORPUS = {
    "well_typed.py": """
        from openai_client.config import client_from_env
        from openai_client.models import CreateChatCompletionRequest, CreateChatCompletionResponse, FineTune
        from openai_client.models.fine_tune_status import FINE_TUNE_STATUS_VALUES
        from openai_client.streaming import stream_chat_completion
        from openai_client.uploads import create_image_edit
        from openai_client.exceptions import APIResponseValidationError


        def first_reply(answer: CreateChatCompletionResponse) -> str:
            return f"{answer.choices[0].message.role}: {answer.choices[0].message.content}"


        def finished(job: FineTune) -> bool:
            return job.status in FINE_TUNE_STATUS_VALUES and job.status != "running"


        def chat() -> None:
            client = client_from_env("sk-test")
            body = CreateChatCompletionRequest.from_dict({"model": "gpt-3.5-turbo", "messages": []})
            try:
                with stream_chat_completion(client, body) as stream:
                    for chunk in stream:
                        print(chunk.choices[0].delta.content or "")
            except APIResponseValidationError as error:
                print(error.path)
            create_image_edit(client, b"png", "a hat", size="256x256", response_format="b64_json")
    """,
    "misspelled_model.py": """
        from openai_client.models import CreateChatCompletionRequst

        print(CreateChatCompletionRequst)
    """,
    "misspelled_keyword.py": """
        from openai_client.models import CreateChatCompletionRequest

        print(CreateChatCompletionRequest(model="gpt-3.5-turbo", mesages=[]))
    """,
    "value_not_in_the_spec.py": """
        from openai_client.config import client_from_env
        from openai_client.uploads import create_image_edit

        create_image_edit(client_from_env("sk-test"), b"png", "a hat", size="300x300")
    """,
    "frozen_value_set.py": """
        from openai_client.retries import RetryPolicy

        policy = RetryPolicy(max_retries=3)
        policy.max_retries = 5
    """,
}


def _write_corpus(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, code in CORPUS.items():
        path = folder / name
        path.write_text(textwrap.dedent(code).lstrip(), encoding="utf-8")
        paths.append(path)
    return paths


def _run(command: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=600)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built wheel, unpacked as an installation would lay it out."""
    dist = tmp_path_factory.mktemp("dist")
    build = _run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)], cwd=ROOT
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    (wheel,) = dist.glob("*.whl")
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def _pyright(site: Path, cwd: Path, *arguments: str) -> dict[str, object]:
    # The unpacked wheel first, then this environment's packages (httpx, attrs) for what it imports.
    path = os.pathsep.join([str(site), sysconfig.get_paths()["purelib"]])
    command = [str(BIN / "basedpyright"), "--pythonpath", sys.executable, "--outputjson", *arguments]
    result = _run(command, cwd=cwd, env=dict(os.environ, PYTHONPATH=path))
    report: dict[str, object] = json.loads(result.stdout)
    return report


def test_every_folder_of_every_package_is_marked_typed() -> None:
    # Without the marker in overlays/, mypy reports every overlay import of an editable install as import-untyped.
    assert [portion for portion in PORTIONS if not (ROOT / portion / "py.typed").is_file()] == []


def test_the_wheel_marks_every_package_typed(site: Path) -> None:
    for package in ("openai_client", "openai_models", "openai_mock"):
        assert (site / package / "py.typed").is_file(), package


def test_pyright_finds_every_public_symbol_fully_typed(site: Path) -> None:
    report = _pyright(site, site, "--verifytypes", "openai_client", "--ignoreexternal")
    completeness = report["typeCompleteness"]
    assert isinstance(completeness, dict)
    assert completeness["pyTypedPath"] == str(site / "openai_client" / "py.typed")
    incomplete = [
        f"{symbol['name']}: {[d['message'] for d in symbol['diagnostics']]}"
        for symbol in completeness["symbols"]
        if not symbol["isTypeKnown"] or symbol["isTypeAmbiguous"]
    ]
    assert incomplete == []
    assert completeness["exportedSymbolCounts"]["withKnownType"] > 1000
    assert completeness["completenessScore"] == 1


def _mypy_errors(folder: Path, files: list[Path]) -> dict[str, list[str]]:
    # Run from outside the checkout with no MYPYPATH: mypy sees the package as an installed user would.
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(folder / ".mypy_cache")]
    result = _run([*command, *map(str, files)], cwd=folder)
    errors: dict[str, list[str]] = defaultdict(list)
    for line in result.stdout.splitlines():
        name, _, rest = line.partition(":")
        if ": error: " in rest:
            errors[Path(name).name].append(rest.split(": error: ", 1)[1])
    assert result.returncode == (1 if errors else 0), result.stdout + result.stderr
    return errors


def test_user_code_passes_mypy_strict_and_typos_fail_it(tmp_path: Path) -> None:
    errors = _mypy_errors(tmp_path, _write_corpus(tmp_path / "corpus"))
    assert "well_typed.py" not in errors, errors["well_typed.py"]
    assert all("import-untyped" not in e for found in errors.values() for e in found), errors
    assert any('has no attribute "CreateChatCompletionRequst"' in e for e in errors["misspelled_model.py"])
    assert any('Unexpected keyword argument "mesages"' in e for e in errors["misspelled_keyword.py"])
    assert any('"size"' in e and "300x300" in e for e in errors["value_not_in_the_spec.py"])
    # The hand-written value classes are read-only to type checkers, as the attrs.frozen ones were.
    assert any('"max_retries"' in e and "read-only" in e for e in errors["frozen_value_set.py"])


def test_user_code_passes_pyright_strict_and_typos_fail_it(site: Path, tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "corpus")
    (tmp_path / "corpus" / "pyrightconfig.json").write_text('{"typeCheckingMode": "strict"}', encoding="utf-8")
    report = _pyright(site, tmp_path / "corpus", *map(str, corpus))
    diagnostics = report["generalDiagnostics"]
    assert isinstance(diagnostics, list)
    rules: dict[str, set[str]] = defaultdict(set)
    for diagnostic in diagnostics:
        if diagnostic["severity"] == "error":
            rules[Path(diagnostic["file"]).name].add(diagnostic["rule"])
    assert "well_typed.py" not in rules, [d for d in diagnostics if d["file"].endswith("well_typed.py")]
    assert "reportAttributeAccessIssue" in rules["misspelled_model.py"]
    assert "reportCallIssue" in rules["misspelled_keyword.py"]
    assert "reportArgumentType" in rules["value_not_in_the_spec.py"]
    assert "reportAttributeAccessIssue" in rules["frozen_value_set.py"]
