"""Generated request models send exactly the fields the caller set; generated endpoints honour the spec's flags."""

from __future__ import annotations

import asyncio
import io
import re
import types
import typing
from pathlib import Path
from typing import Any, Literal

import attrs
import httpx
import pytest
import yaml

import openai_client.models
from openai_client import AuthenticatedClient
from openai_client.api.engines import retrieve_engine
from openai_client.api.fine_tunes import list_fine_tune_events
from openai_client.models import CreateCompletionRequest
from openai_client.types import UNSET, File, Unset

SPEC = yaml.safe_load((Path(__file__).resolve().parents[2] / "spec" / "openapi.yaml").read_text())
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]
# openai_client.models loads lazily: resolve every exported name once.
MODELS: dict[str, Any] = {name: getattr(openai_client.models, name) for name in openai_client.models.__all__}
REQUEST_MODELS = sorted(
    (cls for name, cls in MODELS.items() if name.endswith("Request") and attrs.has(cls)),
    key=lambda cls: cls.__name__,
)


def _hints(cls: type) -> dict[str, Any]:
    module = vars(__import__(cls.__module__, fromlist=["_"]))
    return typing.get_type_hints(cls, globalns=module, localns=MODELS)


def _sample(hint: Any) -> Any:
    """A valid value of the annotated type, the simplest one there is."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return _sample(next(arg for arg in args if arg not in (type(None), Unset)))
    if origin is Literal:
        return args[0]
    if origin is list:
        return [_sample(args[0])]
    if origin is dict:
        return {}
    if hint is File:
        return File(payload=io.BytesIO(b"data"), file_name="data.jsonl", mime_type="application/octet-stream")
    if hint in (Any, object, str):
        return "x"
    if hint in (bool, int, float):
        return hint(1)
    if attrs.has(hint):
        return _build(hint, set())
    raise TypeError(f"no sample value for {hint!r}")


def _json_name(cls: type, python_name: str) -> str:
    # The generator appends "_" to names that shadow builtins (`object_`, `bytes_`).
    properties = SCHEMAS[cls.__name__]["properties"]
    return python_name if python_name in properties else python_name.rstrip("_")


def _build(cls: type, optional: set[str]) -> Any:
    hints = _hints(cls)
    chosen = {
        field.name: _sample(hints[field.name])
        for field in attrs.fields(cls)
        if field.init and (field.default is attrs.NOTHING or field.name in optional)
    }
    return cls(**chosen)


def _optional_fields(cls: type) -> list[str]:
    return [field.name for field in attrs.fields(cls) if field.init and field.default is not attrs.NOTHING]


def test_every_request_schema_has_a_model() -> None:
    names = {cls.__name__ for cls in REQUEST_MODELS}
    assert names == {name for name in SCHEMAS if name.endswith("Request") and SCHEMAS[name].get("type") == "object"}


@pytest.mark.parametrize("cls", REQUEST_MODELS, ids=lambda cls: cls.__name__)
def test_only_required_fields_are_sent(cls: type) -> None:
    required = set(SCHEMAS[cls.__name__].get("required", []))
    assert {field.default for field in attrs.fields(cls) if field.default is not attrs.NOTHING} <= {UNSET}
    model = _build(cls, set())
    assert set(model.to_dict()) == required
    if hasattr(model, "to_multipart"):
        assert {name for name, _ in model.to_multipart()} == required


@pytest.mark.parametrize("cls", REQUEST_MODELS, ids=lambda cls: cls.__name__)
def test_one_optional_field_adds_exactly_that_key(cls: type) -> None:
    required = set(SCHEMAS[cls.__name__].get("required", []))
    for name in _optional_fields(cls):
        sent = set(_build(cls, {name}).to_dict())
        assert sent == required | {_json_name(cls, name)}, name


def test_documented_defaults_stay_in_the_docstring_not_in_the_body() -> None:
    body = CreateCompletionRequest(model="davinci", n=3).to_dict()
    assert body == {"model": "davinci", "n": 3}
    assert re.search(r"temperature \([^)]*Unset\):[^:]*Default: 1\.0\.", CreateCompletionRequest.__doc__ or "")
    assert re.search(r"best_of \([^)]*Unset\):[^:]*Default: 1\.", CreateCompletionRequest.__doc__ or "")


def test_optional_query_parameters_are_not_sent_unless_set() -> None:
    assert list_fine_tune_events._get_kwargs("ft-1")["params"] == {}
    assert list_fine_tune_events._get_kwargs("ft-1", stream=True)["params"] == {"stream": True}


def _engine_client() -> AuthenticatedClient:
    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/v1/engines/davinci"
        return httpx.Response(
            200, json={"id": "davinci", "object": "engine", "created": None, "owner": "openai", "ready": True}
        )

    transport = httpx.MockTransport(answer)
    client = AuthenticatedClient(base_url="https://api.test/v1", token="sk-test")
    client.set_httpx_client(httpx.Client(base_url="https://api.test/v1", transport=transport))
    client.set_async_httpx_client(httpx.AsyncClient(base_url="https://api.test/v1", transport=transport))
    return client


@pytest.mark.parametrize("function", ["sync", "sync_detailed"])
def test_deprecated_operation_warns_at_the_callers_line(function: str) -> None:
    with pytest.warns(
        DeprecationWarning, match=r"retrieve_engine \(GET /engines/\{engine_id\}\) is deprecated"
    ) as seen:
        result = getattr(retrieve_engine, function)("davinci", client=_engine_client())
    assert seen[0].filename == __file__
    parsed = result if function == "sync" else result.parsed
    assert parsed.id == "davinci"


@pytest.mark.parametrize("function", ["asyncio", "asyncio_detailed"])
def test_deprecated_operation_warns_when_awaited(function: str) -> None:
    with pytest.warns(DeprecationWarning, match="retrieve_engine") as seen:
        asyncio.run(getattr(retrieve_engine, function)("davinci", client=_engine_client()))
    assert len(seen) == 1
