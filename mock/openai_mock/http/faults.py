"""Injected failures: the ``x-mock-fault`` request header, Prism's ``Prefer: code=N`` and ``--fault-rate``.

``x-mock-fault`` holds ``key=value`` pairs separated by ``;``:

* ``status=429`` (any 400-599) answers that status with an OpenAI-style error body;
  ``retry-after=2`` (seconds) or ``retry-after-ms=150`` set the retry headers (429 and 503
  carry ``Retry-After: 1`` by default);
* ``delay=250`` waits that many milliseconds before answering;
* ``stream=error`` sends an ``error`` event in the middle of a stream, ``stream=cut`` ends the
  stream before ``data: [DONE]``, ``stream=slow; interval=100`` spaces the chunks 100 ms apart.
"""

from __future__ import annotations

import math
import random
import threading
from dataclasses import dataclass

from ..errors import InvalidRequestError
from .responses import error_body

__all__ = ["Fault", "FaultDice", "fault_error", "parse_fault"]

_STREAM_MODES = ("error", "cut", "slow")


@dataclass(frozen=True)
class Fault:
    status: int | None = None
    retry_after: float | None = None
    retry_after_ms: int | None = None
    delay_ms: float = 0.0
    stream: str | None = None
    interval_ms: float = 100.0


def _number(key: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise InvalidRequestError(f"Invalid x-mock-fault header: {key} must be a non-negative number, got {text!r}.")
    return value


def parse_fault(header: str | None, prefer: str | None = None) -> Fault | None:
    """The fault a request asks for, or ``None``; a malformed header is a 400."""
    if header is None and prefer is None:
        return None
    pairs: dict[str, str] = {}
    for part in (header or "").split(";"):
        if part.strip():
            key, sep, value = part.partition("=")
            if not sep:
                raise InvalidRequestError(f"Invalid x-mock-fault header: expected key=value, got {part.strip()!r}.")
            pairs[key.strip().lower()] = value.strip()
    for part in (prefer or "").split(","):
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "code" and "status" not in pairs:
            pairs["status"] = value.strip()
    if not pairs:
        return None
    unknown = sorted(set(pairs) - {"status", "retry-after", "retry-after-ms", "delay", "stream", "interval"})
    if unknown:
        raise InvalidRequestError(f"Invalid x-mock-fault header: unknown key {unknown[0]!r}.")
    status = None
    if "status" in pairs:
        status = int(_number("status", pairs["status"]))
        if not 400 <= status <= 599:
            raise InvalidRequestError(f"Invalid x-mock-fault header: status must be 400-599, got {status}.")
    stream = pairs.get("stream")
    if stream is not None and stream not in _STREAM_MODES:
        raise InvalidRequestError(f"Invalid x-mock-fault header: stream must be one of {list(_STREAM_MODES)}.")
    return Fault(
        status=status,
        retry_after=_number("retry-after", pairs["retry-after"]) if "retry-after" in pairs else None,
        retry_after_ms=int(_number("retry-after-ms", pairs["retry-after-ms"])) if "retry-after-ms" in pairs else None,
        delay_ms=_number("delay", pairs.get("delay", "0")),
        stream=stream,
        interval_ms=_number("interval", pairs.get("interval", "100")),
    )


class FaultDice:
    """Decides which requests fail under ``--fault-rate``: the same seed fails the same requests."""

    def __init__(self, rate: float, seed: int) -> None:
        self.rate = rate
        self._rng = random.Random(seed)
        self._lock = threading.Lock()

    def roll(self) -> Fault | None:
        if self.rate <= 0:
            return None
        with self._lock:
            hit, pick = self._rng.random() < self.rate, self._rng.randrange(3)
        return Fault(status=(429, 500, 503)[pick]) if hit else None


def fault_error(fault: Fault) -> tuple[int, dict[str, object], dict[str, str]]:
    """Status, body and headers of an injected error."""
    status = fault.status or 500
    headers: dict[str, str] = {}
    if fault.retry_after_ms is not None:
        headers["retry-after-ms"] = str(fault.retry_after_ms)
        headers["retry-after"] = str(math.ceil(fault.retry_after_ms / 1000))
    elif fault.retry_after is not None:
        headers["retry-after"] = str(math.ceil(fault.retry_after))
    elif status in (429, 503):
        headers["retry-after"] = "1"
    wait = headers.get("retry-after", "1")
    if status == 429:
        body = error_body(
            f"Rate limit reached for requests. Please retry after {wait}s.", "requests", None, "rate_limit_exceeded"
        )
    elif status == 503:
        body = error_body(
            "That model is currently overloaded with other requests. You can retry your request.", "server_error"
        )
    elif status >= 500:
        body = error_body("The server had an error while processing your request. Sorry about that!", "server_error")
    else:
        body = error_body(f"Injected fault: status {status}.", "invalid_request_error")
    return status, body, headers
