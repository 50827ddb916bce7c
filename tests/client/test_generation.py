"""The generation pipeline: deterministic, drift-checked, packaged as one `openai_client` namespace, lean import."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "openapi.yaml"
GENERATED = ROOT / "generated"
OVERLAYS = ROOT / "overlays" / "openai_client"
ENV = dict(os.environ, PYTHON=sys.executable)


def _generate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROOT / "scripts" / "generate"), *args], capture_output=True, text=True, env=ENV, cwd=ROOT, check=False
    )


def _tree_hash(tree: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in tree.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(tree).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _overlay_modules() -> list[str]:
    return sorted(path.stem for path in OVERLAYS.glob("*.py"))


def _run_python(code: str, *, flags: tuple[str, ...] = (), env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, *flags, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_two_generations_are_byte_identical_and_spec_path_does_not_matter(tmp_path: Path) -> None:
    # The second run reads a copy under another name: the spec's path must not leak into the output.
    copy = tmp_path / "elsewhere" / "api.yaml"
    copy.parent.mkdir()
    copy.write_bytes(SPEC.read_bytes())
    first = _generate("--output", str(tmp_path / "one"))
    second = _generate("--spec", str(copy), "--output", str(tmp_path / "two"))
    assert first.returncode == 0, first.stdout + first.stderr
    assert second.returncode == 0, second.stdout + second.stderr
    assert _tree_hash(tmp_path / "one") == _tree_hash(tmp_path / "two")
    for package in ("openai_client", "openai_models"):
        assert (tmp_path / "one" / package / "py.typed").is_file()
        assert (tmp_path / "one" / package / "__init__.py").is_file()
    assert not list((tmp_path / "one").rglob(".ruff_cache"))


def test_check_is_green_on_the_committed_tree() -> None:
    result = _generate("--check")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr


def test_check_is_red_with_a_diff_when_a_description_changes(tmp_path: Path) -> None:
    document = yaml.safe_load(SPEC.read_text())
    model = document["components"]["schemas"]["CreateChatCompletionRequest"]["properties"]["model"]
    model["description"] = "A description edited by the drift test."
    edited = tmp_path / "openapi.yaml"
    edited.write_text(yaml.safe_dump(document, sort_keys=False))
    result = _generate("--check", "--spec", str(edited))
    assert result.returncode == 1
    assert "+++ b/generated/openai_client/models/create_chat_completion_request.py" in result.stdout
    assert "+++ b/generated/openai_models/__init__.py" in result.stdout
    assert "A description edited by the drift test." in result.stdout
    assert "out of date" in result.stderr


def test_check_fails_clearly_on_a_missing_spec(tmp_path: Path) -> None:
    result = _generate("--check", "--spec", str(tmp_path / "absent.yaml"))
    assert result.returncode != 0
    assert "no such file" in result.stderr


def test_overlay_modules_do_not_shadow_generated_modules() -> None:
    # Both portions land in one folder of the wheel: an overlay named like a generated module would replace it.
    generated = {path.stem for path in (GENERATED / "openai_client").iterdir() if path.name != "__pycache__"}
    assert not set(_overlay_modules()) & generated
    assert not (OVERLAYS / "__init__.py").exists()


def test_editable_install_joins_overlays_into_openai_client() -> None:
    code = f"""
        import importlib, json, openai_client
        files = {{name: importlib.import_module("openai_client." + name).__file__ for name in {_overlay_modules()!r}}}
        print(json.dumps({{"path": list(openai_client.__path__), "files": files}}))
    """
    found = json.loads(_run_python(code))
    assert str(GENERATED / "openai_client") == found["path"][0]
    assert str(OVERLAYS) in found["path"]
    for name, file in found["files"].items():
        assert Path(file) == OVERLAYS / f"{name}.py"


def test_wheel_holds_both_portions_in_one_package(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "site")
    assert len(names) == len(set(names)), "a file appears twice in the wheel"
    for required in (
        "openai_client/py.typed",
        "openai_models/py.typed",
        "openai_mock/py.typed",
        "openai_client/api/chat/__init__.py",
    ):
        assert required in names
    assert {f"openai_client/{name}.py" for name in _overlay_modules()} <= set(names)

    # -S keeps the editable install's .pth (which points into this checkout) off sys.path.
    site = tmp_path / "site"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), sysconfig.get_paths()["purelib"]]))
    code = f"""
        import importlib, json, openai_client, openai_models
        import openai_client.api.chat.create_chat_completion as chat
        overlays = [importlib.import_module("openai_client." + n) for n in {_overlay_modules()!r}]
        modules = [chat, openai_models, *overlays]
        print(json.dumps({{"path": list(openai_client.__path__), "files": [m.__file__ for m in modules]}}))
    """
    found = json.loads(_run_python(code, flags=("-S",), env=env))
    assert found["path"] == [str(site / "openai_client")]
    assert all(Path(file).is_relative_to(site) for file in found["files"])


def test_import_openai_client_loads_no_submodule() -> None:
    code = """
        import json, sys, openai_client
        before = sorted(m for m in sys.modules if m.startswith("openai_client."))
        client_class = openai_client.Client
        after = sorted(m for m in sys.modules if m.startswith("openai_client."))
        print(json.dumps({"before": before, "after": after, "all": list(openai_client.__all__),
                          "same": client_class is sys.modules["openai_client.client"].Client}))
    """
    found = json.loads(_run_python(code))
    assert found["before"] == []
    assert found["after"] == ["openai_client.client"]
    assert found["same"] is True
    assert {"AuthenticatedClient", "Client", "api", "models", "OpenAI", "AsyncOpenAI", "APIStatusError"} <= set(
        found["all"]
    )


def test_an_endpoint_module_loads_only_the_models_it_names() -> None:
    code = """
        import json, sys, openai_client.models
        import openai_client.api.chat.create_chat_completion
        loaded = [m for m in sys.modules if m.startswith("openai_client.models.")]
        print(json.dumps({"loaded": len(loaded), "exported": len(openai_client.models.__all__)}))
    """
    found = json.loads(_run_python(code))
    assert 0 < found["loaded"] < found["exported"] / 2


def test_lazy_attributes_resolve_and_unknown_names_raise() -> None:
    import openai_client

    assert openai_client.models.CreateChatCompletionRequest.__name__ == "CreateChatCompletionRequest"
    assert openai_client.api.__name__ == "openai_client.api"
    assert {"AuthenticatedClient", "Client", "api", "models"} <= set(dir(openai_client))
    with pytest.raises(AttributeError, match="no_such_name"):
        openai_client.no_such_name  # noqa: B018
    with pytest.raises(AttributeError, match="NoSuchModel"):
        openai_client.models.NoSuchModel  # noqa: B018
    assert set(openai_client.models.__all__) <= set(dir(openai_client.models))


def test_import_is_lean() -> None:
    script = ROOT / "scripts" / "_measure_import.py"
    result = subprocess.run(
        [sys.executable, str(script), "--runs", "5", "--json", "--max-ratio", "1.25", "--max-rss-mb", "35"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(result.stdout)
    assert figures["ratio"] <= 1.25
    assert figures["openai_client_rss_mb"] <= 35
