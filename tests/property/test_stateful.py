"""The stateful phase in process: schemathesis follows the spec's links through real flows.

Links chain uploads to reads, downloads, deletes and fine-tunes, jobs to their events, cancellation
and fine-tuned models; hypothesis picks the paths. Each scenario starts from an empty store, and
every response goes through all checks, including use_after_free and ensure_resource_availability.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import ClassVar

import pytest
from _support import PROFILE, LifespanShield, load_schema, new_mock_app, record
from hypothesis import HealthCheck, settings
from schemathesis.generation.stateful.state_machine import StepInput, StepOutput

SHIELD = LifespanShield(new_mock_app())
# Only the linked resources: the stateless operations have no links and test_property_operations covers them,
# so every step goes to a flow.
schema = load_schema(SHIELD).include(tag=["Files", "Fine-tunes", "Models"])
# The mock gives every organization its own files and jobs; one fixed organization keeps each
# scenario in one tenant (links do not copy the optional header; a run without it stays in the key's).
schema.config.update(headers={"OpenAI-Organization": "org-property-tests"})
BaseWorkflow = schema.as_state_machine()


class Workflow(BaseWorkflow):  # type: ignore[misc,valid-type]
    # (link id, status of the linked call) for every step that followed a link with its values
    walked: ClassVar[Counter[tuple[str, int]]] = Counter()

    def setup(self) -> None:
        # A fresh store per scenario: a replayed scenario must meet the same state. The previous
        # store is closed here, not in teardown: schemathesis may still read it after a scenario ends.
        previous, SHIELD.app = SHIELD.app, new_mock_app()
        previous.state.services.close()

    def step(self, input: StepInput) -> StepOutput:
        output: StepOutput = super().step(input)
        record(input.case, output.response)
        if input.transition is not None and input.is_applied:
            Workflow.walked[(input.transition.id, output.response.status_code)] += 1
        return output


@pytest.fixture(scope="module", autouse=True)
def _close_mock_store() -> Iterator[None]:
    yield
    SHIELD.app.state.services.close()


def test_stateful_flows() -> None:
    Workflow.walked.clear()
    Workflow.run(
        settings=settings(
            max_examples=PROFILE.stateful_examples,
            stateful_step_count=PROFILE.stateful_steps,
            deadline=None,
            derandomize=PROFILE.derandomize,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
    )
    # The links were followed into successful calls, in both resource families.
    succeeded = {link for (link, status) in Workflow.walked if 200 <= status < 300}
    assert any(link.startswith("POST /files -> [200]") for link in succeeded), sorted(Workflow.walked)
    assert any(link.startswith("POST /fine-tunes -> [200]") for link in succeeded), sorted(Workflow.walked)
