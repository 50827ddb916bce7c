"""Deterministic embeddings: a weighted bag of words plus a little of the exact text, L2-normalised.

Every word (lower-cased, a plural ``s`` dropped, so ``Cats`` and `` cat`` are one word) owns a
fixed pseudo-random direction (SHAKE-256 of the word); an input's vector is the sum over its
words, common function words (``the``, ``on``, ...) weighing a third, plus a small component of
the whole text's own direction, so different texts never share a vector. Texts sharing most of
their words score a cosine similarity well above 0.5; texts with no word in common score near 0
(random directions in 1,536 dimensions are almost orthogonal). Token-id inputs are decoded
first, so a text and its tokens embed alike. Components are rounded to float32, so the
``float`` and ``base64`` encodings carry identical values.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
import struct
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from ..errors import InvalidRequestError
from . import catalog
from .params import check_context, split_inputs
from .tokenizer import tokenizer_for_model

__all__ = ["EmbeddingInput", "EmbeddingResult", "decode_base64", "embed", "encode_vector"]

EmbeddingInput = str | Sequence[str] | Sequence[int] | Sequence[Sequence[int]]


_WORD = re.compile(r"\w+")
# fmt: off
_FUNCTION_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he", "her", "his",
    "i", "in", "is", "it", "its", "me", "my", "of", "on", "or", "our", "she", "so", "that", "the", "their",
    "them", "they", "this", "to", "was", "we", "were", "what", "when", "which", "who", "will", "with", "you",
    "your",
})
# fmt: on
_FUNCTION_WEIGHT = 1 / 3
# Share of the exact text's own direction: enough to tell texts with the same words apart.
_TEXT_WEIGHT = 0.15


def _direction(key: str, dim: int) -> np.ndarray[Any, np.dtype[np.float64]]:
    """A fixed pseudo-random direction of about unit length."""
    raw = hashlib.shake_256(key.encode()).digest(dim * 2)
    return np.frombuffer(raw, dtype="<i2").astype(np.float64) / (32768.0 * math.sqrt(dim / 3))


# 1536 components of 8 bytes: 2048 words keep this cache under 25 MB (texts' own directions are not kept).
@lru_cache(maxsize=2048)
def _word_direction(word: str, dim: int) -> np.ndarray[Any, np.dtype[np.float64]]:
    return _direction(f"word:{word}", dim)


def _words(text: str) -> Counter[str]:
    words = (w.lower() for w in _WORD.findall(text))
    return Counter(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


def _vector(tokens: Sequence[int], dim: int, model: str) -> list[float]:
    text = tokenizer_for_model(model).decode(tokens)
    acc = np.zeros(dim)
    words = _words(text)
    for word, count in words.items():
        weight = _FUNCTION_WEIGHT if word in _FUNCTION_WORDS else 1.0
        acc += (count * weight) * _word_direction(word, dim)
    size = float(np.linalg.norm(acc)) or 1.0
    acc += (_TEXT_WEIGHT * size) * _direction(f"text:{text}", dim)
    norm = float(np.linalg.norm(acc)) or 1.0
    # Round through float32 so the base64 form decodes to exactly these values.
    return list(array("f", (acc / norm).tolist()))


def encode_vector(vector: Sequence[float], encoding_format: str = "float") -> list[float] | str:
    """``float`` gives the list; ``base64`` gives little-endian float32 bytes in base64."""
    if encoding_format == "float":
        return list(vector)
    if encoding_format == "base64":
        return base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode("ascii")
    raise InvalidRequestError(
        f"'{encoding_format}' is not one of ['float', 'base64'] - 'encoding_format'", param="encoding_format"
    )


def decode_base64(data: str) -> list[float]:
    raw = base64.b64decode(data)
    return list(struct.unpack(f"<{len(raw) // 4}f", raw))


@dataclass(frozen=True)
class EmbeddingResult:
    vectors: list[list[float]]
    prompt_tokens: int

    def data(self, encoding_format: str = "float") -> list[dict[str, Any]]:
        """The ``data`` list of the response, in the requested encoding."""
        return [
            {"object": "embedding", "embedding": encode_vector(v, encoding_format), "index": i}
            for i, v in enumerate(self.vectors)
        ]


def _token_lists(inputs: EmbeddingInput, model: str) -> list[list[int]]:
    tok = tokenizer_for_model(model)
    out = []
    for item in split_inputs(inputs, "input"):
        if isinstance(item, str) and item:
            out.append(tok.encode(item))
        elif isinstance(item, list) and all(tok.is_valid(t) for t in item):
            out.append(item)
        else:
            raise InvalidRequestError("'$.input' is invalid. Please check the API reference.", param="input")
    return out


def embed(model: str, inputs: EmbeddingInput) -> EmbeddingResult:
    """One unit vector per input (the model's dimension); usage counts every input token."""
    info = catalog.get_model_info(model)
    dim = info.embedding_dim if info and info.embedding_dim else 1536
    window = info.context_window if info else 8191
    lists = _token_lists(inputs, model)
    # Equal inputs share one vector: a batch of 2048 copies of one text (the API's limit) is one computation.
    shared: dict[tuple[int, ...], list[float]] = {}
    for tokens in lists:
        check_context(window, len(tokens), 0, "input")
        key = tuple(tokens)
        if key not in shared:
            shared[key] = _vector(tokens, dim, model)
    return EmbeddingResult([shared[tuple(t)] for t in lists], sum(len(t) for t in lists))
