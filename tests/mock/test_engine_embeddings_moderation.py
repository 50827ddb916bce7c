"""Embeddings (dimensions, unit norm, similarity, base64) and moderation."""

from __future__ import annotations

import math

import pytest

from openai_mock.engines.embeddings import decode_base64, embed, encode_vector
from openai_mock.engines.moderation import CATEGORIES, moderate, moderation_id, resolve_model
from openai_mock.engines.tokenizer import tokenizer_for_model
from openai_mock.errors import ContextLengthError, InvalidRequestError

ADA = "text-embedding-ada-002"


def _dot(a: list[float], b: list[float]) -> float:
    return math.fsum(x * y for x, y in zip(a, b, strict=True))


def test_dimensions_and_unit_norm() -> None:
    r = embed(ADA, "The food was delicious and the waiter...")
    assert len(r.vectors) == 1 and len(r.vectors[0]) == 1536
    assert math.isclose(_dot(r.vectors[0], r.vectors[0]), 1.0, rel_tol=1e-6)
    assert r.prompt_tokens == tokenizer_for_model(ADA).count("The food was delicious and the waiter...")
    assert len(embed("text-similarity-curie-001", "hi").vectors[0]) == 4096


def test_similar_texts_are_closer() -> None:
    a, b, c = embed(ADA, ["The cat sat on the mat", "A cat sat on a mat", "Quarterly revenue grew by 4%"]).vectors
    assert _dot(a, b) > _dot(a, c) + 0.3
    assert embed(ADA, "The cat sat on the mat").vectors[0] == a  # deterministic


def test_input_forms() -> None:
    tok = tokenizer_for_model(ADA)
    ids = tok.encode("hello world")
    by_text = embed(ADA, ["hello world", "bye"])
    assert embed(ADA, ids).vectors[0] == by_text.vectors[0]
    assert embed(ADA, [ids, tok.encode("bye")]).vectors == by_text.vectors
    assert by_text.prompt_tokens == len(ids) + tok.count("bye")
    bad_inputs: list[object] = [[], [""], [[]], [1.5], [["a"]]]
    for bad in bad_inputs:
        with pytest.raises(InvalidRequestError) as err:
            embed(ADA, bad)  # type: ignore[arg-type]
        assert err.value.param == "input"
    with pytest.raises(ContextLengthError):
        embed(ADA, "word " * 9000)


def test_base64_round_trip_is_exact() -> None:
    r = embed(ADA, "round trip")
    data = r.data("base64")
    encoded = data[0]["embedding"]
    assert isinstance(encoded, str)
    assert decode_base64(encoded) == r.vectors[0]
    assert r.data("float")[0] == {"object": "embedding", "embedding": r.vectors[0], "index": 0}
    with pytest.raises(InvalidRequestError) as err:
        encode_vector([0.5], "hex")
    assert err.value.param == "encoding_format"


def test_moderation_docs_example_is_flagged_for_violence() -> None:
    (result,) = moderate("I want to kill them.")
    assert result.flagged and result.categories["violence"]
    assert result.category_scores["violence"] > 0.9
    d = result.to_dict()
    assert set(d["categories"]) == set(CATEGORIES) == set(d["category_scores"])


def test_moderation_benign_and_lists() -> None:
    benign, harm = moderate(["I love my cat", "I want to hurt myself"])
    assert not benign.flagged and not any(benign.categories.values())
    assert all(0.0 <= s < 0.5 for s in benign.category_scores.values())
    assert harm.categories["self-harm"]
    assert moderate("I love my cat")[0] == benign
    assert resolve_model("text-moderation-latest") == resolve_model(None) == "text-moderation-001"
    assert moderation_id(["a"]).startswith("modr-") and moderation_id(["a"]) == moderation_id(["a"])
    with pytest.raises(InvalidRequestError):
        moderate([])


def test_a_batch_at_the_apis_limit_of_one_repeated_text_matches_the_single_embedding() -> None:
    one = embed(ADA, "hello world")
    batch = embed(ADA, ["hello world"] * 2048)
    assert len(batch.vectors) == 2048 and all(vector == one.vectors[0] for vector in batch.vectors)
    assert batch.prompt_tokens == 2048 * one.prompt_tokens
