"""Completion semantics: determinism, n, max_tokens, stop, echo, suffix, logprobs, best_of, prompts, streaming."""

from __future__ import annotations

import math
from typing import Any

import pytest

from openai_mock.engines.textgen import Choice, CompletionResult, complete, stream_complete
from openai_mock.engines.tokenizer import tokenizer_for_model
from openai_mock.errors import ContextLengthError, InvalidRequestError

MODEL = "text-davinci-003"
TOK = tokenizer_for_model(MODEL)
NO_EOT = {str(TOK.eot): -100}


def test_docs_example_usage() -> None:
    r = complete(MODEL, "Say this is a test", max_tokens=7, temperature=0, logit_bias=NO_EOT)
    (choice,) = r.choices
    assert choice.finish_reason == "length"
    assert r.usage.to_dict() == {"prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12}
    assert TOK.count(choice.text) == 7


def test_temperature_zero_is_deterministic_and_n_choices_equal() -> None:
    a = complete(MODEL, "Hello there", temperature=0, n=3, max_tokens=20)
    b = complete(MODEL, "Hello there", temperature=0, n=3, max_tokens=20)
    assert a == b
    assert [c.index for c in a.choices] == [0, 1, 2]
    assert len({c.text for c in a.choices}) == 1


def test_sampled_choices_differ_but_repeat_per_request() -> None:
    a = complete(MODEL, "Hello there", temperature=1.0, n=4, max_tokens=20)
    assert len({c.text for c in a.choices}) > 1
    assert a == complete(MODEL, "Hello there", temperature=1.0, n=4, max_tokens=20)
    # Choice 0 does not depend on n.
    assert complete(MODEL, "Hello there", n=1, max_tokens=20).choices[0] == a.choices[0]


@pytest.mark.parametrize("max_tokens", [1, 5, 33])
def test_max_tokens_gives_length_at_exact_count(max_tokens: int) -> None:
    r = complete(MODEL, "Tell me a story", max_tokens=max_tokens, logit_bias=NO_EOT, logprobs=0)
    choice = r.choices[0]
    assert choice.finish_reason == "length"
    assert r.usage.completion_tokens == max_tokens
    assert choice.logprobs is not None and len(choice.logprobs.tokens) == max_tokens


def test_end_of_text_finishes_with_stop() -> None:
    r = complete(MODEL, "Tell me a story", max_tokens=500, temperature=0)
    assert r.choices[0].finish_reason == "stop"
    assert r.usage.completion_tokens < 500
    assert "<|endoftext|>" not in r.choices[0].text


def test_stop_sequences_cut_before_first_occurrence() -> None:
    full = complete(MODEL, "Tell me a story", max_tokens=60, temperature=0, logit_bias=NO_EOT).choices[0].text
    words = full.split()
    target = " " + words[4]
    cut = full.index(target)
    r = complete(MODEL, "Tell me a story", max_tokens=60, temperature=0, logit_bias=NO_EOT, stop=[target, "zzz"])
    assert r.choices[0].text == full[:cut]
    assert r.choices[0].finish_reason == "stop"
    assert target not in r.choices[0].text
    with pytest.raises(InvalidRequestError) as err:
        complete(MODEL, "x", stop=["a", "b", "c", "d", "e"])
    assert err.value.param == "stop"


def test_echo_prepends_prompt_with_logprobs() -> None:
    prompt = "Say this is a test"
    r = complete(MODEL, prompt, echo=True, logprobs=2, max_tokens=4, logit_bias=NO_EOT)
    choice = r.choices[0]
    assert choice.text.startswith(prompt)
    lp = choice.logprobs
    assert lp is not None
    assert lp.tokens[:5] == ["Say", " this", " is", " a", " test"]
    assert lp.token_logprobs[0] is None and lp.top_logprobs[0] is None
    assert all(isinstance(x, float) for x in lp.token_logprobs[1:])
    # Echoed prompt tokens are reported among their position's top_logprobs too, like sampled ones.
    for token, value, top in zip(lp.tokens[1:], lp.token_logprobs[1:], lp.top_logprobs[1:], strict=True):
        assert top is not None and top[token] == value and len(top) <= 3
    assert len(lp.tokens) == 5 + 4
    assert r.usage.prompt_tokens == 5 and r.usage.completion_tokens == 4


def test_suffix_is_appended_after_generated_text() -> None:
    r = complete(MODEL, "def add(a, b):", suffix="\n    return total", max_tokens=6, logit_bias=NO_EOT, logprobs=1)
    text = r.choices[0].text
    assert text.endswith("\n    return total")
    lp = r.choices[0].logprobs
    assert lp is not None and "".join(lp.tokens) + "\n    return total" == text
    assert r.usage.completion_tokens == 6


@pytest.mark.parametrize("k", [0, 1, 5])
def test_logprobs_sizes_and_text_offsets(k: int) -> None:
    prompt = "The weather today"
    r = complete(MODEL, prompt, logprobs=k, max_tokens=12, temperature=0.8, logit_bias=NO_EOT)
    choice = r.choices[0]
    lp = choice.logprobs
    assert lp is not None
    assert len(lp.tokens) == len(lp.token_logprobs) == len(lp.top_logprobs) == len(lp.text_offset) == 12
    for token, top in zip(lp.tokens, lp.top_logprobs, strict=True):
        assert top is not None and token in top and max(k, 1) <= len(top) <= k + 1
    full = prompt + choice.text
    for token, offset in zip(lp.tokens, lp.text_offset, strict=True):
        assert full[offset : offset + len(token)] == token
    assert lp.text_offset[0] == len(prompt)
    d = choice.to_dict()
    assert set(d) == {"text", "index", "logprobs", "finish_reason"}
    assert complete(MODEL, prompt, max_tokens=3).choices[0].logprobs is None


def test_best_of_must_not_be_below_n() -> None:
    with pytest.raises(InvalidRequestError) as err:
        complete(MODEL, "x", n=3, best_of=2)
    assert err.value.param == "best_of" and err.value.status == 400
    assert isinstance(err.value, ValueError)


def test_best_of_returns_highest_mean_logprob_and_bills_all() -> None:
    kwargs = {"max_tokens": 8, "logprobs": 0, "logit_bias": NO_EOT, "temperature": 1.0}
    many = complete(MODEL, "Pick one", n=5, **kwargs)  # type: ignore[arg-type]
    best = complete(MODEL, "Pick one", n=2, best_of=5, **kwargs)  # type: ignore[arg-type]

    def mean(c: Choice) -> float:
        assert c.logprobs is not None
        vals = [v for v in c.logprobs.token_logprobs if v is not None]
        return sum(vals) / len(vals)

    expected = sorted((mean(c) for c in many.choices), reverse=True)[:2]
    assert [round(mean(c), 9) for c in best.choices] == [round(m, 9) for m in expected]
    assert [c.index for c in best.choices] == [0, 1]
    assert best.usage.completion_tokens == 5 * 8


def test_prompt_forms_and_indexes_across_prompts() -> None:
    tokens = TOK.encode("Hello world")
    r = complete(MODEL, ["Hello world", "Goodbye"], n=2, max_tokens=3)
    assert [c.index for c in r.choices] == [0, 1, 2, 3]
    assert r.usage.prompt_tokens == TOK.count("Hello world") + TOK.count("Goodbye")
    same = complete(MODEL, tokens, n=2, max_tokens=3)
    assert [c.text for c in same.choices] == [c.text for c in r.choices[:2]]
    nested = complete(MODEL, [tokens, TOK.encode("Goodbye")], n=2, max_tokens=3)
    assert [c.text for c in nested.choices] == [c.text for c in r.choices]
    with pytest.raises(InvalidRequestError) as err:
        complete(MODEL, [10**9])
    assert err.value.param == "prompt"


def _usage_ok(r: CompletionResult) -> bool:
    u = r.usage.to_dict()
    return u["prompt_tokens"] + u["completion_tokens"] == u["total_tokens"]


def test_usage_sums() -> None:
    assert _usage_ok(complete(MODEL, ["a", "b c"], n=3, best_of=4, max_tokens=9))


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"n": 3, "temperature": 1.2},
        {"stop": [" the", "."], "temperature": 0.9},
        {"echo": True, "logprobs": 3, "suffix": " END"},
        {"prompt": ["one", "two"], "n": 2, "stop": ","},
    ],
)
def test_stream_concatenates_to_full_text(kwargs: dict[str, object]) -> None:
    args = {"prompt": "Stream this please", "max_tokens": 40, **kwargs}
    full = complete(MODEL, **args)  # type: ignore[arg-type]
    texts: dict[int, str] = {}
    finishes: dict[int, str | None] = {}
    tokens: dict[int, list[str]] = {}
    for delta in stream_complete(MODEL, **args):  # type: ignore[arg-type]
        texts[delta.index] = texts.get(delta.index, "") + delta.text
        if delta.logprobs is not None:
            tokens.setdefault(delta.index, []).extend(delta.logprobs.tokens)
        if delta.finish_reason is not None:
            finishes[delta.index] = delta.finish_reason
    assert texts == {c.index: c.text for c in full.choices}
    assert finishes == {c.index: c.finish_reason for c in full.choices}
    for c in full.choices:
        if c.logprobs is not None:
            assert tokens[c.index] == c.logprobs.tokens


def test_stream_rejects_best_of_above_n_on_call() -> None:
    with pytest.raises(InvalidRequestError):
        stream_complete(MODEL, "x", n=1, best_of=2)


def test_context_length_error_wording() -> None:
    with pytest.raises(ContextLengthError) as err:
        complete(MODEL, "Say this is a test", max_tokens=4093)
    assert str(err.value) == (
        "This model's maximum context length is 4097 tokens, however you requested 4098 tokens "
        "(5 in your prompt; 4093 for the completion). Please reduce your prompt; or completion length."
    )
    assert err.value.code == "context_length_exceeded"
    complete(MODEL, "Say this is a test", max_tokens=1)


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("temperature", 2.5),
        ("top_p", -0.1),
        ("n", 0),
        ("logprobs", 6),
        ("presence_penalty", 3.0),
        ("frequency_penalty", -2.5),
    ],
)
def test_out_of_range_parameters_name_the_param(param: str, value: float) -> None:
    with pytest.raises(InvalidRequestError) as err:
        complete(MODEL, "x", **{param: value})  # type: ignore[arg-type]
    assert err.value.param == param


def test_logit_bias_validation() -> None:
    for bias, fragment in [
        ({"abc": 1}, "non-negative integers"),
        ({"99999999": 1}, "Maximum value"),
        ({"11": 150}, "between -100 and 100"),
    ]:
        with pytest.raises(InvalidRequestError, match=fragment) as err:
            complete(MODEL, "x", logit_bias=bias)
        assert err.value.param == "logit_bias"


def test_logit_bias_forces_token_through_the_engine() -> None:
    token = TOK.encode(" yes")[0]
    r = complete(MODEL, "Answer:", max_tokens=5, logit_bias={str(token): 100})
    assert r.choices[0].text == " yes" * 5


TINY_TEMPERATURE_REQUESTS: dict[str, dict[str, Any]] = {
    "plain": {},
    "logprobs and echo": {"logprobs": 5, "echo": True},
    "penalties": {"presence_penalty": -0.5},
    "several candidates side by side": {"n": 4, "logit_bias": {"11": 5}, "frequency_penalty": 0.3, "top_p": 0.4},
    "nucleus with logprobs": {"top_p": 0.4, "logprobs": 3},
}


@pytest.mark.parametrize("temperature", [1e-308, 5e-324])
@pytest.mark.parametrize("options", TINY_TEMPERATURE_REQUESTS.values(), ids=TINY_TEMPERATURE_REQUESTS.keys())
def test_a_temperature_too_small_to_divide_by_draws_as_temperature_0(
    options: dict[str, Any], temperature: float
) -> None:
    """1/temperature times a logit overflows there: the weights were NaN (a 500, or logprobs sent as null)."""
    for prompt in ("Say this is a test", "Once upon a time"):
        tiny = complete("text-davinci-003", prompt, max_tokens=24, temperature=temperature, **options)
        zero = complete("text-davinci-003", prompt, max_tokens=24, temperature=0, **options)
        assert [c.text for c in tiny.choices] == [c.text for c in zero.choices]
        for choice in tiny.choices:
            if choice.logprobs is not None:
                assert all(v is None or math.isfinite(v) for v in choice.logprobs.token_logprobs)
                assert all(math.isfinite(v) for top in choice.logprobs.top_logprobs if top for v in top.values())
                assert None not in choice.logprobs.token_logprobs[1:]
