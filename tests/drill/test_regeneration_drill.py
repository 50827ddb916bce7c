"""The regeneration drill: realistic spec edits applied to a copy, then generate, diff, serve and check.

Each delta is what a user meets the day the API changes. For each, the drill regenerates the client
into a temporary folder, asks `scripts/diff` for the change report, and checks that the edit reached
every layer with no hand edit: the facade and the function layer, the mock (served from the spec), the
conformance run, and, for a breaking edit, that the type checker points at the hand-written code it
breaks.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "openapi.yaml"
Delta = Callable[[dict[str, Any]], None]


def new_optional_argument_and_field(doc: dict[str, Any]) -> None:
    schemas = doc["components"]["schemas"]
    schemas["CreateChatCompletionRequest"]["properties"]["seed"] = {
        "type": ["integer", "null"],
        "description": "Sample deterministically for the same seed and parameters.",
    }
    schemas["CreateChatCompletionResponse"]["properties"]["system_fingerprint"] = {
        "type": "string",
        "description": "The backend configuration the model ran with.",
    }


def new_operation(doc: dict[str, Any]) -> None:
    doc["components"]["schemas"]["FileStatus"] = {
        "type": "object",
        "description": "How far the processing of an uploaded file has come.",
        "required": ["id", "object", "status"],
        "properties": {
            "id": {"type": "string", "description": "The file's id."},
            "object": {"type": "string", "const": "file.status"},
            "status": {"type": "string", "description": "`uploaded`, `processed` or `error`."},
        },
    }
    operation = copy.deepcopy(doc["paths"]["/files/{file_id}"]["get"])
    operation.update(
        operationId="retrieveFileStatus",
        summary="Retrieve a file's status",
        description="Returns how far the processing of one file has come.",
    )
    operation["x-facade"] = "files.status"
    answer = operation["responses"]["200"]
    answer["description"] = "The file's status."
    answer.pop("links", None)
    answer["content"]["application/json"] = {
        "schema": {"$ref": "#/components/schemas/FileStatus"},
        "examples": {
            "processed": {
                "summary": "A processed file",
                "value": {"id": "file-XjGxS3KTG0uNmNOK362iJua3", "object": "file.status", "status": "processed"},
            }
        },
    }
    doc["paths"]["/files/{file_id}/status"] = {
        "parameters": doc["paths"]["/files/{file_id}"]["parameters"],
        "get": operation,
    }


def breaking_rename(doc: dict[str, Any]) -> None:
    file_schema = doc["components"]["schemas"]["OpenAIFile"]
    props = file_schema["properties"]
    props["size"] = props.pop("bytes")
    file_schema["required"] = ["size" if name == "bytes" else name for name in file_schema["required"]]


def removed_enum_value(doc: dict[str, Any]) -> None:
    doc["components"]["schemas"]["ImageSize"]["enum"].remove("256x256")


def _write(tmp_path: Path, delta: Delta) -> Path:
    doc = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    delta(doc)
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _run(*command: str, env: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env)


def _generate(spec: Path, out: Path) -> None:
    result = _run(
        str(ROOT / "scripts" / "generate"), "--spec", str(spec), "--output", str(out), "--api-doc", str(out / "API.md")
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _report(spec: Path) -> list[dict[str, str]]:
    result = _run(str(ROOT / "scripts" / "diff"), str(SPEC), str(spec), "--format", "json")
    assert result.returncode == 0, result.stderr
    changes: list[dict[str, str]] = json.loads(result.stdout)["changes"]
    return changes


def _python(generated: Path, code: str) -> subprocess.CompletedProcess[str]:
    """`code` run where `openai_client` and `openai_models` are the regenerated ones."""
    paths = [str(generated), str(ROOT / "overlays"), str(ROOT / "mock")]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(paths))
    return _run(sys.executable, "-c", code, env=env)


def _mypy(generated: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MYPYPATH=os.pathsep.join([str(generated), "overlays", "mock"]))
    command = [sys.executable, "-m", "mypy", "--strict", "--explicit-package-bases", "--no-incremental"]
    return _run(*command, *targets, env=env)


def test_a_new_optional_argument_and_response_field_need_no_hand_edit(tmp_path: Path) -> None:
    spec = _write(tmp_path, new_optional_argument_and_field)
    out = tmp_path / "generated"
    _generate(spec, out)
    changes = _report(spec)
    assert {c["level"] for c in changes} == {"info"}
    assert {c["operation"] for c in changes} == {"createChatCompletion"}
    assert _run(str(ROOT / "scripts" / "check"), str(spec)).returncode == 0
    probe = _python(
        out,
        "import inspect, pathlib, anyio, httpx\n"
        "from openai_client import OpenAI\n"
        "from openai_client.models import CreateChatCompletionResponse\n"
        "from openai_mock.app import create_app\n"
        "from openai_mock.config import MockConfig\n"
        f"spec = {str(spec)!r}\n"
        "assert 'seed' in inspect.signature(OpenAI(api_key='sk-drill').chat.completions.create).parameters\n"
        "assert 'system_fingerprint' in CreateChatCompletionResponse.__annotations__\n"
        "app = create_app(MockConfig(spec_path=pathlib.Path(spec)))\n"
        "async def main():\n"
        "    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url='http://m/v1') as c:\n"
        "        body = {'model': 'gpt-3.5-turbo', 'messages': [{'role': 'user', 'content': 'hi'}], 'seed': 7}\n"
        "        r = await c.post('/chat/completions', json=body, headers={'Authorization': 'Bearer sk-drill'})\n"
        "        assert r.status_code == 200, r.text\n"
        "anyio.run(main)\n"
        "app.state.services.close()\n",
    )
    assert probe.returncode == 0, probe.stderr
    # The hand-written code type-checks against the regenerated packages as it is.
    checked = _mypy(out, "mock/openai_mock", "demo")
    assert checked.returncode == 0, checked.stdout


def test_a_new_operation_reaches_the_facade_the_functions_the_mock_and_conformance(tmp_path: Path) -> None:
    spec = _write(tmp_path, new_operation)
    out = tmp_path / "generated"
    _generate(spec, out)
    changes = _report(spec)
    assert [(c["id"], c["level"], c["operation"]) for c in changes] == [("api-added", "info", "retrieveFileStatus")]
    assert _run(str(ROOT / "scripts" / "check"), str(spec)).returncode == 0
    assert "files.status" in (out / "API.md").read_text(encoding="utf-8")
    probe = _python(
        out,
        "import pathlib, httpx, anyio\n"
        "from openai_client import OpenAI\n"
        "from openai_client.api.files import retrieve_file_status\n"
        "from openai_mock.app import create_app\n"
        "from openai_mock.config import MockConfig\n"
        f"app = create_app(MockConfig(spec_path=pathlib.Path({str(spec)!r})))\n"
        "http = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(404)))\n"
        "client = OpenAI(api_key='sk-drill', base_url='http://m/v1')\n"
        "assert callable(client.files.status) and callable(retrieve_file_status.sync)\n"
        "async def main():\n"
        "    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url='http://m/v1') as c:\n"
        "        r = await c.get('/files/file-1/status', headers={'Authorization': 'Bearer sk-drill'})\n"
        "        assert r.status_code == 200 and r.headers['x-mock-source'] == 'spec-example', r.text\n"
        "        assert r.json()['object'] == 'file.status'\n"
        "anyio.run(main)\n"
        "app.state.services.close()\n",
    )
    assert probe.returncode == 0, probe.stderr
    report = tmp_path / "conform"
    conform = _run(
        str(ROOT / "scripts" / "conform"),
        "--spec",
        str(spec),
        "--operations",
        "retrieveFileStatus",
        "--report-dir",
        str(report),
        timeout=900,
    )
    assert conform.returncode == 0, conform.stdout[-4000:] + conform.stderr[-2000:]


def test_a_breaking_rename_is_reported_and_caught_in_the_hand_written_code(tmp_path: Path) -> None:
    spec = _write(tmp_path, breaking_rename)
    out = tmp_path / "generated"
    _generate(spec, out)
    changes = _report(spec)
    removed = [c for c in changes if c["id"] == "response-property-removed"]
    assert removed and all(c["level"] == "error" for c in removed)
    assert {"retrieveFile", "listFiles", "createFile"} <= {c["operation"] for c in removed}
    assert _run(str(ROOT / "scripts" / "diff"), str(SPEC), str(spec), "--fail-on", "error").returncode == 1
    # The mock builds its file objects as the generated TypedDict: the old key is now a type error there.
    checked = _mypy(out, "mock/openai_mock")
    assert checked.returncode == 1
    assert "mock/openai_mock/store/files.py" in checked.stdout and '"bytes"' in checked.stdout, checked.stdout


def test_a_removed_enum_value_is_reported_and_followed_by_the_mock(tmp_path: Path) -> None:
    spec = _write(tmp_path, removed_enum_value)
    out = tmp_path / "generated"
    _generate(spec, out)
    changes = _report(spec)
    removed = [c for c in changes if c["id"] == "request-enum-value-removed"]
    assert removed and all(c["level"] == "error" for c in removed)
    assert {"createImage", "createImageEdit", "createImageVariation"} <= {c["operation"] for c in removed}
    probe = _python(
        out, "from openai_mock.media.images import SIZES\nassert SIZES == ('512x512', '1024x1024'), SIZES\n"
    )
    assert probe.returncode == 0, probe.stderr
