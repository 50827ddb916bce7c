"""What the proxy keeps of a body streaming past: a bounded copy of JSON or text, a form's fields, nothing else."""

from __future__ import annotations

import json
from typing import Any

from .checks import BodyPlan, SpecChecker, is_json, media_type
from .forms import FormCollector
from .operations import Operation
from .violations import Direction, Kind, Violation

__all__ = ["BodyCopy", "RequestTap"]


class BodyCopy:
    """A copy of a small body (JSON or text) up to ``limit`` bytes; past it, the body is only counted."""

    def __init__(self, limit: int, *, as_json: bool = True) -> None:
        self.limit = limit
        self.as_json = as_json
        self.size = 0
        self._parts: list[bytes] = []

    @property
    def overflowed(self) -> bool:
        return self.size > self.limit

    def feed(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.overflowed:
            self._parts = []
        else:
            self._parts.append(chunk)

    def value(self) -> bytes:
        return b"".join(self._parts)

    def check(
        self, checker: SpecChecker, operation: str, direction: Direction, kind: Kind, schema_pointer: str | None
    ) -> list[Violation]:
        if schema_pointer is None or self.overflowed:
            return []
        return checker.json_document(operation, direction, kind, schema_pointer, self.value())

    def recorded(self) -> Any:
        """The body as an exchange file holds it (docs/PROXY.md)."""
        if self.overflowed:
            return {"omitted": True, "bytes": self.size}
        raw = self.value()
        if self.as_json:
            try:
                return {"json": json.loads(raw)}
            except ValueError:
                pass
        return {"text": raw.decode("utf-8", errors="replace")}


class RequestTap:
    """Sees each request chunk on its way upstream; ``finish`` checks the whole body against its plan."""

    def __init__(self, plan: BodyPlan | None, limit: int, content_type: str | None) -> None:
        self.plan = plan
        self.finished = False
        media = plan.media if plan is not None else media_type(content_type)
        self.json = BodyCopy(limit) if is_json(media) else None
        self.form = FormCollector(content_type or "") if media == "multipart/form-data" else None
        self.size = 0

    def feed(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.json is not None:
            self.json.feed(chunk)
        elif self.form is not None:
            self.form.feed(chunk)

    def finish(self, checker: SpecChecker, op: Operation | None) -> list[Violation]:
        self.finished = True
        if self.form is not None:
            self.form.finish()
        pointer = self.plan.schema_pointer if self.plan is not None else None
        if op is None or pointer is None:
            return []
        if self.json is not None:
            return self.json.check(checker, op.operation_id, "request", "request_body", pointer)
        if self.form is not None:
            if self.form.error is not None:
                return [Violation(op.operation_id, "request", "request_body", "", self.form.error)]
            return checker.form(op, pointer, self.form.fields, set(self.form.files))
        return []

    def recorded(self) -> Any:
        if self.size == 0:
            return None
        if self.json is not None:
            return self.json.recorded()
        if self.form is not None:
            files = {name: digest.to_dict() for name, digest in self.form.files.items()}
            return {"form": self.form.fields, "files": files}
        return {"omitted": True, "bytes": self.size}
