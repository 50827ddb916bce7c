"""Per-key token buckets behind the ``x-ratelimit-*`` headers every response carries."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import NamedTuple

__all__ = ["IDLE_SECONDS", "MAX_KEYS", "RateLimiter", "RateState", "go_duration"]

HeaderPairs = tuple[tuple[bytes, bytes], ...]


def _trim(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def go_duration(seconds: float) -> str:
    """A duration written as Go prints one (``20ms``, ``1.5s``, ``6m0s``, ``1h0m0s``), as the API does."""
    if seconds <= 0:
        return "0s"
    if seconds < 1:
        return f"{max(1, round(seconds * 1000))}ms"
    total = round(seconds, 3)
    if total < 60:
        return f"{_trim(total)}s"
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{_trim(secs)}s"
    if hours:
        return f"{int(hours)}h{int(minutes)}m{text}"
    return f"{int(minutes)}m{text}"


def _milliseconds_text(ms: int) -> bytes:
    """``go_duration`` of ``ms`` milliseconds, as header bytes."""
    return go_duration(ms / 1000).encode() if ms >= 1000 else b"%dms" % ms if ms else b"0s"


class RateState(NamedTuple):
    """A key's budget after one ``take``: whether it allowed the request, and its headers as ASGI pairs."""

    allowed: bool
    retry_after: float
    header_pairs: HeaderPairs

    @property
    def headers(self) -> dict[str, str]:
        return {name.decode(): value.decode() for name, value in self.header_pairs}


# A bucket refills completely within a minute: a key idle that long is as good as new, and is forgotten.
IDLE_SECONDS = 60.0
MAX_KEYS = 10_000
# Budgets are integers in units of a nanominute of refill, so that a refill is exact: a bucket of
# `limit` a minute holding `n` units holds `n * _MINUTE_NS`, and `elapsed_ns * limit` flows in.
_MINUTE_NS = 60_000_000_000
_IDLE_NS = int(IDLE_SECONDS * 1e9)
_MS_NS = 1_000_000
# Idle keys are looked for at most this often: a key kept past its minute is as good as new anyway.
_SWEEP_NS = 1_000_000_000
# The headers of a busy key repeat (its remaining counts pinned, its resets near a minute): kept rendered.
_KEPT_HEADER_SETS = 4096


class RateLimiter:
    """Requests and tokens per minute for each API key (in memory; forgotten on restart).

    State is kept for the keys seen in the last minute, at most ``max_keys`` of them: past that,
    the least recently used key is forgotten (it starts again with a full budget), so a flood of
    distinct keys cannot grow the memory. ``clock`` reads nanoseconds.
    """

    def __init__(
        self,
        requests_per_minute: int,
        tokens_per_minute: int,
        *,
        enforce: bool = False,
        clock: Callable[[], int] = time.monotonic_ns,
        max_keys: int = MAX_KEYS,
    ) -> None:
        self.rpm, self.tpm, self.enforce = requests_per_minute, tokens_per_minute, enforce
        self._clock = clock
        self.max_keys = max_keys
        # Per key, least recently used first: [last seen (ns), requests held, tokens held] in nanominute units.
        self._keys: OrderedDict[str, list[int]] = OrderedDict()
        self._lock = threading.Lock()
        self._full_requests, self._full_tokens = self.rpm * _MINUTE_NS, self.tpm * _MINUTE_NS
        # What a millisecond of refill brings, the divisor turning a shortfall into a reset time.
        self._requests_ms, self._tokens_ms = max(self.rpm, 1) * _MS_NS, max(self.tpm, 1) * _MS_NS
        self._allowed: dict[tuple[int, int, int, int], RateState] = {}  # by what its headers show
        self._next_sweep = 0

    def __len__(self) -> int:
        return len(self._keys)

    def _forget(self, now: int) -> None:
        while self._keys:
            oldest = next(iter(self._keys.values()))
            if len(self._keys) <= self.max_keys and now - oldest[0] < _IDLE_NS:
                return
            self._keys.popitem(last=False)

    def take(self, key: str, tokens: int) -> RateState:
        """Spend one request and ``tokens`` tokens of ``key``'s budget (refused when short and enforcing)."""
        now = self._clock()
        full_requests, full_tokens = self._full_requests, self._full_tokens
        cost = (tokens if tokens < self.tpm else self.tpm) * _MINUTE_NS
        with self._lock:
            held = self._keys.get(key)
            if held is None:
                held = self._keys[key] = [now, full_requests, full_tokens]
                requests, budget = full_requests, full_tokens
            else:
                self._keys.move_to_end(key)  # now the most recently used
                elapsed = now - held[0]
                held[0] = now
                requests = held[1] + elapsed * self.rpm
                requests = requests if requests < full_requests else full_requests
                budget = held[2] + elapsed * self.tpm
                budget = budget if budget < full_tokens else full_tokens
            refused = self.enforce and (requests < _MINUTE_NS or budget < cost)
            if not refused:
                requests = requests - _MINUTE_NS if requests > _MINUTE_NS else 0
                budget = budget - cost if budget > cost else 0
            held[1], held[2] = requests, budget
            if now >= self._next_sweep or len(self._keys) > self.max_keys:
                self._forget(now)
                self._next_sweep = now + _SWEEP_NS
        # The time to refill completely, rounded to milliseconds; a bucket short by less than that shows 1ms.
        short_requests, short_tokens = full_requests - requests, full_tokens - budget
        per_ms = self._requests_ms
        reset_requests = (short_requests + per_ms // 2) // per_ms or (1 if short_requests else 0)
        per_ms = self._tokens_ms
        reset_tokens = (short_tokens + per_ms // 2) // per_ms or (1 if short_tokens else 0)
        shown = (requests // _MINUTE_NS, budget // _MINUTE_NS, reset_requests, reset_tokens)
        allowed = self._allowed.get(shown) or self._render(shown)
        if not refused:
            return allowed
        wait = max((_MINUTE_NS - requests) / max(self.rpm, 1), (cost - budget) / max(self.tpm, 1)) / 1e9
        return RateState(False, wait, allowed.header_pairs)

    def _render(self, shown: tuple[int, int, int, int]) -> RateState:
        """The state of an allowed request showing ``shown`` (remaining requests and tokens, resets in ms)."""
        if len(self._allowed) >= _KEPT_HEADER_SETS:
            self._allowed.clear()
        requests, tokens, reset_requests, reset_tokens = shown
        pairs = (
            (b"x-ratelimit-limit-requests", b"%d" % self.rpm),
            (b"x-ratelimit-limit-tokens", b"%d" % self.tpm),
            (b"x-ratelimit-remaining-requests", b"%d" % requests),
            (b"x-ratelimit-remaining-tokens", b"%d" % tokens),
            (b"x-ratelimit-reset-requests", _milliseconds_text(reset_requests)),
            (b"x-ratelimit-reset-tokens", _milliseconds_text(reset_tokens)),
        )
        state = self._allowed[shown] = RateState(True, 0.0, pairs)
        return state
