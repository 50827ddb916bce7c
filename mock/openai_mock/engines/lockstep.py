"""A request's candidates sampled side by side, on the full-logit path.

``TokenSampler`` builds the whole logit vector each step for a request with penalties, a ``top_p``
cut or a bias beyond the three context lanes: some fifteen numpy calls on a vector of a few hundred
lanes, so a step costs its calls' overhead, not their arithmetic. A request with ``n`` 128 and no
``max_tokens`` runs half a million such steps (over 20 s). Here each step is one matrix of every
unfinished candidate's logits, and the calls are paid once for them all.

The draws are the same floats as ``TokenSampler``'s, element for element (the same elementwise
operations, row reductions in the same order, logarithms by ``math.log``), so a request answers the
same whichever way it is sampled; tests compare the two on every kind of request this path takes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from .sampling import SamplingParams, bias_vector, nucleus_draw, takes_full_path
from .seeds import TABLE_MASK, stream, uniform_table
from .tokenizer import Tokenizer
from .wordmodel import TABLE_ROWS, FloatArray, IntArray, word_model

__all__ = ["Drawn", "draw_in_lockstep"]


class Drawn(NamedTuple):
    """One candidate's tokens before any end of text, each token's logprob (NaN when nothing scored
    it) and whether the end of text came."""

    tokens: list[int]
    logprobs: list[float]
    ended: bool


def draw_in_lockstep(
    tok: Tokenizer, prompt: Sequence[int], params: SamplingParams, seeds: Sequence[int], limit: int, *, scored: bool
) -> list[Drawn]:
    """What ``TokenSampler(tok, prompt, params, seed, scored=scored)`` draws in ``limit`` steps, for
    every seed; only for parameters ``takes_full_path`` accepts and no ``logprobs``."""
    if params.logprobs is not None or not takes_full_path(tok, params):
        raise ValueError("lockstep sampling takes the full path without logprobs")
    model = word_model(tok)
    table = model.table
    lanes = model.lanes(tuple(params.logit_bias))
    width, own = len(lanes.ids), len(model.own.ids)
    # Lanes beyond the model's own (tokens only logit_bias names) read its noise columns again; with many
    # steps to take, every row's logits are built once (the same operations as a row's, so the same floats).
    columns: IntArray | None = None if width == own else np.arange(width) % own
    logits_table = table.logits if columns is None else None
    if columns is not None and len(seeds) * limit >= TABLE_ROWS:
        logits_table = table.noise.take(columns, axis=1) * lanes.unit + lanes.base
    bias = bias_vector(lanes, params.logit_bias)
    frequency, presence = params.frequency_penalty, params.presence_penalty
    penalised = bool(frequency or presence)
    eot_elsewhere = -1.5 if tok.eot in params.logit_bias else -math.inf
    period_token = model.period_token
    period_lane, comma_lane, eot_lane = model.period, model.comma, model.eot
    temperature, top_p = params.temperature, params.top_p
    greedy, scale = temperature <= 0, 1.0 / temperature if temperature > 0 else 1.0
    unit, ids = np.array(uniform_table()), lanes.ids
    salt, row_mask = hash(tuple(prompt)), TABLE_ROWS - 1
    context = list(prompt[-3:])

    count = len(seeds)
    # Per unfinished candidate (rows, in seed order): its index, the last two tokens, the sentence
    # length, its stream, and the penalty terms ``counts * frequency`` and ``(counts > 0) * presence``.
    index = np.arange(count)
    last = np.full(count, context[-1] if context else -1)
    before = np.full(count, context[-2] if len(context) > 1 else -1)
    since = np.zeros(count, dtype=np.int64)
    starts = np.array([stream(seed) for seed in seeds], dtype=np.int64).reshape(count, 2)
    position, stride = starts[:, 0].copy(), starts[:, 1].copy()
    counts = np.zeros((count, width)) if penalised else np.zeros((count, 0))
    by_frequency, by_presence = np.zeros_like(counts), np.zeros_like(counts)
    # What each step drew, by row: read back per candidate at the end.
    drawn_by: list[IntArray] = []
    tokens_drawn: list[IntArray] = []
    logprobs_drawn: list[FloatArray] = []
    ended = np.zeros(count, dtype=bool)
    with np.errstate(invalid="ignore"):  # a row whose every lane is banned is nan past here, and unused
        for step in range(limit):
            if not len(index):
                break
            phase = step % 7  # row_after, inline: it runs for every candidate every step
            rows = [hash((salt, b, a, phase)) & row_mask for b, a in zip(before.tolist(), last.tolist(), strict=True)]
            x: FloatArray
            if logits_table is not None:
                x = logits_table.take(rows, axis=0)
            else:
                assert columns is not None
                x = table.noise.take(rows, axis=0).take(columns, axis=1) * lanes.unit + lanes.base
            x[:, period_lane] += 0.3 * since
            x[:, comma_lane] += 0.1 * since
            x[:, eot_lane] += np.where(last == period_token, 0.06 * step, eot_elsewhere)
            if bias is not None:
                x += bias
            if penalised:
                x = x - by_frequency - by_presence
            at = np.arange(len(index))
            best = x.argmax(axis=1)
            peaks = x[at, best]
            open_ = peaks != -math.inf  # everything banned: only the end of text is left
            if greedy:
                chosen = best
                if scored:
                    sums = _exp(x - peaks[:, None]).sum(axis=1)
                    logprobs = x[at, best] - (peaks + np.log(sums))
                else:
                    logprobs = np.full(len(index), math.nan)
            else:
                scaled = x if temperature == 1 else x * scale
                tops = scaled[at, best]
                weights = _exp(scaled - tops[:, None])
                mass = weights.cumsum(axis=1)
                totals = mass[:, -1]
                shift = tops + np.log(totals)
                draws = unit[position]
                if top_p < 1:
                    chosen = _nucleus_draws(weights, mass, draws, top_p)
                else:
                    chosen = (mass <= (draws * totals)[:, None]).sum(axis=1)
                    # Rounding can only ever push the draw past the last token with any weight.
                    past = (chosen >= width) | (weights[at, np.minimum(chosen, width - 1)] <= 0)
                    for i in np.flatnonzero(past & open_):
                        chosen[i] = np.flatnonzero(weights[i])[-1]
                logprobs = scaled[at, chosen] - shift
                position = np.where(open_, (position + stride) & TABLE_MASK, position)
            tokens = np.where(open_, ids[np.minimum(chosen, width - 1)], tok.eot)
            if penalised:
                hit = (at[open_], chosen[open_])
                counts[hit] += 1
                by_frequency[hit] = counts[hit] * frequency
                by_presence[hit] = presence
            going = tokens != tok.eot
            drawn_by.append(index[going])
            tokens_drawn.append(tokens[going])
            logprobs_drawn.append(logprobs[going])
            if not going.all():
                ended[index[~going]] = True
                index, last, before, since = index[going], last[going], before[going], since[going]
                position, stride, tokens = position[going], stride[going], tokens[going]
                if penalised:
                    counts, by_frequency, by_presence = counts[going], by_frequency[going], by_presence[going]
            before, last = last, tokens
            since = np.where(tokens == period_token, 0, since + 1)
    return _by_candidate(count, drawn_by, tokens_drawn, logprobs_drawn, ended)


def _by_candidate(
    count: int,
    drawn_by: list[IntArray],
    tokens: list[IntArray],
    logprobs: list[FloatArray],
    ended: npt.NDArray[np.bool_],
) -> list[Drawn]:
    """Each candidate's draws in step order, from the steps' draws in row order."""
    if not drawn_by:
        return [Drawn([], [], bool(e)) for e in ended]
    who = np.concatenate(drawn_by)
    order = np.argsort(who, kind="stable")  # stable: a candidate's draws stay in step order
    split = np.cumsum(np.bincount(who, minlength=count))[:-1]
    token_lists = np.split(np.concatenate(tokens)[order], split)
    logprob_lists = np.split(np.concatenate(logprobs)[order], split)
    return [Drawn(t.tolist(), lp.tolist(), bool(e)) for t, lp, e in zip(token_lists, logprob_lists, ended, strict=True)]


# exp of anything at or below this is 0.0 (the smallest double is exp(-744.4)); such arguments take
# libm's underflow path, several times slower, and after a few penalised steps most lanes are there.
_EXP_ZERO_BELOW = -746.0


def _exp(x: FloatArray) -> FloatArray:
    """``np.exp(x)``, the same floats, skipping the arguments whose exp is zero."""
    out = np.zeros_like(x)
    np.exp(x, out=out, where=x > _EXP_ZERO_BELOW)
    return out


# The nucleus is looked for among each row's lanes within this factor of its most likely one: after a few
# penalised steps that is a handful of lanes, and sorting every lane of every row would cost more than the rest.
_NUCLEUS_LOOK_DOWN_TO = 1e-12


def _nucleus_draws(weights: FloatArray, mass: FloatArray, draws: FloatArray, top_p: float) -> IntArray:
    """Each row's ``TokenSampler._draw`` under a ``top_p`` cut. A row's nucleus is its best lanes
    (probability first, then lane) up to ``top_p``: when the lanes it looks at reach ``top_p``, they
    beat every other lane, so the nucleus and its sums are the same found among them; other rows sort
    every lane."""
    rows = len(weights)
    probs = weights / mass[:, -1:]
    looked = probs > probs.max(axis=1, keepdims=True) * _NUCLEUS_LOOK_DOWN_TO
    row_of, lane_of = np.nonzero(looked)  # by row, then by lane
    order = np.lexsort((-probs[row_of, lane_of], row_of))  # by row, then best first; stable: ties by lane
    row_of, lane_of = row_of[order], lane_of[order]
    sizes = np.bincount(row_of, minlength=rows)
    rank = np.arange(len(row_of)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    ranked = np.zeros((rows, int(sizes.max())))  # zeros after a row's lanes leave its running sums as they are
    ranked[row_of, rank] = probs[row_of, lane_of]
    lanes = np.zeros(ranked.shape, dtype=np.int64)
    lanes[row_of, rank] = lane_of
    kept_mass = ranked.cumsum(axis=1)
    keep = (kept_mass < top_p).sum(axis=1) + 1
    found = keep <= sizes
    at = np.arange(rows)
    last_kept = np.minimum(keep, sizes) - 1
    running = (ranked / kept_mass[at, last_kept][:, None]).cumsum(axis=1)
    picked = ((running <= draws[:, None]) & (np.arange(ranked.shape[1]) < keep[:, None])).sum(axis=1)
    chosen: IntArray = lanes[at, np.minimum(picked, last_kept)]
    for i in np.flatnonzero(~found):
        chosen[i] = nucleus_draw(weights[i], mass[i], float(draws[i]), top_p)
    return chosen
