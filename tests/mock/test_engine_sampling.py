"""The sampling pipeline of the built-in model: penalties formula, bias, temperature, top_p."""

from __future__ import annotations

import math

import pytest

from openai_mock.sampling import SamplingParams, TokenSampler, apply_penalties, candidate_tokens, nucleus
from openai_mock.tokenizer import tokenizer_for_model

TOK = tokenizer_for_model("text-davinci-003")
PROMPT = TOK.encode("Once upon a time")


def test_penalties_follow_the_reference_formula() -> None:
    logits = {1: 2.0, 2: 1.0, 3: 0.5, 4: -1.0}
    counts = {1: 3, 2: 1, 4: 0, 99: 2}
    out = apply_penalties(logits, counts, alpha_frequency=0.5, alpha_presence=0.25)
    assert out == {1: 2.0 - 3 * 0.5 - 0.25, 2: 1.0 - 0.5 - 0.25, 3: 0.5, 4: -1.0}
    # Negative coefficients raise repeated tokens instead.
    assert apply_penalties(logits, counts, -1.0, -1.0)[1] == 2.0 + 3 + 1


def test_nucleus_keeps_smallest_set_reaching_top_p() -> None:
    probs = [(1, 0.5), (2, 0.3), (3, 0.15), (4, 0.05)]
    assert [t for t, _ in nucleus(probs, 0.1)] == [1]
    kept = nucleus(probs, 0.75)
    assert [t for t, _ in kept] == [1, 2]
    assert math.isclose(sum(p for _, p in kept), 1.0)


def _tokens(params: SamplingParams, seed: int = 7, steps: int = 30) -> list[int]:
    sampler = TokenSampler(TOK, PROMPT, params, seed)
    return [sampler.step().token for _ in range(steps)]


def test_temperature_zero_is_argmax_and_ignores_seed() -> None:
    params = SamplingParams(temperature=0)
    assert _tokens(params, seed=1) == _tokens(params, seed=2)


def test_positive_temperature_depends_on_seed_only() -> None:
    params = SamplingParams(temperature=1.0)
    assert _tokens(params, seed=1) == _tokens(params, seed=1)
    assert _tokens(params, seed=1) != _tokens(params, seed=2)


def test_candidates_are_word_tokens() -> None:
    cands = candidate_tokens(TOK)
    assert len(cands) > 200
    assert TOK.eot in cands
    words = [TOK.decode([t]) for t in cands if t != TOK.eot]
    assert sum(w.strip().isalpha() for w in words) > 200


def test_frequency_penalty_reduces_repetition() -> None:
    plain = _tokens(SamplingParams(temperature=0, logit_bias={TOK.eot: -100}), steps=120)
    penalised = _tokens(
        SamplingParams(temperature=0, frequency_penalty=2.0, presence_penalty=2.0, logit_bias={TOK.eot: -100}),
        steps=120,
    )
    assert len(set(penalised)) > len(set(plain))


def test_step_logprobs_are_a_distribution() -> None:
    sampler = TokenSampler(TOK, PROMPT, SamplingParams(temperature=0.7, logprobs=5), 3)
    step = sampler.step()
    assert 5 <= len(step.top_logprobs) <= 6 and step.top_logprobs[step.token] == step.logprob
    assert all(lp <= 0 for lp in step.top_logprobs.values())
    assert max(step.top_logprobs.values()) >= step.logprob
    assert list(step.top_logprobs.values()) == sorted(step.top_logprobs.values(), reverse=True)


@pytest.mark.parametrize("temperature", [0.0, 1.0, 2.0])
def test_bias_plus_100_forces_and_minus_100_bans(temperature: float) -> None:
    forced = TOK.encode(" banana")[0]  # not a candidate of the built-in model: the bias adds it
    assert _tokens(SamplingParams(temperature=temperature, logit_bias={forced: 100})) == [forced] * 30
    top = _tokens(SamplingParams(temperature=0))[0]
    assert top not in _tokens(SamplingParams(temperature=temperature, logit_bias={top: -100}), steps=60)


def test_sampled_token_is_always_among_top_logprobs() -> None:
    # The API reports the sampled token's logprob at every position, so up to logprobs + 1 entries.
    sampler = TokenSampler(TOK, PROMPT, SamplingParams(temperature=1.5, logprobs=2), 11)
    steps = [sampler.step() for _ in range(200)]
    outside = 0
    for step in steps:
        assert step.top_logprobs[step.token] == step.logprob
        assert 2 <= len(step.top_logprobs) <= 3
        best_two = sorted(step.top_logprobs.values(), reverse=True)[:2]
        outside += step.logprob < best_two[-1]
    assert outside > 0  # at this temperature tokens outside the best two do get sampled


def test_logprobs_zero_reports_only_the_sampled_token() -> None:
    sampler = TokenSampler(TOK, PROMPT, SamplingParams(temperature=1.0, logprobs=0), 5)
    for _ in range(20):
        step = sampler.step()
        assert step.top_logprobs == {step.token: step.logprob}
