"""Route handles named like the facade: ``mock.chat.completions.create.response = {...}``.

``Routes`` is a node of the facade's name tree: reading an attribute walks down
(``routes.chat`` -> ``routes.chat.completions``); a leaf is a ``RouteHandle``. Names come from
the spec (see ``operations``), so every operation has its handle.
"""

from __future__ import annotations

from typing import Any, Literal

from .answers import REPLY_OPERATIONS
from .journal import RecordedCall
from .registry import Scripting
from .steps import Failure, Reply, Respond, RouteScript, Step, StreamFault

__all__ = ["RouteHandle", "Routes"]


class RouteHandle:
    """Scripts one operation and shows the calls it received.

    ``.response = value`` answers every request with ``value`` (a list: one item per request, in
    order, then the mock's own answers again); ``fail``, ``reply(times=...)`` and the stream faults
    queue one-shot steps, served before the standing response.
    """

    def __init__(self, route: RouteScript) -> None:
        self._route = route

    def __repr__(self) -> str:
        return f"<route {self.name} ({self._route.operation.method} {self._route.operation.path})>"

    @property
    def name(self) -> str:
        """The facade name, ``chat.completions.create``."""
        return self._route.name

    @property
    def operation_id(self) -> str:
        return self._route.operation.operation_id

    # -- scripting --------------------------------------------------------------------------------

    @property
    def response(self) -> Any:
        """The standing scripted response (``None``: the mock's own answers)."""
        step = self._route.standing
        return step.value if isinstance(step, Respond) else None

    @response.setter
    def response(self, value: Any) -> None:
        self.respond(value)

    def respond(self, value: Any, *, times: int | None = None, validate: bool = True) -> RouteHandle:
        """Script the answer: ``times=None`` for every request, else the next ``times`` requests.

        ``value``: a dict deep-merged into the mock's own answer; a pydantic or client model; an
        ``httpx.Response``; bytes or text (downloads, text transcripts); a callable receiving the
        ``RecordedCall`` and returning one of these; or a list of them, served in order.
        ``validate=False`` serves answers that do not match the spec's schema. A list may hold steps
        too: ``[Failure(429, retry_after=0), Reply("Hi")]`` (from ``openai_mock.testing``).
        """
        if isinstance(value, list) and times is None:
            self._route.enqueue([_step(v, validate) for v in value], replace_responses=True)
        elif value is None:
            self._route.set_standing(None)
        elif times is None:
            self._route.set_standing(_step(value, validate))
        else:
            self._route.enqueue([_step(value, validate)] * _count(times))
        return self

    def reply(
        self, text: str, *, times: int | None = None, finish_reason: str = "stop", validate: bool = True
    ) -> RouteHandle:
        """Answer chat, completions or edits with ``text`` (streamed in pieces when the request streams)."""
        self._check_reply()
        step = Reply(text, finish_reason, validate)
        if times is None:
            self._route.set_standing(step)
        else:
            self._route.enqueue([step] * _count(times))
        return self

    def fail(
        self,
        status: int,
        *,
        times: int | None = 1,
        message: str | None = None,
        type: str | None = None,
        code: str | None = None,
        retry_after: float | None = None,
    ) -> RouteHandle:
        """Answer the next ``times`` requests (``None``: all) with an OpenAI-style error.

        ``retry_after`` (seconds) sends ``Retry-After`` and ``retry-after-ms``; ``0`` lets a
        client retry at once.
        """
        if not 400 <= status <= 599:
            raise ValueError(f"status must be 400-599, got {status}")
        step = Failure(status, message, type, code, retry_after)
        if times is None:
            self._route.set_standing(step)
        else:
            self._route.enqueue([step] * _count(times))
        return self

    def cut_stream(self, after: int, *, times: int = 1, reply: str | None = None) -> RouteHandle:
        """Streams end after ``after`` events without ``data: [DONE]`` (the mock's answer, or ``reply``)."""
        return self._stream_fault("cut", after, times, reply, None)

    def error_stream(
        self, after: int, *, times: int = 1, reply: str | None = None, message: str | None = None
    ) -> RouteHandle:
        """Streams send ``after`` events, then an ``error`` event, and end."""
        return self._stream_fault("error", after, times, reply, message)

    def _stream_fault(
        self, kind: Literal["cut", "error"], after: int, times: int, reply: str | None, message: str | None
    ) -> RouteHandle:
        if after < 0:
            raise ValueError(f"after must be >= 0, got {after}")
        if not self._route.operation.streams:
            raise ValueError(f"{self.name} does not stream")
        if reply is not None:
            self._check_reply()
        answer = Reply(reply) if reply is not None else None
        step: Step = StreamFault(kind, after, answer, message)
        self._route.enqueue([step] * _count(times))
        return self

    def _check_reply(self) -> None:
        if self.operation_id not in REPLY_OPERATIONS:
            raise ValueError(f"{self.name} has no text to reply with: reply() serves chat, completions and edits")

    def reset(self) -> None:
        """Forget the scripts and the calls of this route."""
        self._route.reset()

    @property
    def pending(self) -> list[str]:
        """The scripted steps no request used yet."""
        return self._route.pending()

    # -- what was sent ----------------------------------------------------------------------------

    @property
    def calls(self) -> list[RecordedCall]:
        return self._route.recorded()

    @property
    def call_count(self) -> int:
        return len(self._route.recorded())

    @property
    def called(self) -> bool:
        return bool(self._route.recorded())

    @property
    def last(self) -> RecordedCall:
        """The latest call (``AssertionError`` when there was none)."""
        calls = self._route.recorded()
        if not calls:
            raise AssertionError(f"{self.name} was never called")
        return calls[-1]


def _step(value: Any, validate: bool) -> Step:
    """Steps (``Reply("...")``, ``Failure(429)``) stay themselves, so one list can mix them with answers."""
    return value if isinstance(value, Respond | Reply | Failure | StreamFault) else Respond(value, validate)


def _count(times: int) -> int:
    if times < 1:
        raise ValueError(f"times must be >= 1, got {times}")
    return times


class Routes:
    """A node of the facade's names; attributes lead to child nodes and, at the leaves, handles."""

    def __init__(self, scripting: Scripting, prefix: tuple[str, ...] = ()) -> None:
        self._scripting = scripting
        self._prefix = prefix
        depth = len(prefix)
        self._children: dict[str, Routes | RouteHandle] = {}
        for route in scripting.routes.values():
            parts = route.operation.parts
            if parts[:depth] != prefix or len(parts) == depth:
                continue
            head = parts[depth]
            if len(parts) == depth + 1:
                self._children[head] = RouteHandle(route)
            elif head not in self._children:
                self._children[head] = Routes(scripting, (*prefix, head))

    def __getattr__(self, name: str) -> Any:
        # Typed as Any: each node's attributes come from the spec at run time.
        children = self.__dict__.get("_children", {})
        if name in children:
            return children[name]
        where = ".".join(self.__dict__.get("_prefix", ())) or "the mock"
        raise AttributeError(f"{where} has no route {name!r}; it has {sorted(children)}")

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *self._children})

    def handles(self) -> list[RouteHandle]:
        """Every handle below this node."""
        out: list[RouteHandle] = []
        for child in self._children.values():
            out.extend(child.handles() if isinstance(child, Routes) else [child])
        return out

    def route(self, name: str) -> RouteHandle:
        """A handle by operationId (``createChatCompletion``) or facade name."""
        target = self._scripting.route(name)
        return next(h for h in self.handles() if h.operation_id == target.operation.operation_id)
