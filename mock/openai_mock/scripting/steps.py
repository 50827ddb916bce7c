"""Scripted answers of one operation: one-shot steps served in order, then a standing answer.

A route serves, for each request, the first queued step (failures, listed responses, replies
given ``times``), else its standing answer (``.response = ...``), else nothing: the mock then
answers as it would have. A step that a request could not use (the mock refused the request)
goes back to the front of the queue.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from typing import Any, Literal

from .journal import RecordedCall
from .operations import Operation

__all__ = ["Failure", "Reply", "Respond", "RouteScript", "Step", "StreamFault"]


@dataclass(frozen=True)
class Respond:
    """A dict (merged into the mock's answer), a model, an ``httpx.Response``, bytes, text, or a
    callable receiving the ``RecordedCall`` and returning one of these (``None``: the mock's own)."""

    value: Any
    validate: bool = True

    def describe(self) -> str:
        if callable(self.value):
            return f"response from {getattr(self.value, '__name__', 'a callable')}()"
        text = repr(self.value)
        return f"response {text[:60] + '...' if len(text) > 60 else text}"


@dataclass(frozen=True)
class Reply:
    """The answer's text, for chat, completions and edits."""

    text: str
    finish_reason: str = "stop"
    validate: bool = True

    def describe(self) -> str:
        return f"reply {self.text[:40]!r}"


@dataclass(frozen=True)
class Failure:
    """An OpenAI-style error answer."""

    status: int
    message: str | None = None
    type: str | None = None
    code: str | None = None
    retry_after: float | None = None

    def describe(self) -> str:
        return f"failure {self.status}"


@dataclass(frozen=True)
class StreamFault:
    """A stream that ends after ``after`` events: ``cut`` (no ``[DONE]``) or ``error`` (an error event)."""

    kind: Literal["cut", "error"]
    after: int
    answer: Respond | Reply | None = None
    message: str | None = None

    def describe(self) -> str:
        return f"stream {self.kind} after {self.after} events"


Step = Respond | Reply | Failure | StreamFault


class RouteScript:
    """The scripted steps and the recorded calls of one operation (thread-safe)."""

    def __init__(self, operation: Operation, lock: threading.Lock, journal_limit: int | None = None) -> None:
        self.operation = operation
        self._lock = lock
        self._queue: deque[Step] = deque()
        self._standing: Step | None = None
        self._standing_used = False
        self.calls: deque[RecordedCall] = deque(maxlen=journal_limit)

    @property
    def name(self) -> str:
        return self.operation.facade_name

    @property
    def standing(self) -> Step | None:
        return self._standing

    def set_standing(self, step: Step | None) -> None:
        with self._lock:
            self._queue = deque(s for s in self._queue if not isinstance(s, Respond | Reply))
            self._standing, self._standing_used = step, False

    def enqueue(self, steps: list[Step], *, replace_responses: bool = False) -> None:
        with self._lock:
            if replace_responses:
                self._queue = deque(s for s in self._queue if not isinstance(s, Respond | Reply))
                self._standing, self._standing_used = None, False
            self._queue.extend(steps)

    def take(self) -> tuple[Step | None, bool]:
        """The step for the next request and whether it was a one-shot one."""
        with self._lock:
            if self._queue:
                return self._queue.popleft(), True
            if self._standing is not None:
                return self._standing, False
            return None, False

    def settle(self, step: Step, one_shot: bool, used: bool) -> None:
        """After a request: mark the standing step used, or put an unused one-shot step back."""
        with self._lock:
            if not used:
                if one_shot:
                    self._queue.appendleft(step)
            elif not one_shot and step is self._standing:
                self._standing_used = True

    def record(self, call: RecordedCall) -> None:
        with self._lock:
            self.calls.append(call)

    def recorded(self) -> list[RecordedCall]:
        """The calls so far (a copy: the server's thread may be adding one)."""
        with self._lock:
            return list(self.calls)

    def pending(self) -> list[str]:
        """Steps no request used, described for a test failure."""
        with self._lock:
            left = [step.describe() for step in self._queue]
            if self._standing is not None and not self._standing_used:
                left.append(self._standing.describe())
        return left

    def reset(self) -> None:
        with self._lock:
            self._queue.clear()
            self._standing, self._standing_used = None, False
            self.calls.clear()
