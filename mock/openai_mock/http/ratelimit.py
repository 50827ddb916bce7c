"""Per-key token buckets behind the ``x-ratelimit-*`` headers every response carries."""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

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
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{_trim(secs)}s"
    if hours:
        return f"{int(hours)}h{int(minutes)}m{text}"
    if minutes:
        return f"{int(minutes)}m{text}"
    return text


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


@dataclass(frozen=True)
class RateState:
    allowed: bool
    retry_after: float
    headers: dict[str, str]


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
        self._limits = {"x-ratelimit-limit-requests": str(self.rpm), "x-ratelimit-limit-tokens": str(self.tpm)}

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
            pair = self._buckets.pop(key, None)
            if pair is None:
                pair = (Bucket(self.rpm, float(self.rpm), now), Bucket(self.tpm, float(self.tpm), now))
            self._buckets[key] = pair  # now the most recently used
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
            self._forget(now)
            headers = {
                **self._limits,
                "x-ratelimit-remaining-requests": str(math.floor(requests.level)),
                "x-ratelimit-remaining-tokens": str(math.floor(budget.level)),
                "x-ratelimit-reset-requests": go_duration(requests.reset_seconds()),
                "x-ratelimit-reset-tokens": go_duration(budget.reset_seconds()),
            }
        return RateState(allowed, wait, headers)
