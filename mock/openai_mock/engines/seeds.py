"""Deterministic randomness for sampling: a request's seed, and the uniform numbers a seed yields.

A seed is a hash of what decides a request's answer that is the same in every process, so the same
request gives the same answer. Its numbers are read from one fixed table of
2**16 uniform floats (53 bits each, from SHAKE-128), starting at an entry and striding by an odd
step that a mix of the seed picks: a stream visits distinct entries for 2**16 numbers, longer than
any model's context, and two seeds share an entry rarely. Seeding a Mersenne Twister instead costs
more than sampling a short answer: it fills 624 words of state before its first number.
"""

from __future__ import annotations

import hashlib
import itertools
import struct
import zlib
from collections.abc import Callable, Iterable, Sequence
from functools import cache

import numpy as np

__all__ = ["TABLE_MASK", "candidate_seeds", "read_stream", "stream", "uniform_table", "uniforms"]

_MASK64 = (1 << 64) - 1
_UNIT = 2.0**-53
_NUMBERS = struct.Struct("<4d")


def candidate_seeds(
    model: str,
    tokens: Sequence[int],
    numbers: tuple[float, float, float, float],
    texts: Iterable[str | None],
    bias: Iterable[tuple[int, float]],
    count: int,
) -> list[int]:
    """One seed for each of a request's ``count`` candidate completions, from what decides its answer:
    the model, the prompt's tokens, four sampling numbers, optional texts and ``logit_bias``."""
    # Python's hash of a tuple of ints is the same in every process (only str and bytes hashes are
    # salted): the rest enters as a CRC-32 of its bytes.
    described = repr((model, *texts, sorted(bias))).encode("utf-8", "surrogatepass")
    base = hash((zlib.crc32(_NUMBERS.pack(*numbers) + described), tuple(tokens)))
    return [(base + i) & _MASK64 for i in range(count)]


_TABLE_BITS = 16
TABLE_MASK = (1 << _TABLE_BITS) - 1  # a stream's position after a step: (position + stride) & TABLE_MASK


@cache
def uniform_table() -> list[float]:
    """The fixed table every stream reads."""
    words = np.frombuffer(hashlib.shake_128(b"openai-mock uniforms").digest(8 << _TABLE_BITS), dtype="<u8")
    out: list[float] = ((words >> np.uint64(11)) * _UNIT).tolist()
    return out


def _mix(seed: int) -> int:
    """SplitMix64's finaliser: nearby seeds (a request's candidates) get unrelated starts and strides."""
    z = (seed + 0x9E3779B97F4A7C15) & _MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
    return z ^ (z >> 31)


def stream(seed: int) -> tuple[int, int]:
    """Where ``seed``'s stream starts in ``uniform_table()`` and its (odd) stride."""
    mixed = _mix(seed)
    return mixed & TABLE_MASK, ((mixed >> _TABLE_BITS) & TABLE_MASK) | 1


def read_stream(start: int, stride: int) -> Callable[[], float]:
    """A function returning the next number of the stream at ``start`` with ``stride``."""
    # Positions, wrapped into the table, then entries: every step of the chain runs in C.
    positions = map(TABLE_MASK.__and__, itertools.count(start, stride))
    return map(uniform_table().__getitem__, positions).__next__


def uniforms(seed: int) -> Callable[[], float]:
    """A function returning the next number of ``seed``'s stream of floats in [0, 1)."""
    return read_stream(*stream(seed))
