"""Per-key token buckets behind the ``x-ratelimit-*`` headers every response carries."""

from __future__ import annotations

import functools
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["IDLE_SECONDS", "MAX_KEYS", "Bucket", "RateLimiter", "RateState", "go_duration"]


def _trim(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def go_duration(seconds: float) -> str:
    """A duration written as Go prints one (``20ms``, ``1.5s``, ``6m0s``, ``1h0m0s``), as the API does."""
    if seconds <= 0:
        return "0s"
    if seconds < 1:
        return f"{max(1, round(seconds * 1000))}ms"
    total = round(seconds, 3)
    if total < 60:  # every header of a busy key: one format, no divisions
        return f"{_trim(total)}s"
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{_trim(secs)}s"
    if hours:
        return f"{int(hours)}h{int(minutes)}m{text}"
    return f"{int(minutes)}m{text}"


def _duration_bytes(seconds: float) -> bytes:
    """``go_duration`` as header bytes; a reset of a second or more is rendered once per millisecond value."""
    if seconds < 1:
        return go_duration(seconds).encode()
    return _rounded_duration_bytes(round(seconds, 3))  # all go_duration reads of it: the same text


# A reset is at most a minute: its text depends only on it rounded to milliseconds, at most 60,000 values.
@functools.lru_cache(maxsize=4096)
def _rounded_duration_bytes(rounded: float) -> bytes:
    return go_duration(rounded).encode()


@dataclass
class Bucket:
    """Holds up to ``limit`` units, refilled evenly over a minute."""

    limit: int
    level: float
    stamp: float

    def refill(self, now: float) -> None:
        self.level = min(float(self.limit), self.level + (now - self.stamp) * self.limit / 60.0)
        self.stamp = now

    def reset_seconds(self) -> float:
        return (self.limit - self.level) * 60.0 / self.limit if self.limit else 0.0


class RateState(NamedTuple):
    """A key's budget after one ``take``; ``headers`` and ``header_pairs`` render it when asked."""

    allowed: bool
    retry_after: float
    limits: tuple[tuple[bytes, bytes], tuple[bytes, bytes]]
    remaining_requests: int
    remaining_tokens: int
    reset_requests: float
    reset_tokens: float

    def header_pairs(self) -> list[tuple[bytes, bytes]]:
        """The ``x-ratelimit-*`` headers as ASGI header pairs."""
        return [
            *self.limits,
            (b"x-ratelimit-remaining-requests", b"%d" % self.remaining_requests),
            (b"x-ratelimit-remaining-tokens", b"%d" % self.remaining_tokens),
            (b"x-ratelimit-reset-requests", _duration_bytes(self.reset_requests)),
            (b"x-ratelimit-reset-tokens", _duration_bytes(self.reset_tokens)),
        ]

    @property
    def headers(self) -> dict[str, str]:
        return {name.decode(): value.decode() for name, value in self.header_pairs()}


# A bucket refills completely within a minute: a key idle that long is as good as new, and is forgotten.
IDLE_SECONDS = 60.0
MAX_KEYS = 10_000


class RateLimiter:
    """Requests and tokens per minute for each API key (in memory; forgotten on restart).

    State is kept for the keys seen in the last minute, at most ``max_keys`` of them: past that,
    the least recently used key is forgotten (it starts again with a full budget), so a flood of
    distinct keys cannot grow the memory.
    """

    def __init__(
        self,
        requests_per_minute: int,
        tokens_per_minute: int,
        *,
        enforce: bool = False,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = MAX_KEYS,
    ) -> None:
        self.rpm, self.tpm, self.enforce = requests_per_minute, tokens_per_minute, enforce
        self._clock = clock
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[Bucket, Bucket]] = OrderedDict()  # least recently used first
        self._lock = threading.Lock()
        self._limits = (
            (b"x-ratelimit-limit-requests", b"%d" % self.rpm),
            (b"x-ratelimit-limit-tokens", b"%d" % self.tpm),
        )

    def __len__(self) -> int:
        return len(self._buckets)

    def _forget(self, now: float) -> None:
        while self._buckets:
            requests, _ = next(iter(self._buckets.values()))
            if len(self._buckets) <= self.max_keys and now - requests.stamp < IDLE_SECONDS:
                return
            self._buckets.popitem(last=False)

    def take(self, key: str, tokens: int) -> RateState:
        """Spend one request and ``tokens`` tokens of ``key``'s budget (refused when short and enforcing)."""
        now = self._clock()
        with self._lock:
            pair = self._buckets.get(key)
            if pair is None:
                pair = self._buckets[key] = (
                    Bucket(self.rpm, float(self.rpm), now),
                    Bucket(self.tpm, float(self.tpm), now),
                )
            else:
                self._buckets.move_to_end(key)  # now the most recently used
            requests, budget = pair
            requests.refill(now)
            budget.refill(now)
            cost = min(tokens, self.tpm)
            short = requests.level < 1 or budget.level < cost
            allowed = not (self.enforce and short)
            wait = 0.0
            if allowed:
                requests.level = max(0.0, requests.level - 1)
                budget.level = max(0.0, budget.level - cost)
            else:
                wait = max(
                    (1 - requests.level) * 60.0 / max(self.rpm, 1), (cost - budget.level) * 60.0 / max(self.tpm, 1)
                )
            if len(self._buckets) > self.max_keys or now - next(iter(self._buckets.values()))[0].stamp >= IDLE_SECONDS:
                self._forget(now)
            state = RateState(
                allowed,
                wait,
                self._limits,
                math.floor(requests.level),
                math.floor(budget.level),
                requests.reset_seconds(),
                budget.reset_seconds(),
            )
        return state
