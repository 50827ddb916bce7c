"""What the proxy has seen: requests and violations per operation, and the operations never exercised."""

from __future__ import annotations

import logging
import threading
from collections import Counter, deque
from collections.abc import Iterable
from typing import Any

from .violations import Violation

__all__ = ["UNKNOWN_OPERATION", "ProxyReport"]

log = logging.getLogger("openai_mock.proxy")

# Requests under the API prefix that match no operation of the spec are counted under this name.
UNKNOWN_OPERATION = "(no operation)"
RECENT_VIOLATIONS = 100


class ProxyReport:
    """Thread-safe counters; every violation is logged as it is added."""

    def __init__(self, operation_ids: Iterable[str], upstream: str) -> None:
        self.operation_ids = list(operation_ids)
        self.upstream = upstream
        self._lock = threading.Lock()
        self._requests: Counter[str] = Counter()
        self._violations: dict[str, Counter[str]] = {}
        self._recent: deque[Violation] = deque(maxlen=RECENT_VIOLATIONS)

    def request_seen(self, operation: str) -> None:
        with self._lock:
            self._requests[operation] += 1

    def add(self, violations: Iterable[Violation]) -> None:
        for violation in violations:
            log.warning("spec violation: %s", violation.describe())
            with self._lock:
                self._violations.setdefault(violation.operation, Counter())[violation.kind] += 1
                self._recent.append(violation)

    def to_dict(self) -> dict[str, Any]:
        with self._lock:
            names = [*self.operation_ids, *sorted(set(self._requests) - set(self.operation_ids))]
            operations = {
                name: {
                    "requests": self._requests[name],
                    "violations": dict(sorted(self._violations.get(name, Counter()).items())),
                }
                for name in names
                if self._requests[name] or name in self._violations
            }
            return {
                "upstream": self.upstream,
                "requests": sum(self._requests.values()),
                "violations": sum(sum(kinds.values()) for kinds in self._violations.values()),
                "operations": operations,
                "never_exercised": [name for name in self.operation_ids if not self._requests[name]],
                "recent_violations": [violation.to_dict() for violation in self._recent],
            }

    def summary(self) -> str:
        """The report as a table for a terminal."""
        data = self.to_dict()
        total = len(self.operation_ids)
        unused = data["never_exercised"]
        lines = [
            f"proxy summary: {data['requests']} requests, {data['violations']} violations, "
            f"{total - len(unused)} of {total} operations exercised (upstream {data['upstream']})",
        ]
        width = max((len(name) for name in data["operations"]), default=9)
        lines.append(f"  {'operation':<{width}}  requests  violations")
        for name, seen in data["operations"].items():
            kinds = ", ".join(f"{kind} {count}" for kind, count in seen["violations"].items()) or "-"
            lines.append(f"  {name:<{width}}  {seen['requests']:>8}  {kinds}")
        if unused:
            lines.append("  never exercised: " + ", ".join(unused))
        return "\n".join(lines)
