"""In-process schemathesis against the mock's ASGI app (no sockets): helpers shared by the property test modules."""

from __future__ import annotations

import functools
import os
import sys
import threading
from pathlib import Path
from typing import Any
from unittest import mock

import schemathesis
from schemathesis import GenerationMode
from schemathesis.specs.openapi.schemas import OpenApiSchema
from starlette.applications import Starlette
from starlette.types import ASGIApp, Receive, Scope, Send

ROOT = Path(__file__).resolve().parents[2]
# The conformance package is a tool, not part of the wheel; its folder joins the path here.
sys.path.insert(0, str(ROOT / "conform"))

from openai_conform import hooks as _hooks  # noqa: E402  (importing registers the hooks and custom checks)
from openai_conform.served import SuccessTally  # noqa: E402
from openai_conform.settings import (  # noqa: E402
    API_KEY_VARIABLE,
    CONFIG_PATH,
    DEFAULT_API_KEY,
    SPEC_PATH,
    Profile,
    active_profile,
)

from openai_mock.app import create_app  # noqa: E402
from openai_mock.config import MockConfig  # noqa: E402
from openai_mock.http import services as mock_services  # noqa: E402
from openai_mock.store import Store  # noqa: E402

__all__ = ["CALLS", "PROFILE", "TALLY", "LifespanShield", "TickClock", "load_schema", "new_mock_app", "record"]

assert _hooks.filter_failure is not None
os.environ.setdefault(API_KEY_VARIABLE, DEFAULT_API_KEY)
PROFILE = active_profile()
# Requests sent by schemathesis in this process (reported at the end of the run by conftest.py).
CALLS: dict[str, int] = {"count": 0}
# The status of the mock's answers per operation in the suite's own runs, for the after-run check that each
# operation reached a 2xx (test_served.py); tests of deliberately broken servers stay out of it.
TALLY = SuccessTally()


def record(case: schemathesis.Case[Any], response: schemathesis.Response) -> None:
    if case.method.upper() == case.operation.method.upper():
        TALLY.record(case.operation.label, response.status_code, response.content)


@schemathesis.hook
def after_call(
    context: schemathesis.HookContext, case: schemathesis.Case[Any], response: schemathesis.Response
) -> None:
    CALLS["count"] += 1


# In clock ticks (see TickClock): a job finishes after some dozen reads of the clock, so a scenario
# can both cancel a fresh job and meet the fine-tuned model of an older one.
FINE_TUNE_SECONDS = 0.05
CLOCK_TICK = 0.002


class LifespanShield:
    """Answers ASGI lifespan messages itself and forwards everything else to the app.

    schemathesis' pytest plugin ends an app's lifespan after every test item, and the mock closes
    its store on shutdown; the shield keeps one store alive for a whole module (closed by its fixture).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app: Any = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "lifespan":
            await self.app(scope, receive, send)
            return
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return


class TickClock:
    """A clock that moves only when read, by a fixed tick.

    The fine-tune lifecycle follows the store's clock. With wall time, replaying the same requests
    could meet a job in another state, and hypothesis rejects a test whose data depends on timing.
    """

    def __init__(self, start: float = 1_700_000_000.0, tick: float = CLOCK_TICK) -> None:
        self._now, self._tick = start, tick
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            self._now += self._tick
            return self._now


def new_mock_app(**options: Any) -> Starlette:
    """A mock with an in-memory store driven by a ``TickClock`` (blobs in a temporary folder removed on close)."""
    config = MockConfig(fine_tune_duration=FINE_TUNE_SECONDS, **options)
    # MockConfig has no clock; the store takes one, so the app is built with a store class that passes it.
    with mock.patch.object(mock_services, "Store", functools.partial(Store, clock=TickClock())):
        return create_app(config)


def load_schema(app: ASGIApp, profile: Profile = PROFILE) -> OpenApiSchema:
    schema = schemathesis.openapi.from_path(SPEC_PATH, config=schemathesis.Config.from_path(CONFIG_PATH))
    schema.app = app
    schema.config.generation.update(
        max_examples=profile.max_examples,
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        deterministic=profile.derandomize,
        database="none",
    )
    return schema
