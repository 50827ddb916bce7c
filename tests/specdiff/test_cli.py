"""scripts/diff end to end: files and git revisions in, three formats out, the exit status from --fail-on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from _fixtures import tiny_spec

ROOT = Path(__file__).resolve().parents[2]


def run_diff(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHON": sys.executable}
    return subprocess.run(
        [str(ROOT / "scripts" / "diff"), *args], capture_output=True, text=True, env=env, cwd=cwd, check=False
    )


def write(path: Path, doc: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """An old and a new tiny spec: one breaking change (an enum value removed), one warning, one safe addition."""
    new = tiny_spec()
    schemas = new["components"]["schemas"]
    schemas["CreateThing"]["properties"]["size"]["enum"] = ["s"]
    schemas["Thing"]["properties"]["kind"]["enum"].append("c")
    schemas["CreateThing"]["properties"]["owner"] = {"type": "string"}
    return write(tmp_path / "old.yaml", tiny_spec()), write(tmp_path / "new.yaml", new)


def test_json_lists_each_change_with_its_fields(pair: tuple[Path, Path]) -> None:
    result = run_diff(str(pair[0]), str(pair[1]), "--format", "json")
    assert result.returncode == 0, result.stderr
    changes = json.loads(result.stdout)["changes"]
    assert all(set(change) == {"id", "level", "operation", "location", "message"} for change in changes)
    assert {(c["level"], c["id"], c["operation"]) for c in changes} == {
        ("error", "request-enum-value-removed", "createThing"),
        ("warning", "response-enum-value-added", "createThing"),
        ("warning", "response-enum-value-added", "getThing"),
        ("info", "new-optional-request-property", "createThing"),
    }
    assert changes[0]["location"] == "/components/schemas/CreateThing/properties/size/enum"
    assert changes[0]["message"] == "request body application/json: 'size': enum value \"m\" was removed"


def test_text_and_markdown_name_the_rule_and_count_the_levels(pair: tuple[Path, Path]) -> None:
    text = run_diff(str(pair[0]), str(pair[1])).stdout
    assert text.splitlines()[0].split()[:3] == ["error", "request-enum-value-removed", "createThing"]
    assert text.rstrip().endswith("4 change(s): 1 error, 2 warning, 1 info")
    markdown = run_diff(str(pair[0]), str(pair[1]), "--format", "markdown").stdout
    assert markdown.startswith("# API changes\n")
    assert "| error | `request-enum-value-removed` | createThing |" in markdown


@pytest.mark.parametrize(("fail_on", "status"), [(None, 0), ("error", 1), ("warning", 1)])
def test_fail_on_sets_the_exit_status(pair: tuple[Path, Path], fail_on: str | None, status: int) -> None:
    options = ["--fail-on", fail_on] if fail_on else []
    assert run_diff(str(pair[0]), str(pair[1]), *options).returncode == status


def test_warnings_alone_fail_only_on_warning(tmp_path: Path) -> None:
    new = tiny_spec()
    new["components"]["schemas"]["Thing"]["properties"]["kind"]["enum"].append("c")
    old_path, new_path = write(tmp_path / "old.yaml", tiny_spec()), write(tmp_path / "new.yaml", new)
    assert run_diff(str(old_path), str(new_path), "--fail-on", "error").returncode == 0
    assert run_diff(str(old_path), str(new_path), "--fail-on", "warning").returncode == 1


def test_relative_files_are_read_from_the_callers_folder(pair: tuple[Path, Path]) -> None:
    result = run_diff("old.yaml", "new.yaml", "--format", "json", cwd=pair[0].parent)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["changes"]) == 4


def test_git_revisions_are_read_with_git_show(tmp_path: Path) -> None:
    committed = subprocess.run(
        ["git", "-C", str(ROOT), "show", "HEAD:spec/openapi.yaml"], capture_output=True, text=True, check=True
    ).stdout
    assert run_diff("HEAD:spec/openapi.yaml", "HEAD:spec/openapi.yaml").stdout == "no changes\n"
    edited = yaml.safe_load(committed)
    edited["paths"].pop("/moderations")
    result = run_diff("HEAD:spec/openapi.yaml", str(write(tmp_path / "new.yaml", edited)), "--format", "json")
    assert json.loads(result.stdout)["changes"] == [
        {
            "id": "api-removed",
            "level": "error",
            "operation": "createModeration",
            "location": "/paths/~1moderations/post",
            "message": "POST /moderations was removed",
        }
    ]


def test_unreadable_sources_fail_with_status_2(tmp_path: Path) -> None:
    missing = run_diff(str(tmp_path / "nope.yaml"), "HEAD:spec/openapi.yaml")
    assert missing.returncode == 2
    assert "no such file" in missing.stderr
    bad_revision = run_diff("no-such-revision:spec/openapi.yaml", "HEAD:spec/openapi.yaml")
    assert bad_revision.returncode == 2
    assert "scripts/diff: no-such-revision:spec/openapi.yaml:" in bad_revision.stderr


def test_the_rule_table_is_the_documented_one() -> None:
    from specdiff import RULES

    text = (ROOT / "docs" / "SPEC_DIFF.md").read_text(encoding="utf-8")
    lines = text.split("\n## Rules\n", 1)[1].splitlines()
    documented = [line.split("|")[1:4] for line in lines if line.startswith("| `")]
    rows = [(cells[0].strip().strip("`"), cells[1].strip(), cells[2].strip()) for cells in documented]
    assert rows == [(rule.id, rule.level, rule.description) for rule in RULES.values()]


@pytest.mark.slow
def test_python_compares_the_clients_generated_from_both(tmp_path: Path) -> None:
    committed = subprocess.run(
        ["git", "-C", str(ROOT), "show", "HEAD:spec/openapi.yaml"], capture_output=True, text=True, check=True
    ).stdout
    edited = yaml.safe_load(committed)
    edited["paths"].pop("/engines/{engine_id}")
    edited["components"]["schemas"]["CreateEditRequest"]["properties"]["seed"] = {"type": "integer"}
    result = run_diff(
        "HEAD:spec/openapi.yaml", str(write(tmp_path / "new.yaml", edited)), "--python", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    found = {(c["id"], c["operation"], c["location"]) for c in json.loads(result.stdout)["changes"]}
    assert ("python-api-removed", "retrieveEngine", "openai_client.api.engines.retrieve_engine") in found
    seed = "openai_client.models.create_edit_request.CreateEditRequest.seed"
    assert ("python-api-added", "", seed) in found
    assert ("api-removed", "retrieveEngine", "/paths/~1engines~1{engine_id}/get") in found
