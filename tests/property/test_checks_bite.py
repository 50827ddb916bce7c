"""The checks of the property suite fail a broken server: each test breaks the mock in one way.

The same check functions the suite runs are called on the broken answers and must raise; the
intact mock answers the same requests without a failure, so the failure is the breakage's doing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from _broken import (
    RewriteAnswers,
    accept_everything,
    break_stream_chunk,
    drop_chat_usage,
    drop_done,
    drop_route,
    server_error_for_bad_requests,
)
from _support import LifespanShield, load_schema, new_mock_app
from hypothesis import HealthCheck, find, given, settings
from openai_conform.checks import sse_stream_conformance
from openai_conform.served import SuccessTally, operation_is_served, unknown_route_reason
from openai_conform.settings import API_KEY_VARIABLE
from schemathesis import Case, CheckFunction, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import negative_data_rejection, response_schema_conformance
from starlette.applications import Starlette

CHAT = {"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "Say this is a test"}], "max_tokens": 8}
STREAM = {**CHAT, "stream": True}
BAD_CHAT = {**CHAT, "temperature": "hot"}


@pytest.fixture
def mock() -> Iterator[Starlette]:
    app = new_mock_app()
    yield app
    app.state.services.close()


def chat_case(schema: Any, body: dict[str, Any]) -> Case[Any]:
    case: Case[Any] = schema.find_operation_by_id("createChatCompletion").Case(body=body, media_type="application/json")
    return case


def failures(case: Case[Any], check: CheckFunction) -> list[str]:
    """Titles of the failures ``check`` reports for one call (empty when it passes)."""
    headers = {"Authorization": f"Bearer {os.environ[API_KEY_VARIABLE]}"}
    try:
        case.call_and_validate(headers=headers, checks=[check])
    except FailureGroup as group:
        return [str(failure.title) for failure in group.exceptions]
    return []


@pytest.mark.parametrize(
    ("rewrite", "body", "check", "title"),
    [
        pytest.param(
            drop_chat_usage, CHAT, response_schema_conformance, "Response violates schema", id="missing-field"
        ),
        pytest.param(server_error_for_bad_requests, BAD_CHAT, not_a_server_error, "Server error", id="500-on-bad-body"),
        pytest.param(break_stream_chunk, STREAM, sse_stream_conformance, "sse_stream_conformance", id="bad-chunk"),
        pytest.param(drop_done, STREAM, sse_stream_conformance, "sse_stream_conformance", id="no-done"),
    ],
)
def test_check_fails_the_broken_mock_and_passes_the_intact_one(
    mock: Starlette, rewrite: Callable[..., Any], body: dict[str, Any], check: CheckFunction, title: str
) -> None:
    intact = load_schema(LifespanShield(mock))
    assert failures(chat_case(intact, body), check) == []

    broken = load_schema(LifespanShield(RewriteAnswers(mock, rewrite)))
    found = failures(chat_case(broken, body), check)
    assert any(title in failure for failure in found), found


def test_builtin_stream_validation_checks_chunk_content(mock: Starlette) -> None:
    # schemathesis validates each event against the event schema, contentSchema included.
    broken = load_schema(LifespanShield(RewriteAnswers(mock, break_stream_chunk)))
    assert any(
        "schema" in failure.lower() for failure in failures(chat_case(broken, STREAM), response_schema_conformance)
    )


def test_negative_data_rejection_finds_a_server_that_accepts_invalid_bodies(mock: Starlette) -> None:
    operation = load_schema(LifespanShield(RewriteAnswers(mock, accept_everything))).find_operation_by_id(
        "createChatCompletion"
    )

    def accepted_invalid(case: Case[Any]) -> bool:
        return bool(failures(case, negative_data_rejection))

    found = find(
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
        accepted_invalid,
        settings=settings(
            max_examples=100, database=None, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck)
        ),
    )
    assert found.meta is not None and found.meta.generation.mode is GenerationMode.NEGATIVE


def test_negative_data_rejection_passes_the_intact_mock(mock: Starlette) -> None:
    operation = load_schema(LifespanShield(mock)).find_operation_by_id("createChatCompletion")

    @given(operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
    @settings(max_examples=30, database=None, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
    def rejected(case: Case[Any]) -> None:
        assert failures(case, negative_data_rejection) == []

    rejected()


def test_operation_is_served_fails_an_unknown_route(mock: Starlette) -> None:
    intact = load_schema(LifespanShield(mock))
    models: Case[Any] = intact.find_operation_by_id("listModels").Case()
    assert failures(models, operation_is_served) == []

    broken = load_schema(LifespanShield(RewriteAnswers(mock, drop_route("GET", "/v1/models"))))
    found = failures(broken.find_operation_by_id("listModels").Case(), operation_is_served)
    assert any("operation_is_served" in failure for failure in found), found
    # The declared 404 passes schemathesis' own checks: without ours the missing route would pass.
    assert failures(broken.find_operation_by_id("listModels").Case(), response_schema_conformance) == []


def tally_of(app: Any, operation_ids: list[str]) -> SuccessTally:
    """The answers to a few positive cases per operation, as the after-run check counts them."""
    tally = SuccessTally()
    schema = load_schema(LifespanShield(app))
    headers = {"Authorization": f"Bearer {os.environ[API_KEY_VARIABLE]}"}
    for operation_id in operation_ids:
        operation = schema.find_operation_by_id(operation_id)

        @given(operation.as_strategy(generation_mode=GenerationMode.POSITIVE))
        @settings(max_examples=10, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
        def send(case: Case[Any]) -> None:
            tally.record(case.operation.label, case.call(headers=headers).status_code)

        send()
    return tally


def test_the_success_tally_fails_a_route_that_answers_a_well_formed_404(mock: Starlette) -> None:
    operations = ["listModels", "createModeration"]
    labels = ["GET /models", "POST /moderations"]
    assert tally_of(mock, operations).unreached(labels) == {}

    # An error object naming no route: the per-answer check cannot tell it from a missing resource.
    rewrite = drop_route("POST", "/v1/moderations", message="No such thing")
    status, _, content = rewrite({"method": "POST", "path": "/v1/moderations"}, (200, [], b""))
    assert (status, unknown_route_reason(status, content)) == (404, None)
    unreached = tally_of(RewriteAnswers(mock, rewrite), operations).unreached(labels)
    assert list(unreached) == ["POST /moderations"]
    assert unreached["POST /moderations"].startswith("no request reached a success (2xx) answer (10 x 404")
