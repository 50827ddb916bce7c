"""Validators with their $refs inlined give exactly the errors of the registry-resolving ones."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from openai_mock.proxy.operations import escape_pointer
from openai_mock.proxy.schemas import SchemaValidators
from openai_mock.spec import load_spec

SPEC = load_spec()
VALIDATORS = SchemaValidators(SPEC)


def _examples() -> Iterator[tuple[str, Any]]:
    """Each JSON example of the spec's requests and responses, with the pointer of its schema."""
    for template, item in SPEC.document["paths"].items():
        for method, operation in item.items():
            if not isinstance(operation, dict):
                continue
            bodies = [("requestBody", operation.get("requestBody"))]
            bodies += [(f"responses/{code}", response) for code, response in operation.get("responses", {}).items()]
            for where, body in bodies:
                media = (body or {}).get("content", {}).get("application/json")
                if not media or "schema" not in media:
                    continue
                pointer = f"/paths/{escape_pointer(template)}/{method}/{where}/content/application~1json/schema"
                for example in media.get("examples", {}).values():
                    yield pointer, example["value"]


def _variants(value: Any) -> Iterator[Any]:
    yield value
    yield {}
    yield "text"
    if isinstance(value, dict):
        for key in value:
            yield {k: v for k, v in value.items() if k != key}
            yield {**value, key: {"unexpected": [1, None]}}


def _errors(validator: Any, value: Any) -> list[tuple[str, str]]:
    return sorted((str(list(e.absolute_path)), e.message) for e in validator.iter_errors(value))


CASES = list(_examples())


def test_the_spec_has_examples_to_compare() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize(("pointer", "example"), CASES, ids=[f"{i}" for i in range(len(CASES))])
def test_inlined_and_resolving_validators_agree(pointer: str, example: Any) -> None:
    inlined, resolving = VALIDATORS.get(pointer), SPEC.pointer_validator(pointer)
    for value in _variants(example):
        assert _errors(inlined, value) == _errors(resolving, value), value
