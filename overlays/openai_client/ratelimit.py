"""Reading the server's rate-limit headers.

OpenAI answers every request with `x-ratelimit-*` headers (limits, what is left, and when each
window resets, written as Go-style durations such as `6m0s` or `20ms`) and, when it throttles,
`Retry-After` (seconds or an HTTP date, RFC 9110 section 10.2.3) and `retry-after-ms`.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta

import httpx

from ._values import FrozenValue

__all__ = ["RateLimit", "parse_duration", "rate_limit_of", "retry_after_of"]

# Go's time.Duration.String() units; "us"/"µs" appear for sub-millisecond windows.
_UNITS = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 1e-3, "us": 1e-6, "µs": 1e-6, "ns": 1e-9}
# Compiled by `re` on first use and kept in its cache: compiling at import would cost more than the rest of
# this module, and only reading a reset header needs it.
_PART = r"(\d+(?:\.\d*)?|\.\d+)(ms|us|µs|ns|h|m|s)"


def parse_duration(text: str) -> timedelta:
    """Parse a duration such as `1s`, `6m0s`, `20ms` or `1h2m3.5s` into a timedelta.

    A bare number counts as seconds. Raises ValueError naming the text when it is not a duration.
    """
    value = text.strip()
    if not value:
        raise ValueError("empty duration")
    try:
        return timedelta(seconds=float(value))
    except ValueError:
        pass
    total = 0.0
    position = 0
    for match in re.finditer(_PART, value):
        if match.start() != position:
            break
        total += float(match.group(1)) * _UNITS[match.group(2)]
        position = match.end()
    if position != len(value) or position == 0:
        raise ValueError(f"not a duration: {text!r}")
    return timedelta(seconds=total)


class RateLimit(FrozenValue):
    """The `x-ratelimit-*` headers of one response; a field is None when its header is absent or malformed."""

    _fields = (
        "limit_requests",
        "limit_tokens",
        "remaining_requests",
        "remaining_tokens",
        "reset_requests",
        "reset_tokens",
    )
    __slots__ = _fields
    limit_requests: int | None
    limit_tokens: int | None
    remaining_requests: int | None
    remaining_tokens: int | None
    reset_requests: timedelta | None
    reset_tokens: timedelta | None

    def __init__(
        self,
        limit_requests: int | None = None,
        limit_tokens: int | None = None,
        remaining_requests: int | None = None,
        remaining_tokens: int | None = None,
        reset_requests: timedelta | None = None,
        reset_tokens: timedelta | None = None,
    ) -> None:
        init = object.__setattr__
        init(self, "limit_requests", limit_requests)
        init(self, "limit_tokens", limit_tokens)
        init(self, "remaining_requests", remaining_requests)
        init(self, "remaining_tokens", remaining_tokens)
        init(self, "reset_requests", reset_requests)
        init(self, "reset_tokens", reset_tokens)

    @property
    def is_empty(self) -> bool:
        """True when the response carried none of the headers."""
        return self == RateLimit()


def _int(headers: Mapping[str, str], name: str) -> int | None:
    raw = headers.get(name)
    if raw is None:
        return None
    try:
        return int(raw.strip())
    except ValueError:
        return None


def _duration(headers: Mapping[str, str], name: str) -> timedelta | None:
    raw = headers.get(name)
    if raw is None:
        return None
    try:
        return parse_duration(raw)
    except ValueError:
        return None


def _headers_of(source: httpx.Response | httpx.Headers | Mapping[str, str]) -> Mapping[str, str]:
    if isinstance(source, httpx.Response):
        return source.headers
    if isinstance(source, httpx.Headers):
        return source
    # Header names are case-insensitive (RFC 9110 section 5.1).
    return httpx.Headers(dict(source))


def rate_limit_of(source: httpx.Response | httpx.Headers | Mapping[str, str]) -> RateLimit:
    """Collect the rate-limit headers of a response (or of its headers) into a RateLimit."""
    headers = _headers_of(source)
    return RateLimit(
        limit_requests=_int(headers, "x-ratelimit-limit-requests"),
        limit_tokens=_int(headers, "x-ratelimit-limit-tokens"),
        remaining_requests=_int(headers, "x-ratelimit-remaining-requests"),
        remaining_tokens=_int(headers, "x-ratelimit-remaining-tokens"),
        reset_requests=_duration(headers, "x-ratelimit-reset-requests"),
        reset_tokens=_duration(headers, "x-ratelimit-reset-tokens"),
    )


def _utc_now() -> datetime:
    return datetime.now(UTC)


def retry_after_of(
    source: httpx.Response | httpx.Headers | Mapping[str, str],
    now: Callable[[], datetime] = _utc_now,
) -> float | None:
    """Seconds the server asked us to wait, or None when it did not say (or said nonsense).

    `retry-after-ms` wins over `Retry-After` because it is more precise; an HTTP date is
    measured against `now()` and a date in the past means "retry now" (0.0).
    """
    headers = _headers_of(source)
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            value = float(millis.strip()) / 1000.0
        except ValueError:
            value = -1.0
        if value >= 0.0:
            return value
    raw = headers.get("retry-after")
    if raw is None:
        return None
    raw = raw.strip()
    try:
        seconds = float(raw)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(raw)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            # RFC 9110 dates are always GMT; parsedate gives a naive value for "-0000".
            when = when.replace(tzinfo=UTC)
        return max(0.0, (when - now()).total_seconds())
    return seconds if seconds >= 0.0 else None
