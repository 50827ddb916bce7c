"""openai_client.ratelimit: Go-style durations, x-ratelimit-* headers, Retry-After forms."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from openai_client.ratelimit import RateLimit, parse_duration, rate_limit_of, retry_after_of

NOW = datetime(2023, 6, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1s", timedelta(seconds=1)),
        ("6m0s", timedelta(minutes=6)),
        ("20ms", timedelta(milliseconds=20)),
        ("1h2m3.5s", timedelta(hours=1, minutes=2, seconds=3.5)),
        ("0.5s", timedelta(milliseconds=500)),
        ("150us", timedelta(microseconds=150)),
        ("2", timedelta(seconds=2)),
        (" 3s ", timedelta(seconds=3)),
    ],
)
def test_parse_duration(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "s", "1x", "1s2", "m1s", "1 s", "abc"])
def test_parse_duration_rejects_nonsense(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_rate_limit_of_reads_all_six_headers() -> None:
    response = httpx.Response(
        200,
        headers={
            "x-ratelimit-limit-requests": "3500",
            "x-ratelimit-limit-tokens": "90000",
            "x-ratelimit-remaining-requests": "3499",
            "x-ratelimit-remaining-tokens": "89950",
            "x-ratelimit-reset-requests": "17ms",
            "x-ratelimit-reset-tokens": "1h2m3.5s",
        },
    )
    assert rate_limit_of(response) == RateLimit(
        limit_requests=3500,
        limit_tokens=90000,
        remaining_requests=3499,
        remaining_tokens=89950,
        reset_requests=timedelta(milliseconds=17),
        reset_tokens=timedelta(hours=1, minutes=2, seconds=3.5),
    )


def test_missing_or_malformed_headers_become_none() -> None:
    limits = rate_limit_of({"X-RateLimit-Limit-Requests": "lots", "x-ratelimit-reset-tokens": "soon"})
    assert limits == RateLimit()
    assert limits.is_empty
    assert rate_limit_of({"X-RATELIMIT-REMAINING-TOKENS": "5"}).remaining_tokens == 5


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "0.25"}, 0.25),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
        ({"retry-after-ms": "junk", "retry-after": "9"}, 9.0),
        ({"retry-after": "Thu, 01 Jun 2023 12:00:30 GMT"}, 30.0),
        ({"retry-after": "Thu, 01 Jun 2023 11:59:00 GMT"}, 0.0),
        ({"retry-after": "whenever"}, None),
        ({"retry-after": "-4"}, None),
        ({}, None),
    ],
)
def test_retry_after_forms(headers: dict[str, str], expected: float | None) -> None:
    assert retry_after_of(headers, now=lambda: NOW) == expected
