"""The API's sampling pipeline over the built-in word model.

The pipeline follows the reference's order: ``logit_bias`` is added, frequency/presence
penalties are subtracted, the temperature scales, and ``top_p`` cuts the nucleus. Reported
logprobs come from the distribution after bias, penalties and temperature (temperature 0 reports
the temperature-1 distribution), before the nucleus cut; the ``k`` best tokens, and the chosen
token when it is not among them, are read from it.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

import numpy as np

from .seeds import TABLE_MASK, read_stream, stream, uniform_table
from .tokenizer import Tokenizer
from .wordmodel import TABLE_ROWS, FloatArray, IntArray, Lanes, WordModel, candidate_tokens, word_model

__all__ = [
    "SamplingParams",
    "Step",
    "TokenSampler",
    "apply_penalties",
    "bias_vector",
    "candidate_tokens",
    "nucleus",
    "nucleus_draw",
    "takes_full_path",
]


def apply_penalties(
    logits: FloatArray, counts: FloatArray, alpha_frequency: float, alpha_presence: float
) -> FloatArray:
    """``mu[j] -> mu[j] - c[j] * alpha_frequency - float(c[j] > 0) * alpha_presence``, as the reference writes it."""
    out: FloatArray = logits - counts * alpha_frequency - (counts > 0) * alpha_presence
    return out


def nucleus(probs: FloatArray, top_p: float) -> tuple[IntArray, FloatArray]:
    """Lanes of the most likely tokens whose mass first reaches ``top_p`` (at least one; ties go to
    the earlier lane, the more common word), best first, with their probabilities renormalised."""
    order: IntArray = np.argsort(-probs, kind="stable")
    mass = np.cumsum(probs[order])
    keep = min(int(mass.searchsorted(top_p, side="left")) + 1, len(order))
    kept: FloatArray = probs[order[:keep]] / mass[keep - 1]
    return order[:keep], kept


def nucleus_draw(weights: FloatArray, mass: FloatArray, r: float, top_p: float) -> int:
    """The lane the uniform ``r`` picks from the ``top_p`` nucleus of ``weights`` (``mass`` their running sums)."""
    kept, probs = nucleus(weights / mass[-1], top_p)
    return int(kept[min(int(np.cumsum(probs).searchsorted(r, side="right")), len(kept) - 1)])


# Built once per request: tuples are immutable like a frozen dataclass and a quarter of its cost to build.
class SamplingParams(NamedTuple):
    temperature: float = 1.0
    top_p: float = 1.0
    logit_bias: Mapping[int, float] = MappingProxyType({})
    presence_penalty: float = 0.0
    frequency_penalty: float = 0.0
    logprobs: int | None = None


@dataclass(frozen=True)
class Step:
    token: int
    logprob: float
    top_logprobs: dict[int, float]


def _log_normaliser(x: FloatArray, peak: float) -> float:
    """``log(sum(exp(x)))``, computed from the maximum ``peak`` so nothing overflows."""
    return peak + math.log(float(np.exp(x - peak).sum()))


def _top(logprobs: FloatArray, ids: IntArray, k: int, chosen: int) -> dict[int, float]:
    """The ``k`` most likely tokens, best first, then the chosen lane if it is not among them: the API
    always reports the sampled token's logprob, so a position lists up to ``k + 1`` entries."""
    best = np.argsort(-logprobs, kind="stable")[:k] if k else ()
    top = {int(ids[i]): float(logprobs[i]) for i in best if logprobs[i] > -math.inf}
    top.setdefault(int(ids[chosen]), float(logprobs[chosen]))
    return top


def bias_vector(lanes: Lanes, bias: Mapping[int, float]) -> FloatArray | None:
    # -100 bans a token outright; +100 makes the biased tokens the only choices.
    if not bias:
        return None
    lane_of = {int(t): i for i, t in enumerate(lanes.ids)}
    forced = [lane_of[t] for t, b in bias.items() if b >= 100]
    vec = np.full(len(lanes.ids), -np.inf) if forced else np.zeros(len(lanes.ids))
    for t, b in bias.items():
        if not forced or b >= 100:
            vec[lane_of[t]] = b if b > -100 else -np.inf
    return vec


_NO_BIAS = (0.0, 0.0, 0.0)
_NO_COUNTS: FloatArray = np.zeros(0)  # never written: counts are kept only with a penalty


def _special_bias(model: WordModel, bias: Mapping[int, float]) -> tuple[float, float, float] | None:
    """``logit_bias`` as additions to the period, comma and end of text; None when it biases another
    token or forces one (+100), which only the full logit vector can express."""
    if not bias:
        return _NO_BIAS
    ids = model.ids
    lanes = {ids[model.period]: 0, ids[model.comma]: 1, ids[model.eot]: 2}
    out = [0.0, 0.0, 0.0]
    for token, value in bias.items():
        if token not in lanes or value >= 100:
            return None
        out[lanes[token]] = value if value > -100 else -math.inf
    return out[0], out[1], out[2]


def takes_full_path(tok: Tokenizer, params: SamplingParams) -> bool:
    """Whether ``TokenSampler`` builds the whole logit vector each step for ``params``: a ``top_p`` cut,
    reported alternatives, a penalty, or a bias beyond the period, the comma and the end of text."""
    if params.top_p < 1 or params.logprobs is not None or params.presence_penalty or params.frequency_penalty:
        return True
    return _special_bias(word_model(tok), params.logit_bias) is None


class TokenSampler:
    """Samples one completion token by token; deterministic for a given ``seed``.

    Two ways to the same distribution: a request with no ``top_p`` cut, no reported alternatives, no penalties
    and no bias beyond the three lanes the context moves (period, comma, end of text) samples from
    the model's table (``_quick_tokens``: the ordinary lanes' weights are precomputed at temperature 1,
    one vector operation otherwise); every other request builds the whole logit vector each step
    (``_full_step``). Each draws one uniform number a step; the same request always takes the same way.
    """

    def __init__(
        self, tok: Tokenizer, prompt: Sequence[int], params: SamplingParams, seed: int, *, scored: bool = True
    ) -> None:
        """``scored=False`` lets sampling skip the chosen token's logprob when nothing reports it or
        ranks by it; ``Step.logprob`` is then NaN."""
        self._model = word_model(tok)
        self._scored = scored or params.logprobs is not None
        self._eot = tok.eot
        self._params = params
        self._lanes = self._model.lanes(tuple(params.logit_bias))
        self._bias = bias_vector(self._lanes, params.logit_bias)
        self._eot_anywhere = self._eot in params.logit_bias
        self._penalised = bool(params.frequency_penalty or params.presence_penalty)
        self._counts = np.zeros(len(self._lanes.ids)) if self._penalised else _NO_COUNTS
        self._context = list(prompt[-3:])
        # The prompt's tokens pick the model's rows; a tuple of ints hashes the same in every process.
        self._salt = hash(tuple(prompt))
        # The temperature-1 loop reads the stream in place, the other ways through _rand (a sampler takes one way).
        self._position, self._stride = stream(seed)
        self._rand = read_stream(self._position, self._stride)
        self._step = 0
        self._since_period = 0
        self._special_bias = _special_bias(self._model, params.logit_bias)
        self._quick = not takes_full_path(tok, params)

    def score(self, tokens: Sequence[int]) -> list[tuple[float, dict[int, float]]]:
        """Each token's logprob given the tokens before it, with the ``logprobs`` best alternatives
        (and the token itself when it is not among them).

        The first entry scores the first token without context; the API reports it as ``None``.
        """
        out = []
        since = 0
        k = self._params.logprobs or 0
        model = self._model
        for i, token in enumerate(tokens):
            lanes = model.lanes((token,))
            x = model.logits(lanes, self._salt, tokens[max(0, i - 3) : i], i, since, token == self._eot)
            lps = x - _log_normaliser(x, float(x.max()))
            lane = model.lane_of.get(token, len(lanes.ids) - 1)
            out.append((float(lps[lane]), _top(lps, lanes.ids, k, lane)))
            since = 0 if token == model.period_token else since + 1
        return out

    def step(self) -> Step:
        if not self._quick:
            return self._full_step()
        tokens, logprobs = self._quick_tokens(1)
        return Step(tokens[0], logprobs[0] if logprobs else math.nan, {})

    def sample(self, limit: int) -> tuple[list[int], float, bool]:
        """Up to ``limit`` tokens at once: the tokens before any end of text, the sum of their
        logprobs (NaN unless scored) and whether the end of text came."""
        eot = self._eot
        if self._quick:
            tokens, logprobs = self._quick_tokens(limit)
            ended = bool(tokens) and tokens[-1] == eot
            if ended:
                del tokens[-1], logprobs[-1:]
            total = 0.0
            for logprob in logprobs:
                total += logprob
            return tokens, total if self._scored else math.nan, ended
        tokens = []
        total = 0.0
        for _ in range(limit):
            step = self._full_step()
            if step.token == eot:
                return tokens, total, True
            tokens.append(step.token)
            total += step.logprob
        return tokens, total, False

    def _quick_tokens(self, limit: int) -> tuple[list[int], list[float]]:
        """Up to ``limit`` tokens from the model's table, the last an end of text if one came, and their
        logprobs when scored (none otherwise). The context, step and sentence length live in locals
        while it runs (the full path keeps its own: a sampler takes one path)."""
        if self._params.temperature == 1 and not self._scored:
            return self._drawn_at_one(limit), []
        model, table = self._model, self._model.table
        ids = model.ids
        n_ids = len(ids)
        salt, rand = self._salt, self._rand
        specials, peaks, argmax, totals = table.specials, table.peak, table.argmax, table.total
        cumulatives, logits = table.cumulative, table.logits
        period_lane, comma_lane, eot_lane, period_token = model.period, model.comma, model.eot, model.period_token
        row_mask = TABLE_ROWS - 1
        bias_period, bias_comma, bias_eot = self._special_bias or _NO_BIAS
        eot_elsewhere = -1.5 if self._eot_anywhere else -math.inf
        temperature, scored = self._params.temperature, self._scored
        scale = 1.0 / temperature if temperature > 0 else 1.0
        exp, log, no_weight = math.exp, math.log, -math.inf
        greedy = temperature <= 0
        # WordModel.row's inputs: the last two tokens (-1 for none).
        context = self._context
        last = context[-1] if context else -1
        before = context[-2] if len(context) > 1 else -1
        # The sentence length as a float: its products with float constants are the same, and cheaper.
        step, since, end_of_text = self._step, float(self._since_period), self._eot
        tokens: list[int] = []
        logprobs: list[float] = []
        append = tokens.append
        for _ in range(limit):
            row = hash((salt, before, last, step % 7)) & row_mask  # row_after, inline: it runs once a token
            shift_eot = 0.06 * step if last == period_token else eot_elsewhere
            x_period, x_comma, x_eot = specials[row]
            period = x_period + 0.3 * since + bias_period
            comma = x_comma + 0.1 * since + bias_comma
            eot = x_eot + shift_eot + bias_eot
            peak = peaks[row]
            # Weights are taken relative to the largest logit of all: a long sentence's period cannot overflow.
            top = peak if peak > period else period
            top = comma if comma > top else top
            top = eot if eot > top else top
            if greedy:
                lane, value = argmax[row], peak
                # Ties go to the earlier lane; the special lanes come after every word.
                if period > value:
                    lane, value = period_lane, period
                if comma > value:
                    lane, value = comma_lane, comma
                if eot > value:
                    lane, value = eot_lane, eot
                if scored:
                    mass = totals[row] * exp(peak - top) + exp(period - top)
                    mass += exp(comma - top) + exp(eot - top)
                    logprobs.append(value - top - log(mass))
            else:
                cumulative: Sequence[float] = cumulatives[row]
                total = totals[row]
                if temperature != 1:
                    weights = np.exp((logits[row] - peak) * scale)
                    weights[[period_lane, comma_lane, eot_lane]] = 0.0
                    cumulative = array("d", weights.cumsum().tobytes())
                    total = cumulative[-1]
                # exp(0) is 1 and exp(-inf) is 0 exactly: the common cases skip the call, same floats.
                ordinary = total if top == peak else total * exp((peak - top) * scale)
                w_period = exp((period - top) * scale)
                w_comma = exp((comma - top) * scale)
                mass = ordinary + w_period + w_comma
                if eot != no_weight:
                    mass += exp((eot - top) * scale)
                r = rand() * mass
                if r < ordinary:
                    lane = bisect_right(cumulative, r / ordinary * total)
                    # The special lanes add no weight, so bisect_right never lands on one; only rounding at the
                    # very end of the range runs past the last lane: then the last lane with any weight.
                    if lane >= n_ids:
                        lane = bisect_left(cumulative, total)
                    value = float(logits[row, lane]) if scored else 0.0
                elif r < ordinary + w_period:
                    lane, value = period_lane, period
                elif r < ordinary + w_period + w_comma:
                    lane, value = comma_lane, comma
                else:
                    lane, value = eot_lane, eot
                if scored:
                    logprobs.append((value - top) * scale - log(mass))
            token = ids[lane]
            append(token)
            before, last = last, token
            step += 1
            since = 0.0 if token == period_token else since + 1.0
            if token == end_of_text:
                break
        self._context, self._step, self._since_period = [before, last], step, int(since)
        return tokens, logprobs

    def _drawn_at_one(self, limit: int) -> list[int]:
        """``_quick_tokens`` at temperature 1 without logprobs, every request's default: the same draws
        from the same floats (a scale of 1 multiplies nothing), with none of the other cases' tests."""
        model, table = self._model, self._model.table
        ids = model.ids
        n_ids = len(ids)
        salt, unit, position, stride = self._salt, uniform_table(), self._position, self._stride
        specials, peaks, totals, cumulatives = table.specials, table.peak, table.total, table.cumulative
        period_lane, comma_lane, eot_lane, period_token = model.period, model.comma, model.eot, model.period_token
        row_mask = TABLE_ROWS - 1
        bias_period, bias_comma, bias_eot = self._special_bias or _NO_BIAS
        eot_elsewhere = -1.5 if self._eot_anywhere else -math.inf
        exp, no_weight = math.exp, -math.inf
        context = self._context
        last = context[-1] if context else -1
        before = context[-2] if len(context) > 1 else -1
        step, since, end_of_text = self._step, float(self._since_period), self._eot
        tokens: list[int] = []
        append = tokens.append
        for _ in range(limit):
            row = hash((salt, before, last, step % 7)) & row_mask
            shift_eot = 0.06 * step if last == period_token else eot_elsewhere
            x_period, x_comma, x_eot = specials[row]
            period = x_period + 0.3 * since + bias_period
            comma = x_comma + 0.1 * since + bias_comma
            eot = x_eot + shift_eot + bias_eot
            peak = peaks[row]
            top = peak if peak > period else period
            top = comma if comma > top else top
            top = eot if eot > top else top
            total = totals[row]
            ordinary = total if top == peak else total * exp(peak - top)
            w_period = exp(period - top)
            w_comma = exp(comma - top)
            mass = ordinary + w_period + w_comma
            if eot != no_weight:
                mass += exp(eot - top)
            r = unit[position] * mass
            position = (position + stride) & TABLE_MASK
            if r < ordinary:
                cumulative = cumulatives[row]
                lane = bisect_right(cumulative, r / ordinary * total)
                if lane >= n_ids:
                    lane = bisect_left(cumulative, total)
            elif r < ordinary + w_period:
                lane = period_lane
            elif r < ordinary + w_period + w_comma:
                lane = comma_lane
            else:
                lane = eot_lane
            token = ids[lane]
            append(token)
            before, last = last, token
            step += 1
            since = 0.0 if token == period_token else since + 1.0
            if token == end_of_text:
                break
        self._context, self._step, self._since_period = [before, last], step, int(since)
        self._position = position
        return tokens

    def _logits(self) -> FloatArray:
        x = self._model.logits(
            self._lanes, self._salt, self._context, self._step, self._since_period, self._eot_anywhere
        )
        if self._bias is not None:
            x += self._bias
        if self._penalised:
            p = self._params
            x = apply_penalties(x, self._counts, p.frequency_penalty, p.presence_penalty)
        return x

    def _full_step(self) -> Step:
        p = self._params
        x = self._logits()
        lane = int(x.argmax())  # ties go to the earlier lane, the more common word
        peak = float(x[lane])
        if peak == -math.inf:  # everything banned: only the end of text is left
            self._advance(self._eot, None)
            return Step(self._eot, 0.0, {self._eot: 0.0} if p.logprobs is not None else {})
        if p.temperature <= 0:
            if not self._scored:
                return self._emit(lane, math.nan, {})
            scaled, shift = x, _log_normaliser(x, peak)
        else:
            scaled = x if p.temperature == 1 else x * (1.0 / p.temperature)
            top_z = float(scaled[lane])
            weights = np.exp(scaled - top_z)
            mass = weights.cumsum()
            shift = top_z + math.log(float(mass[-1]))
            lane = self._draw(weights, mass)
        top = _top(scaled - shift, self._lanes.ids, p.logprobs, lane) if p.logprobs is not None else {}
        return self._emit(lane, float(scaled[lane]) - shift, top)

    def _draw(self, weights: FloatArray, mass: FloatArray) -> int:
        r = self._rand()
        if self._params.top_p < 1:
            return nucleus_draw(weights, mass, r, self._params.top_p)
        lane = int(mass.searchsorted(r * mass[-1], side="right"))
        # Rounding can only ever push the draw past the last token with any weight.
        return lane if lane < len(weights) and weights[lane] > 0 else int(np.flatnonzero(weights)[-1])

    def _emit(self, lane: int, logprob: float, top: dict[int, float]) -> Step:
        token = int(self._lanes.ids[lane])
        self._advance(token, lane)
        return Step(token, logprob, top)

    def _advance(self, token: int, lane: int | None) -> None:
        if lane is not None and self._penalised:
            self._counts[lane] += 1
        self._context = [*self._context[-2:], token]
        self._step += 1
        self._since_period = 0 if token == self._model.period_token else self._since_period + 1
