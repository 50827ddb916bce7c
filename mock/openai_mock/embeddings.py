"""Deterministic embeddings: a hashed bag of tokens, L2-normalised.

Every token id owns a fixed pseudo-random direction (SHAKE-256 of the id); an input's vector
is the sum over its tokens, so texts sharing tokens point in similar directions. Components
are rounded to float32, so the ``float`` and ``base64`` encodings carry identical values.
"""

from __future__ import annotations

import base64
import hashlib
import math
import struct
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import catalog
from .errors import InvalidRequestError
from .params import check_context, split_inputs
from .tokenizer import tokenizer_for_model

__all__ = ["EmbeddingInput", "EmbeddingResult", "decode_base64", "embed", "encode_vector"]

EmbeddingInput = str | Sequence[str] | Sequence[int] | Sequence[Sequence[int]]


@lru_cache(maxsize=8192)
def _direction(token: int, dim: int) -> array[float]:
    raw = hashlib.shake_256(f"tok:{token}".encode()).digest(dim * 2)
    return array("d", (x / 32768.0 for x in array("h", raw)))


def _vector(tokens: Sequence[int], dim: int) -> list[float]:
    acc = [0.0] * dim
    for token, count in Counter(tokens).items():
        acc = [a + count * b for a, b in zip(acc, _direction(token, dim), strict=True)]
    norm = math.sqrt(math.fsum(x * x for x in acc)) or 1.0
    # Round through float32 so the base64 form decodes to exactly these values.
    return list(array("f", (x / norm for x in acc)))


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
            shared[key] = _vector(tokens, dim)
    return EmbeddingResult([shared[tuple(t)] for t in lists], sum(len(t) for t in lists))
