"""Deterministic randomness for sampling: a request's seed, and the uniform numbers a seed yields.

A seed is the BLAKE2b digest of the request's canonical bytes (8 bytes, read little-endian), so the
same request gives the same answer in every process. Its numbers are read from one fixed table of
2**16 uniform floats (53 bits each, from SHAKE-128), starting at an entry and striding by an odd
step that a mix of the seed picks: a stream visits distinct entries for 2**16 numbers, longer than
any model's context, and two seeds share an entry rarely. Seeding a Mersenne Twister instead costs
more than sampling a short answer: it fills 624 words of state before its first number.
"""

from __future__ import annotations

import hashlib
import itertools
import struct
import sys
from array import array
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from hashlib import blake2b

import numpy as np

__all__ = ["candidate_seeds", "request_key", "uniforms"]

_MASK64 = (1 << 64) - 1
_UNIT = 2.0**-53
_FLOATS = struct.Struct("<4d")


def request_key(
    model: str,
    tokens: Sequence[int],
    floats: tuple[float, float, float, float],
    texts: Iterable[str | None],
    bias: Iterable[tuple[int, float]],
) -> bytes:
    """Canonical bytes of what decides an answer: the model, the prompt's tokens, four sampling numbers,
    optional texts (``None`` and ``""`` differ) and ``logit_bias`` in token order."""
    ids = array("q", tokens)
    if sys.byteorder == "big":
        ids.byteswap()
    parts = [model.encode(), ids.tobytes(), _FLOATS.pack(*floats)]
    parts += [b"\x00" if t is None else b"\x01" + t.encode("utf-8", "surrogatepass") for t in texts]
    parts.append(repr(sorted(bias)).encode())
    # Lengths first, so no two different requests make the same bytes.
    return struct.pack(f"<{len(parts)}q", *map(len, parts)) + b"".join(parts)


def candidate_seeds(key: bytes, count: int) -> list[int]:
    """One seed for each of a request's ``count`` candidate completions."""
    base = int.from_bytes(blake2b(key, digest_size=8).digest(), "little")
    return [(base + i) & _MASK64 for i in range(count)]


_TABLE_BITS = 16
_TABLE_MASK = (1 << _TABLE_BITS) - 1


@cache
def _table() -> list[float]:
    words = np.frombuffer(hashlib.shake_128(b"openai-mock uniforms").digest(8 << _TABLE_BITS), dtype="<u8")
    out: list[float] = ((words >> np.uint64(11)) * _UNIT).tolist()
    return out


def _mix(seed: int) -> int:
    """SplitMix64's finaliser: nearby seeds (a request's candidates) get unrelated starts and strides."""
    z = (seed + 0x9E3779B97F4A7C15) & _MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
    return z ^ (z >> 31)


def uniforms(seed: int) -> Callable[[], float]:
    """A function returning the next number of ``seed``'s stream of floats in [0, 1)."""
    mixed = _mix(seed)
    start, stride = mixed & _TABLE_MASK, ((mixed >> _TABLE_BITS) & _TABLE_MASK) | 1
    # Positions, wrapped into the table, then entries: every step of the chain runs in C.
    positions = map(_TABLE_MASK.__and__, itertools.count(start, stride))
    return map(_table().__getitem__, positions).__next__
