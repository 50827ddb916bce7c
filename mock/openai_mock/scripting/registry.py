"""``Scripting``: the scripted routes, the request journal and the problems found, of one mock app."""

from __future__ import annotations

import threading
from collections import deque

from ..spec import SpecDocument
from .journal import RecordedCall
from .operations import OperationTable
from .steps import RouteScript

__all__ = ["Scripting"]


class Scripting:
    """Off (``enabled=False``) the mock serves requests as before, untouched and unrecorded.

    ``journal_limit`` bounds the calls kept (a long-running server keeps the latest ones).
    """

    def __init__(self, spec: SpecDocument, *, enabled: bool = False, journal_limit: int | None = None) -> None:
        self.spec = spec
        self.enabled = enabled
        self.table = OperationTable(spec)
        self._lock = threading.Lock()
        self.routes = {op.operation_id: RouteScript(op, self._lock, journal_limit) for op in self.table.operations}
        self.calls: deque[RecordedCall] = deque(maxlen=journal_limit)
        self.problems: list[str] = []

    def route(self, name: str) -> RouteScript:
        """By operationId or facade name."""
        return self.routes[self.table.get(name).operation_id]

    def record(self, call: RecordedCall) -> None:
        with self._lock:
            self.calls.append(call)
        if call.operation_id is not None:
            self.routes[call.operation_id].record(call)

    def recorded(self) -> list[RecordedCall]:
        """Every call so far, in order (a copy)."""
        with self._lock:
            return list(self.calls)

    def found_problems(self) -> list[str]:
        with self._lock:
            return list(self.problems)

    def report(self, problem: str) -> None:
        with self._lock:
            self.problems.append(problem)

    def pending(self) -> list[str]:
        """Every scripted step that no request used, as ``name: description``."""
        return [f"{route.name}: {item}" for route in self.routes.values() for item in route.pending()]

    def reset(self) -> None:
        for route in self.routes.values():
            route.reset()
        with self._lock:
            self.calls.clear()
            self.problems.clear()
