"""Checks the web layer makes before calling the engine, for inputs the schema admits but the engine cannot index.

Token ids and ``logit_bias`` keys are unbounded integers in the spec; past the range of a C
long the tokenizer raises ``OverflowError`` instead of reporting an unknown token. No
vocabulary comes near a billion ids, so anything that large is refused here with the
engine's own wording.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import InvalidRequestError
from .tokenizer import tokenizer_for_model

__all__ = ["MAX_TOKEN_ID", "check_bias_keys", "check_token_ids"]

MAX_TOKEN_ID = 10**9


def _too_large(value: Any) -> bool:
    if isinstance(value, int):
        return not 0 <= value < MAX_TOKEN_ID
    if isinstance(value, list):
        return any(_too_large(v) for v in value)
    return False


def check_token_ids(value: Any, message: str, param: str) -> None:
    """Refuse a token list holding an id no vocabulary has."""
    if isinstance(value, list) and _too_large(value):
        raise InvalidRequestError(message, param=param)


def check_bias_keys(model: str, bias: Mapping[str, int] | None) -> None:
    for key in bias or {}:
        if len(key) > 9:
            vocab = tokenizer_for_model(model).n_vocab
            raise InvalidRequestError(
                f"Invalid key in 'logit_bias': {key}. Maximum value is {vocab - 1}.", param="logit_bias"
            )
