"""openai_client._values: the hand-written frozen value classes behave as the attrs classes they replace."""

from __future__ import annotations

import copy
import pickle
from datetime import timedelta

import httpx
import pytest
from attrs.exceptions import FrozenInstanceError

from openai_client._facade_runtime import Operation
from openai_client.exceptions import ConfigurationError
from openai_client.ratelimit import RateLimit
from openai_client.retries import DEFAULT_RETRY_STATUSES, RetryEvent, RetryPolicy


def test_equal_values_are_equal_and_hash_alike() -> None:
    assert RateLimit(limit_requests=3) == RateLimit(limit_requests=3)
    assert RateLimit(limit_requests=3) != RateLimit(limit_requests=4)
    assert hash(RateLimit(limit_requests=3)) == hash(RateLimit(limit_requests=3))
    assert len({Operation("GET", "/models"), Operation("GET", "/models"), Operation("POST", "/models")}) == 2


def test_other_classes_are_never_equal() -> None:
    assert RateLimit() != (None,) * 6
    assert Operation("GET", "/models") != RateLimit()
    assert (RateLimit() == object()) is False


def test_repr_lists_the_fields_in_order() -> None:
    limit = RateLimit(limit_requests=3, reset_tokens=timedelta(seconds=1))
    assert repr(limit) == (
        "RateLimit(limit_requests=3, limit_tokens=None, remaining_requests=None, remaining_tokens=None, "
        "reset_requests=None, reset_tokens=datetime.timedelta(seconds=1))"
    )
    operation = Operation("GET", "/models")
    assert repr(operation) == "Operation(method='GET', path='/models', files=frozenset(), multipart=False)"


def test_fields_cannot_be_set_or_deleted() -> None:
    policy = RetryPolicy()
    with pytest.raises(FrozenInstanceError):
        policy.max_retries = 5  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del policy.max_retries  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        policy.unknown = 1  # type: ignore[attr-defined]
    assert policy.max_retries == 2
    assert not hasattr(policy, "__dict__")


def test_replace_copies_and_checks_again() -> None:
    policy = RetryPolicy(backoff_base=0.25, retry_statuses={429})
    changed = policy._replace(max_retries=5)
    assert (changed.max_retries, changed.backoff_base, changed.retry_statuses) == (5, 0.25, frozenset({429}))
    assert policy.max_retries == 2
    with pytest.raises(ConfigurationError, match=r"RetryPolicy\.max_retries must be >= 0"):
        policy._replace(max_retries=-1)


def test_policy_defaults_and_conversion() -> None:
    policy = RetryPolicy(retry_statuses=[500, 502])
    assert policy.retry_statuses == frozenset({500, 502}) and isinstance(policy.retry_statuses, frozenset)
    assert RetryPolicy().retry_statuses == DEFAULT_RETRY_STATUSES
    with pytest.raises(ConfigurationError, match=r"RetryPolicy\.backoff_cap must be >= 0, got -1\.0"):
        RetryPolicy(backoff_cap=-1.0)


def test_pickle_and_copy_round_trip() -> None:
    limit = RateLimit(remaining_tokens=10, reset_requests=timedelta(milliseconds=20))
    assert pickle.loads(pickle.dumps(limit)) == limit
    assert copy.copy(limit) == limit and copy.deepcopy(limit) == limit
    event = RetryEvent(1, 0.5, httpx.Request("GET", "https://example.test/"))
    assert copy.copy(event).request is event.request
