"""Embeddings make similarity tests meaningful: shared words score high, unrelated texts near zero."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pytest

from openai_mock.engines.embeddings import embed

MODEL = "text-embedding-ada-002"
SHARING_WORDS = [
    ("the cat sat on the mat", "a cat sat on a mat"),
    ("I love my cat", "my cat loves me"),
    ("Cats are great", "cat"),
    ("invoice overdue payment", "payment for the overdue invoice"),
]
UNRELATED = [
    ("cat", "kitten on rug"),
    ("cat", "quantum physics lecture"),
    ("the cat", "the dog"),
    ("invoice overdue payment", "sunny beach holiday"),
]


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    return math.fsum(x * y for x, y in zip(a, b, strict=True))


def _pair(a: str, b: str) -> float:
    first, second = embed(MODEL, [a, b]).vectors
    return _cosine(first, second)


@pytest.mark.parametrize(("a", "b"), SHARING_WORDS)
def test_texts_sharing_words_score_above_one_half(a: str, b: str) -> None:
    assert _pair(a, b) > 0.5


@pytest.mark.parametrize(("a", "b"), UNRELATED)
def test_texts_without_shared_content_words_score_below_one_fifth(a: str, b: str) -> None:
    assert abs(_pair(a, b)) < 0.2


def test_more_shared_words_score_higher() -> None:
    query = "refund my broken phone"
    close, far = _pair(query, "please refund the broken phone"), _pair(query, "my phone works")
    assert close > far > _pair(query, "weather forecast tomorrow")


def test_vectors_are_deterministic_unit_and_distinct_for_reordered_words() -> None:
    first = embed(MODEL, "dog bites man").vectors[0]
    assert embed(MODEL, "dog bites man").vectors[0] == first
    assert math.isclose(math.sqrt(_cosine(first, first)), 1.0, abs_tol=1e-6)
    reordered = embed(MODEL, "man bites dog").vectors[0]
    assert reordered != first and _cosine(first, reordered) > 0.9


def test_text_and_its_tokens_embed_alike() -> None:
    from openai_mock.engines.tokenizer import tokenizer_for_model

    tokens = tokenizer_for_model(MODEL).encode("tokens and text agree")
    assert embed(MODEL, [tokens]).vectors[0] == embed(MODEL, "tokens and text agree").vectors[0]
