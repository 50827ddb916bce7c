"""scripts/generate prints what a regeneration changed: the spec against HEAD's, the client against the old tree."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from specdiff.regeneration import regeneration_summary

ROOT = Path(__file__).resolve().parents[2]


def committed_spec() -> dict[str, Any]:
    text = subprocess.run(
        ["git", "-C", str(ROOT), "show", "HEAD:spec/openapi.yaml"], capture_output=True, text=True, check=True
    ).stdout
    document: dict[str, Any] = yaml.safe_load(text)
    return document


def with_new_chat_argument(tmp_path: Path) -> Path:
    doc = committed_spec()
    doc["components"]["schemas"]["CreateChatCompletionRequest"]["properties"]["seed"] = {"type": "integer"}
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def package(root: Path, source: str) -> Path:
    (root / "openai_client").mkdir(parents=True)
    (root / "openai_client" / "__init__.py").write_text(source, encoding="utf-8")
    return root


def test_summary_counts_levels_and_names_spec_and_python_changes(tmp_path: Path) -> None:
    old_tree = package(tmp_path / "old", "def create(model: str) -> None: ...\n")
    new_tree = package(tmp_path / "new", "def create(model: str, seed: int) -> None: ...\n")
    summary = regeneration_summary(with_new_chat_argument(tmp_path), old_tree, new_tree).splitlines()
    assert summary[0].endswith("2 change(s): 1 error, 0 warning, 1 info")
    assert summary[1].split()[:3] == ["error", "python-parameter-added-required", "-:"]
    assert summary[2].split()[:3] == ["info", "new-optional-request-property", "createChatCompletion:"]
    assert "(at /components/schemas/CreateChatCompletionRequest/properties/seed)" in summary[2]


def test_a_shared_schema_is_one_line_naming_how_many_operations(tmp_path: Path) -> None:
    doc = committed_spec()
    doc["components"]["schemas"]["OpenAIFile"]["properties"].pop("status_details")
    spec = tmp_path / "openapi.yaml"
    spec.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    summary = regeneration_summary(spec, tmp_path / "none", tmp_path / "none").splitlines()
    uses = sum(1 for line in summary[1:] if "OpenAIFile/properties/status_details" in line)
    assert uses == 1
    assert any("response-property-removed" in line and " operations: " in line for line in summary[1:])


def test_scripts_generate_prints_the_summary(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHON": sys.executable}
    result = subprocess.run(
        [
            str(ROOT / "scripts" / "generate"),
            "--spec",
            str(with_new_chat_argument(tmp_path)),
            "--output",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "==> Changes for callers (since HEAD:spec/openapi.yaml and the previous tree): 1 change(s)" in result.stdout
    assert "new-optional-request-property" in result.stdout
