"""Candidates sampled side by side draw exactly what each draws alone, and a request answers the same."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from openai_mock.engines import textgen
from openai_mock.engines.lockstep import Drawn, draw_in_lockstep
from openai_mock.engines.sampling import SamplingParams, TokenSampler
from openai_mock.engines.textgen import CompletionResult, complete
from openai_mock.engines.tokenizer import tokenizer_for_model

MODEL = "text-davinci-003"
TOK = tokenizer_for_model(MODEL)
PROMPT = TOK.encode("Tell me about the sea.")
FULL_PATH_PARAMS = [
    # Negative penalties: long answers, and most lanes' weights underflow to zero.
    SamplingParams(frequency_penalty=-2, presence_penalty=-2),
    SamplingParams(temperature=0.7, frequency_penalty=1.5),
    SamplingParams(temperature=0, presence_penalty=0.5),
    SamplingParams(temperature=1.3, top_p=0.5),
    SamplingParams(top_p=0.3, frequency_penalty=-2, presence_penalty=-1),
    SamplingParams(top_p=0.999, frequency_penalty=-0.5),
    SamplingParams(top_p=0.0),
    # A token beyond the model's own lanes, and a bias on the end of text.
    SamplingParams(top_p=0.9, logit_bias={1000: 4.0, TOK.eot: -5.0}, frequency_penalty=0.3),
    SamplingParams(logit_bias={1000: 100.0, 2000: 100.0}),
    SamplingParams(temperature=0, logit_bias={1000: 7.0}),
    SamplingParams(temperature=2, logit_bias={TOK.eot: -100.0, 13: 2.0}, presence_penalty=2),
]


def _one_by_one(params: SamplingParams, seed: int, limit: int, scored: bool) -> Drawn:
    sampler = TokenSampler(TOK, PROMPT, params, seed, scored=scored)
    drawn = Drawn([], [], False)
    for _ in range(limit):
        step = sampler.step()
        if step.token == TOK.eot:
            return drawn._replace(ended=True)
        drawn.tokens.append(step.token)
        drawn.logprobs.append(step.logprob)
    return drawn


def _same_floats(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(x == y or (math.isnan(x) and math.isnan(y)) for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("scored", [False, True])
@pytest.mark.parametrize("params", FULL_PATH_PARAMS, ids=repr)
def test_side_by_side_draws_are_each_candidates_own(params: SamplingParams, scored: bool) -> None:
    seeds = list(range(100, 124))
    together = draw_in_lockstep(TOK, PROMPT, params, seeds, 250, scored=scored)
    for seed, drawn in zip(seeds, together, strict=True):
        alone = _one_by_one(params, seed, 250, scored)
        assert drawn.tokens == alone.tokens, seed
        assert drawn.ended == alone.ended, seed
        assert _same_floats(drawn.logprobs, alone.logprobs), seed
    # The cases reach both ends: some candidates end, and some run to the limit.
    assert any(d.ended for d in together) or all(len(d.tokens) == 250 for d in together)


def test_only_the_full_path_without_logprobs_is_drawn_side_by_side() -> None:
    with pytest.raises(ValueError):
        draw_in_lockstep(TOK, PROMPT, SamplingParams(), [1, 2], 10, scored=False)
    with pytest.raises(ValueError):
        draw_in_lockstep(TOK, PROMPT, SamplingParams(top_p=0.5, logprobs=2), [1, 2], 10, scored=False)


SEA = "Tell me about the sea."
REQUESTS: dict[str, Callable[[], CompletionResult]] = {
    "penalties": lambda: complete(MODEL, SEA, n=6, max_tokens=120, frequency_penalty=-1.5, presence_penalty=-1.0),
    "top_p, stop, echo, suffix": lambda: complete(
        MODEL, SEA, n=4, max_tokens=60, top_p=0.4, stop=[".", " the"], echo=True, suffix="!"
    ),
    "best_of": lambda: complete(MODEL, SEA, n=2, best_of=5, max_tokens=40, presence_penalty=1.2),
    "greedy, bias": lambda: complete(
        MODEL, SEA, n=3, max_tokens=50, temperature=0, frequency_penalty=0.8, logit_bias={"1000": 5}
    ),
    "two prompts": lambda: complete(MODEL, ["one", "two two"], n=3, max_tokens=30, top_p=0.8),
}


@pytest.mark.parametrize("request_", REQUESTS.values(), ids=REQUESTS.keys())
def test_a_request_answers_the_same_sampled_side_by_side(
    request_: Callable[[], CompletionResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    side_by_side = textgen._drawn_together
    sampled_together = []

    def spy(jobs: Sequence[Any], ranked: bool) -> Sequence[Drawn | None]:
        drawn = side_by_side(jobs, ranked)
        sampled_together.append(all(d is not None for d in drawn))
        return drawn

    monkeypatch.setattr(textgen, "_drawn_together", spy)
    together = request_()
    assert sampled_together and all(sampled_together)
    monkeypatch.setattr(textgen, "_drawn_together", lambda jobs, ranked: [None] * len(jobs))
    alone = request_()
    assert together == alone
    assert together.usage.completion_tokens > 0
