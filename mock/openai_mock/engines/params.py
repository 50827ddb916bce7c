"""Checks of sampling parameters shared by completions, chat and edits (errors name the param)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..errors import ContextLengthError, InvalidRequestError
from .tokenizer import Tokenizer

__all__ = ["check_context", "check_range", "parse_logit_bias", "parse_stop", "split_inputs"]


def check_range(name: str, value: float | None, lo: float, hi: float) -> None:
    """Reject ``value`` outside ``[lo, hi]`` with the real API's wording."""
    if value is None:
        return
    if value < lo:
        raise InvalidRequestError(f"{value} is less than the minimum of {lo} - '{name}'", param=name)
    if value > hi:
        raise InvalidRequestError(f"{value} is greater than the maximum of {hi} - '{name}'", param=name)


def parse_stop(stop: str | Sequence[str] | None) -> tuple[str, ...]:
    """``stop`` as a tuple of non-empty sequences (at most 4)."""
    if stop is None:
        return ()
    seqs = (stop,) if isinstance(stop, str) else tuple(stop)
    if len(seqs) > 4:
        raise InvalidRequestError(f"{list(seqs)} is too long - 'stop'", param="stop")
    return tuple(s for s in seqs if s)


def parse_logit_bias(bias: Mapping[str, float] | Mapping[int, float] | None, tok: Tokenizer) -> dict[int, float]:
    """JSON object keys are strings; they must name token ids of the model's encoding."""
    out: dict[int, float] = {}
    for key, value in (bias or {}).items():
        text = str(key)
        if not text.isdigit():
            raise InvalidRequestError(
                f"Invalid key in 'logit_bias': {text}. You should only be submitting non-negative integers.",
                param="logit_bias",
            )
        token = int(text)
        if not tok.is_valid(token):
            raise InvalidRequestError(
                f"Invalid key in 'logit_bias': {text}. Maximum value is {tok.n_vocab - 1}.", param="logit_bias"
            )
        if not -100 <= value <= 100:
            raise InvalidRequestError(
                f"Invalid value for 'logit_bias': {value} for key {text}. Expected a value between -100 and 100.",
                param="logit_bias",
            )
        out[token] = float(value)
    return out


def check_context(context_window: int, prompt_tokens: int, max_tokens: int, param: str) -> None:
    requested = prompt_tokens + max_tokens
    if requested > context_window:
        raise ContextLengthError(
            f"This model's maximum context length is {context_window} tokens, however you requested {requested} "
            f"tokens ({prompt_tokens} in your prompt; {max_tokens} for the completion). "
            "Please reduce your prompt; or completion length.",
            param=param,
        )


def split_inputs(value: object, param: str) -> list[str | list[int]]:
    """A string, list of strings, token list or list of token lists, as a list of items."""
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (list, tuple)) or not value:
        raise _invalid_input(value, param)
    if all(isinstance(x, int) and not isinstance(x, bool) for x in value):
        return [[int(x) for x in value]]
    out: list[str | list[int]] = []
    for x in value:
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, (list, tuple)) and x and all(isinstance(t, int) and not isinstance(t, bool) for t in x):
            out.append([int(t) for t in x])
        else:
            raise _invalid_input(value, param)
    return out


def _invalid_input(value: object, param: str) -> InvalidRequestError:
    return InvalidRequestError(f"{value!r} is not valid under any of the given schemas - '{param}'", param=param)
