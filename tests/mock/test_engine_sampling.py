"""The sampling pipeline of the built-in model: penalties formula, bias, temperature, top_p."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

from openai_mock.engines.sampling import (
    SamplingParams,
    TokenSampler,
    apply_penalties,
    candidate_tokens,
    nucleus,
)
from openai_mock.engines.tokenizer import tokenizer_for_model
from openai_mock.engines.wordmodel import word_model

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


# The sampler has two ways to a token (the model's precomputed table, or the whole logit vector when
# top_p, logprobs, penalties or a bias on an ordinary word ask for it). Both must draw from the softmax
# of the model's logits: these tests count first tokens over many seeds (fixed seeds: deterministic).
MODEL = word_model(TOK)
THE = TOK.encode(" the")[0]  # one of the model's own words: a bias of 0 changes nothing but the path


def _first_step_logits() -> np.ndarray:
    salt = hash(tuple(PROMPT))  # as the sampler salts the model with its prompt
    return MODEL.logits(MODEL.own, salt, PROMPT[-3:], 0, 0, False)


def _first_tokens(params: SamplingParams, seeds: int = 4000) -> Counter[int]:
    return Counter(TokenSampler(TOK, PROMPT, params, seed, scored=False).step().token for seed in range(seeds))


def _softmax(x: np.ndarray, temperature: float) -> dict[int, float]:
    z = np.exp((x - x.max()) / temperature)
    return {int(t): float(p) for t, p in zip(MODEL.own.ids, z / z.sum(), strict=True)}


@pytest.mark.parametrize("temperature", [1.0, 0.5])
@pytest.mark.parametrize("full_vector", [False, True])
def test_both_paths_sample_the_softmax_of_the_logits(temperature: float, full_vector: bool) -> None:
    params = SamplingParams(temperature=temperature, logit_bias={THE: 0.0} if full_vector else {})
    seeds = 4000
    counts = _first_tokens(params, seeds)
    expected = _softmax(_first_step_logits(), temperature)
    assert set(counts) <= {t for t, p in expected.items() if p > 0}
    for token, p in sorted(expected.items(), key=lambda kv: -kv[1])[:10]:
        sigma = math.sqrt(p * (1 - p) / seeds)
        assert abs(counts[token] / seeds - p) < 5 * sigma + 1e-3, (token, counts[token] / seeds, p)


def test_temperature_sharpens_and_flattens_the_choice() -> None:
    best = max(_softmax(_first_step_logits(), 1.0).items(), key=lambda kv: kv[1])[0]
    cold, warm, hot = (_first_tokens(SamplingParams(temperature=t), 2000) for t in (0.2, 1.0, 2.0))
    assert cold[best] > warm[best] > hot[best]
    assert len(cold) < len(warm) < len(hot)


def test_top_p_keeps_only_the_nucleus() -> None:
    probs = _softmax(_first_step_logits(), 1.0)
    ranked = sorted(probs.items(), key=lambda kv: -kv[1])
    mass, nucleus_tokens = 0.0, set()
    for token, p in ranked:
        nucleus_tokens.add(token)
        mass += p
        if mass >= 0.05:
            break
    counts = _first_tokens(SamplingParams(top_p=0.05), 1000)
    assert set(counts) == nucleus_tokens
    assert len(_first_tokens(SamplingParams(top_p=1.0), 1000)) > 10 * len(nucleus_tokens)


def test_bias_on_the_end_of_text_and_the_period_is_honoured_on_the_table_path() -> None:
    eot_banned = TokenSampler(TOK, PROMPT, SamplingParams(logit_bias={TOK.eot: -100}), 3, scored=False)
    assert TOK.eot not in [eot_banned.step().token for _ in range(400)]
    period = TOK.encode(".")[0]

    def periods(bias: float) -> int:
        sampler = TokenSampler(TOK, PROMPT, SamplingParams(logit_bias={period: bias, TOK.eot: -100}), 5)
        return [sampler.step().token for _ in range(400)].count(period)

    assert periods(3.0) > periods(0.0) > periods(-3.0) > 0  # shorter sentences the more the period is favoured
    assert periods(-100) == 0


@pytest.mark.parametrize("temperature", [0.0, 0.7, 1.0])
def test_table_path_logprob_is_the_log_softmax_of_the_logits(temperature: float) -> None:
    step = TokenSampler(TOK, PROMPT, SamplingParams(temperature=temperature), 11).step()
    x = _first_step_logits() / (temperature or 1.0)
    lane = MODEL.lane_of[step.token]
    assert math.isclose(step.logprob, float(x[lane] - x.max() - np.log(np.exp(x - x.max()).sum())), rel_tol=1e-9)
    # The full vector (here because of a neutral bias) reports the same number for the same token.
    full = TokenSampler(TOK, PROMPT, SamplingParams(temperature=temperature, logit_bias={THE: 0.0}), 11).step()
    if full.token == step.token:
        assert math.isclose(full.logprob, step.logprob, rel_tol=1e-9)


def test_table_path_and_full_vector_follow_the_same_rows() -> None:
    # Greedy decoding takes the best lane of each row: the two paths agree token for token only if they
    # hash the context to the same rows at every step.
    table = TokenSampler(TOK, PROMPT, SamplingParams(temperature=0, logit_bias={TOK.eot: -100}), 1)
    full = TokenSampler(TOK, PROMPT, SamplingParams(temperature=0, logit_bias={TOK.eot: -100, THE: 0.0}), 1)
    a, b = [table.step() for _ in range(60)], [full.step() for _ in range(60)]
    assert [s.token for s in a] == [s.token for s in b]
    assert len({s.token for s in a}) > 10
    assert all(math.isclose(x.logprob, y.logprob, rel_tol=1e-9) for x, y in zip(a, b, strict=True))


def test_scoring_never_changes_the_tokens_drawn_at_temperature_one() -> None:
    # Unscored, temperature 1 draws in a loop of its own that reads the seed's stream in place.
    params = SamplingParams(temperature=1.0, logit_bias={TOK.eot: -100})
    scored = TokenSampler(TOK, PROMPT, params, 21).sample(200)
    unscored = TokenSampler(TOK, PROMPT, params, 21, scored=False).sample(200)
    assert scored[0] == unscored[0] and len(set(scored[0])) > 30
    assert scored[1] < 0 and math.isnan(unscored[1])
    stepped = TokenSampler(TOK, PROMPT, params, 21, scored=False)
    assert [stepped.step().token for _ in range(200)] == scored[0]
