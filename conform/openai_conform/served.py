"""A server must serve every operation it is tested on; a declared 404 must not let a missing route pass.

Two complementary verdicts:

- ``operation_is_served`` (a schemathesis check, per answer): a 404 or 405 to the operation's own
  method that says the route itself is unknown, as OpenAI's ``Invalid URL (GET /v1/...)`` does, or
  that is not an OpenAI error object at all (a framework's bare ``Not Found``).
- ``SuccessTally`` (after a run, per operation): an operation none of whose requests reached a
  success (2xx) answer fails, whatever its error answers looked like. Operations that need ids
  made by others (``retrieveFile``) reach one only through the stateful phase's links.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from schemathesis import Case, CheckContext, Response

__all__ = ["HANDLER_EVIDENCE", "SuccessTally", "operation_is_served", "unknown_route_reason"]

# OpenAI's answer for an unknown route; other servers say much the same.
UNKNOWN_ROUTE = re.compile(r"^(invalid url|unknown (url|route|endpoint)|no route|not found$)", re.IGNORECASE)


def _error(content: bytes) -> dict[str, Any]:
    try:
        body: Any = json.loads(content)
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}


def unknown_route_reason(status: int, content: bytes) -> str | None:
    """Why a 404/405 answer means "no such route" (None when it names a missing resource or is another status)."""
    if status not in (404, 405):
        return None
    error = _error(content)
    if not isinstance(error.get("message"), str):
        return f"a {status} that is not an OpenAI error object: {content[:80]!r}"
    if UNKNOWN_ROUTE.match(error["message"].strip()):
        return f"a {status} saying {error['message']!r}"
    return None


@schemathesis.check
def operation_is_served(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    """The operation's own method and path must reach a handler: "unknown route" answers fail it."""
    if case.method.upper() != case.operation.method.upper():
        return None  # schemathesis probes other methods on purpose; 405 is the right answer there
    reason = unknown_route_reason(response.status_code, response.content)
    if reason is not None:
        raise AssertionError(f"The server does not serve {case.operation.label}: {reason}")
    return None


# Operations a run may not bring to a success, and the answer (status, param, message prefix) that shows
# their handler ran instead:
# - audio: schemathesis names a file part after its field plus an extension it recognises in the bytes
#   (PNG, JPEG, GIF, PDF, ZIP, WebP), no audio format, so every recording arrives as "file" and is refused;
# - deleteModel succeeds only on a fine-tuned model of the caller, which exists only when a job of the
#   same stateful scenario finished in time (a race with cancelFineTune, which needs a job still running);
#   refusing a base model needs the handler to look it up.
HANDLER_EVIDENCE: dict[str, tuple[int, str, str]] = {
    "POST /audio/transcriptions": (400, "file", "Invalid file format"),
    "POST /audio/translations": (400, "file", "Invalid file format"),
    "DELETE /models/{model}": (400, "model", ""),
}


@dataclass
class SuccessTally:
    """Answers per operation label (``METHOD /path``); an operation without a 2xx among them was never served."""

    statuses: dict[str, Counter[int]] = field(default_factory=dict)
    handled: Counter[str] = field(default_factory=Counter)
    # Requests built from a link of the spec (an id a previous answer made)
    linked: Counter[str] = field(default_factory=Counter)

    def record(self, label: str, status: int, content: bytes = b"", linked: bool = False) -> None:
        self.statuses.setdefault(label, Counter())[status] += 1
        self.linked[label] += linked
        expected_status, param, message = HANDLER_EVIDENCE.get(label, (0, "", ""))
        if status == expected_status:
            error = _error(content)
            if error.get("param") == param and str(error.get("message", "")).startswith(message):
                self.handled[label] += 1

    def served(self, label: str) -> bool:
        return bool(self.handled[label]) or any(200 <= status < 300 for status in self.statuses.get(label, ()))

    def unproven(self, labels: Iterable[str], link_targets: Collection[str]) -> list[str]:
        """Link targets never served that no linked request reached: a run cannot tell whether they are served.

        Their ids come from other answers; random ids are rightly not found.
        """
        return [
            label for label in labels if label in link_targets and not self.served(label) and not self.linked[label]
        ]

    def unreached(self, labels: Iterable[str], link_targets: Collection[str] = ()) -> dict[str, str]:
        """For each of ``labels`` that never got a 2xx (nor its HANDLER_EVIDENCE answer): what it got instead.

        Link targets count only once a linked request reached them (see ``unproven``).
        """
        verdicts = {}
        unproven = set(self.unproven(labels, link_targets))
        for label in labels:
            seen = self.statuses.get(label, Counter())
            if not self.served(label) and label not in unproven:
                answers = ", ".join(f"{count} x {status}" for status, count in sorted(seen.items())) or "no requests"
                verdicts[label] = f"no request reached a success (2xx) answer ({answers})"
        return verdicts
