"""The facade comes from the spec: a new operation gets its method, docs/API.md lists it, exports are exact."""

from __future__ import annotations

import copy
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

import openai_client

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "openapi.yaml"
SDK_NAMES = {
    "OpenAI",
    "AsyncOpenAI",
    "Stream",
    "AsyncStream",
    "NOT_GIVEN",
    "NotGiven",
    "OpenAIError",
    "APIError",
    "APIStatusError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "APIConnectionError",
    "APITimeoutError",
    "APIResponseValidationError",
}


@pytest.fixture(scope="module")
def facade() -> ModuleType:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        spec = importlib.util.spec_from_file_location("_facade_under_test", ROOT / "scripts" / "_facade.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "scripts"))


def test_every_sdk_name_is_exported_and_resolves() -> None:
    assert set(openai_client.__all__) >= SDK_NAMES
    for name in openai_client.__all__:
        assert getattr(openai_client, name) is not None
    assert issubclass(openai_client.NotFoundError, openai_client.APIStatusError)
    assert issubclass(openai_client.APIStatusError, openai_client.APIError)
    with pytest.raises(ImportError):
        exec("from openai_client import Clinet", {})


def test_a_new_operation_gets_a_facade_method_for_free(facade: ModuleType, tmp_path: Path) -> None:
    document: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    operation = copy.deepcopy(document["paths"]["/models/{model}"]["get"])
    operation.update(operationId="retrieveModelCard", summary="Retrieve a model card", deprecated=True)
    operation["x-facade"] = "models.cards.retrieve"
    operation.setdefault("parameters", []).append(
        {"name": "locale", "in": "query", "required": False, "schema": {"type": "string", "enum": ["en", "de"]}}
    )
    document["paths"]["/models/{model}/card"] = {"parameters": document["paths"]["/models/{model}"]["parameters"]}
    document["paths"]["/models/{model}/card"]["get"] = operation
    changed = tmp_path / "openapi.yaml"
    changed.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    model = facade.load_facade(changed)
    written = facade.render_facade(model, tmp_path / "openai_client")
    source = (tmp_path / "openai_client" / "resources" / "models.py").read_text(encoding="utf-8")
    assert "class ModelsCards(SyncAPIResource):" in source and "class AsyncModelsCards(AsyncAPIResource):" in source
    assert "def cards(self) -> ModelsCards:" in source
    assert 'locale: Literal["en", "de"] | NotGiven = NOT_GIVEN' in source
    assert '_RETRIEVE_MODEL_CARD = Operation("GET", "/models/{model}/card")' in source
    assert 'warnings.warn("models.cards.retrieve is deprecated by the API"' in source
    doc = facade.render_api_doc(model)
    assert "| `GET /models/{model}/card` | `retrieveModelCard` | [`client.models.cards.retrieve`]" in doc
    again = facade.render_facade(facade.load_facade(changed), tmp_path / "again")
    assert [path.read_bytes() for path in written] == [path.read_bytes() for path in again]


def test_api_doc_lists_every_operation() -> None:
    doc = (ROOT / "docs" / "API.md").read_text(encoding="utf-8")
    document = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    for item in document["paths"].values():
        for method, operation in item.items():
            if method != "parameters":
                assert f"## {operation['x-facade']}\n" in doc
                assert f"`{method.upper()} " in doc


def test_generate_check_covers_the_api_doc(tmp_path: Path) -> None:
    stale = tmp_path / "API.md"
    stale.write_text("# out of date\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "_generate.py"), "--check", "--api-doc", str(stale)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 1
    assert "-# out of date" in result.stdout and "API.md is out of date" in result.stderr
