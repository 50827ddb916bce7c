"""The sampling pipeline of the built-in model: penalties formula, bias, temperature, top_p."""

from __future__ import annotations

import math

import numpy as np
import pytest

from openai_mock.engines.sampling import SamplingParams, TokenSampler, apply_penalties, candidate_tokens, nucleus
from openai_mock.engines.tokenizer import tokenizer_for_model

TOK = tokenizer_for_model("text-davinci-003")
PROMPT = TOK.encode("Once upon a time")


def test_penalties_follow_the_reference_formula() -> None:
    logits = np.array([2.0, 1.0, 0.5, -1.0])
    counts = np.array([3.0, 1.0, 0.0, 0.0])
    out = apply_penalties(logits, counts, alpha_frequency=0.5, alpha_presence=0.25)
    assert out.tolist() == [2.0 - 3 * 0.5 - 0.25, 1.0 - 0.5 - 0.25, 0.5, -1.0]
    # Negative coefficients raise repeated tokens instead.
    assert apply_penalties(logits, counts, -1.0, -1.0)[0] == 2.0 + 3 + 1


def test_nucleus_keeps_smallest_set_reaching_top_p() -> None:
    probs = np.array([0.15, 0.5, 0.05, 0.3])
    lanes, kept = nucleus(probs, 0.1)
    assert lanes.tolist() == [1] and kept.tolist() == [1.0]
    lanes, kept = nucleus(probs, 0.75)
    assert lanes.tolist() == [1, 3]  # best first
    assert math.isclose(kept.sum(), 1.0) and math.isclose(kept[0], 0.5 / 0.8)
    # Equal probabilities keep lane order (the more common word first); top_p 1 keeps every lane.
    lanes, _ = nucleus(np.array([0.25, 0.25, 0.25, 0.25]), 1.0)
    assert lanes.tolist() == [0, 1, 2, 3]


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


def test_greedy_decoding_skips_scoring_without_changing_the_tokens() -> None:
    params = SamplingParams(temperature=0, logit_bias={TOK.eot: -100})
    scored = TokenSampler(TOK, PROMPT, params, 1)
    unscored = TokenSampler(TOK, PROMPT, params, 1, scored=False)
    a = [scored.step() for _ in range(40)]
    b = [unscored.step() for _ in range(40)]
    assert [s.token for s in a] == [s.token for s in b]
    assert all(s.logprob <= 0 for s in a) and all(math.isnan(s.logprob) for s in b)
    # Asking for logprobs always scores.
    with_logprobs = TokenSampler(TOK, PROMPT, SamplingParams(temperature=0, logprobs=1), 1, scored=False)
    assert not math.isnan(with_logprobs.step().logprob)


def test_same_request_same_tokens_and_logprobs() -> None:
    params = SamplingParams(temperature=1.3, top_p=0.9, presence_penalty=0.5, frequency_penalty=0.5, logprobs=3)

    def run() -> list[tuple[int, float, dict[int, float]]]:
        sampler = TokenSampler(TOK, PROMPT, params, 9)
        return [(s.token, s.logprob, s.top_logprobs) for s in (sampler.step() for _ in range(50))]

    first = run()
    assert first == run()
    assert len({token for token, _, _ in first}) > 10
