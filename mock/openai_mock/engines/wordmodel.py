"""The built-in "language model": logits over common English words, chosen by a hash of the recent context.

Every candidate token is a lane of a numpy vector. A lane's logit is ``base + scale * u``, with
``u`` in [0, 1) read from one row of a fixed table of 16-bit noise (SHAKE-128, built once per
encoding); the row is a hash of the prompt, the last two tokens and the step, so output reads like
words and is the same for the same request. Common words get a small prior edge; a period grows
likelier the longer the sentence, and the end of text may follow a period.

The table also keeps, per row, what sampling at temperature 1 needs from the lanes other than the
period, the comma and the end of text (the only lanes whose logits move with the context): their
largest logit, its lane, and the running sums of their weights ``exp(logit - largest)``. A step
then costs a hash, a few scalar operations and one ``searchsorted``.
"""

from __future__ import annotations

import hashlib
import math
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from .tokenizer import Tokenizer

__all__ = [
    "TABLE_ROWS",
    "FloatArray",
    "IntArray",
    "Lanes",
    "Table",
    "WordModel",
    "candidate_tokens",
    "row_after",
    "word_model",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

# Common English words, most frequent first (the order gives each its small prior edge).
_WORD_LIST = """
    the of and to a in is it you that he was for on are with as I his they be at one have this from or had by word
    but what some we can out other were all there when up use your how said an each she which do their time if will
    way about many then them write would like so these her long make thing see him two has look more day could go
    come did number sound no most people my over know water than call first who may down side been now find any new
    work part take get place made live where after back little only round man year came show every good me give our
    under name very through just form sentence great think say help low line differ turn cause much mean before move
    right boy old too same tell does set three want air well also play small end put home read hand port large spell
    add even land here must big high such follow act why ask men change went light kind off need house picture try
    us again animal point mother world near build self earth father head stand own page should country found answer
    school grow study still learn plant cover food sun four between state keep eye never last let thought city tree
    cross farm hard start might story saw far sea draw left late run while press close night real life few north
    open seem together next white children begin got walk example ease paper group always music those both mark
    often letter until mile river car feet care second book carry took science eat room friend began idea fish
    mountain stop once base hear horse cut sure watch color face wood main enough plain girl usual young ready above
    ever red list though feel talk bird soon body dog family direct pose leave song measure door product black short
    numeral class wind question happen complete ship area half rock order fire south problem piece told knew pass
    since top whole king space heard best hour better true during hundred five remember step early hold west ground
    interest reach fast verb sing listen six table travel less morning ten simple several vowel toward war lay
    against pattern slow center love person money serve appear road map rain rule govern pull cold notice voice unit
    power town fine certain fly
"""
_WORDS = tuple(_WORD_LIST.split())
_PUNCT = (".", ",", "!", "?", "\n\n")
_UNIT = 1.0 / 65536
# Rows of the noise table (a power of two); about 7 MB of tables per encoding.
TABLE_ROWS = 1024


@dataclass(frozen=True, eq=False)
class Lanes:
    """Token ids with their logits' ``base`` and ``unit`` (what one step of the 16-bit noise adds)."""

    ids: IntArray
    base: FloatArray
    unit: FloatArray


@dataclass(frozen=True, eq=False)
class Table:
    """Per row: the raw logits of the model's own lanes and, over the ordinary lanes (all but the
    period, the comma and the end of text), their largest logit, its lane (the earliest on a tie), the
    running sum of ``exp(logit - largest)`` (zero weight at the three special lanes) and its total."""

    noise: npt.NDArray[np.uint16]
    logits: FloatArray
    # Rows as arrays of doubles: ``bisect`` on one costs a tenth of numpy's ``searchsorted`` call.
    cumulative: list[array[float]]
    peak: list[float]
    argmax: list[int]
    total: list[float]
    specials: list[tuple[float, float, float]]


def _table(own: Lanes, specials: tuple[int, int, int], seed: bytes) -> Table:
    n = len(own.ids)
    noise = np.frombuffer(hashlib.shake_128(seed).digest(2 * TABLE_ROWS * n), dtype="<u2").reshape(TABLE_ROWS, n)
    logits: FloatArray = noise * own.unit + own.base
    ordinary = logits.copy()
    ordinary[:, list(specials)] = -np.inf
    argmax = ordinary.argmax(axis=1)
    peak = ordinary[np.arange(TABLE_ROWS), argmax]
    cumulative: FloatArray = np.exp(ordinary - peak[:, None]).cumsum(axis=1)
    return Table(
        noise,
        logits,
        [array("d", row.tobytes()) for row in cumulative],
        peak.tolist(),
        argmax.tolist(),
        cumulative[:, -1].tolist(),
        [(float(r[0]), float(r[1]), float(r[2])) for r in logits[:, list(specials)]],
    )


def row_after(salt: int, before: int, last: int, step: int) -> int:
    """The table row after the tokens ``before`` and ``last`` (-1 for none) at ``step``. The hash of a
    tuple of ints does not depend on ``PYTHONHASHSEED`` (only str and bytes hashes are salted)."""
    return hash((salt, before, last, step % 7)) & (TABLE_ROWS - 1)


@dataclass(frozen=True, eq=False)
class WordModel:
    own: Lanes
    lane_of: dict[int, int]
    period_token: int
    # Lanes of the period, the comma and the end of text.
    period: int
    comma: int
    eot: int
    table: Table
    ids: list[int]  # own.ids as Python ints

    @lru_cache(maxsize=256)  # noqa: B019 - a few models live for the whole process
    def lanes(self, extra: tuple[int, ...] = ()) -> Lanes:
        """The model's lanes followed by ``extra`` tokens (each with a logit of ``-3 + 2u``)."""
        extra = tuple(t for t in dict.fromkeys(extra) if t not in self.lane_of)
        if not extra:
            return self.own
        more = len(extra)
        return Lanes(
            np.concatenate([self.own.ids, np.array(extra, dtype=np.int64)]),
            np.concatenate([self.own.base, np.full(more, -3.0)]),
            np.concatenate([self.own.unit, np.full(more, 2.0 * _UNIT)]),
        )

    @staticmethod
    def row(salt: int, context: Sequence[int], step: int) -> int:
        """The table row after ``context`` (its last two tokens count) at ``step``."""
        last = context[-1] if context else -1
        before = context[-2] if len(context) > 1 else -1
        return row_after(salt, before, last, step)

    def special_shifts(
        self, context: Sequence[int], step: int, since_period: int, eot_anywhere: bool
    ) -> tuple[float, float, float]:
        """What the context adds to the logits of the period, the comma and the end of text."""
        if context and context[-1] == self.period_token:
            eot = 0.06 * step
        elif eot_anywhere:
            eot = -1.5
        else:
            eot = -math.inf
        return 0.3 * since_period, 0.1 * since_period, eot

    def logits(
        self, lanes: Lanes, salt: int, context: Sequence[int], step: int, since_period: int, eot_anywhere: bool
    ) -> FloatArray:
        """Raw logits after ``context``; the end of text is ``-inf`` except after a period or when
        ``eot_anywhere`` (then, like any token ``logit_bias`` adds, ``-3 + 2u``)."""
        row = self.row(salt, context, step)
        own = len(self.own.ids)
        x: FloatArray
        if len(lanes.ids) == own:
            x = self.table.logits[row].copy()
        else:
            columns = np.arange(len(lanes.ids)) % own
            x = self.table.noise[row, columns] * lanes.unit + lanes.base
        period, comma, eot = self.special_shifts(context, step, since_period, eot_anywhere)
        x[self.period] += period
        x[self.comma] += comma
        x[self.eot] += eot
        return x


@lru_cache(maxsize=8)
def word_model(tok: Tokenizer) -> WordModel:
    words = list(dict.fromkeys(t for w in _WORDS if (t := tok.single_token(" " + w)) is not None))
    period, comma, *others = (p for p in map(tok.single_token, _PUNCT) if p is not None)
    ids = [*words, period, comma, *others, tok.eot]
    base = [-0.004 * i for i in range(len(words))] + [-2.5, -2.0] + [-3.0] * len(others) + [-1.5]
    scale = [3.0] * len(words) + [2.0] * (len(ids) - len(words))
    own = Lanes(np.array(ids, dtype=np.int64), np.array(base), np.array(scale) * _UNIT)
    n = len(ids)
    specials = (len(words), len(words) + 1, n - 1)
    table = _table(own, specials, f"openai-mock word model|{tok.name}".encode())
    return WordModel(own, {t: i for i, t in enumerate(ids)}, period, *specials, table, ids)


def candidate_tokens(tok: Tokenizer) -> frozenset[int]:
    """The token ids the built-in model proposes (before ``logit_bias`` adds more)."""
    return frozenset(word_model(tok).lane_of)
