"""A tiny deterministic "language model" and the API's sampling pipeline.

Logits come from a hash of the recent context over a fixed candidate vocabulary of common
English words, so output reads like words. The pipeline then follows the reference's order:
``logit_bias`` is added, frequency/presence penalties are subtracted, the temperature scales,
and ``top_p`` cuts the nucleus. Reported logprobs come from the distribution after bias,
penalties and temperature (temperature 0 reports the temperature-1 distribution), before the
nucleus cut; the ``k`` best tokens, and the chosen token when it is not among them, are read from it.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .tokenizer import Tokenizer

__all__ = [
    "SamplingParams",
    "Step",
    "TokenSampler",
    "apply_penalties",
    "candidate_tokens",
    "nucleus",
    "stable_seed",
]

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


@dataclass(frozen=True)
class _Vocab:
    words: tuple[int, ...]
    period: int
    comma: int
    others: tuple[int, ...]
    eot: int


@lru_cache(maxsize=8)
def _vocab(tok: Tokenizer) -> _Vocab:
    words = [t for w in _WORDS if (t := tok.single_token(" " + w)) is not None]
    punct = [tok.single_token(p) for p in _PUNCT]
    period, comma, *others = (p for p in punct if p is not None)
    return _Vocab(tuple(dict.fromkeys(words)), period, comma, tuple(others), tok.eot)


def candidate_tokens(tok: Tokenizer) -> frozenset[int]:
    """The token ids the built-in model proposes (before ``logit_bias`` adds more)."""
    v = _vocab(tok)
    return frozenset((*v.words, v.period, v.comma, *v.others, v.eot))


def apply_penalties(
    logits: Mapping[int, float], counts: Mapping[int, int], alpha_frequency: float, alpha_presence: float
) -> dict[int, float]:
    """``mu[j] -> mu[j] - c[j] * alpha_frequency - float(c[j] > 0) * alpha_presence``, as the reference writes it."""
    out = dict(logits)
    for j, c in counts.items():
        if j in out and c > 0:
            out[j] = out[j] - c * alpha_frequency - float(c > 0) * alpha_presence
    return out


def nucleus(probs: Sequence[tuple[int, float]], top_p: float) -> list[tuple[int, float]]:
    """The most likely tokens whose mass first reaches ``top_p`` (at least one), renormalised."""
    ranked = sorted(probs, key=lambda tp: (-tp[1], tp[0]))
    kept: list[tuple[int, float]] = []
    mass = 0.0
    for token, p in ranked:
        kept.append((token, p))
        mass += p
        if mass >= top_p:
            break
    return [(t, p / mass) for t, p in kept] if mass > 0 else kept[:1]


@dataclass(frozen=True)
class SamplingParams:
    temperature: float = 1.0
    top_p: float = 1.0
    logit_bias: Mapping[int, float] = field(default_factory=dict)
    presence_penalty: float = 0.0
    frequency_penalty: float = 0.0
    logprobs: int | None = None


@dataclass(frozen=True)
class Step:
    token: int
    logprob: float
    top_logprobs: dict[int, float]


def stable_seed(*parts: object) -> int:
    return int.from_bytes(hashlib.sha256(repr(parts).encode()).digest()[:8], "little")


def _log_softmax(logits: Mapping[int, float], temperature: float) -> dict[int, float]:
    peak = max(logits.values())
    log_z = peak / temperature + math.log(sum(math.exp((x - peak) / temperature) for x in logits.values()))
    return {t: x / temperature - log_z for t, x in logits.items()}


def _top(logprobs: Mapping[int, float], k: int, chosen: int) -> dict[int, float]:
    """The ``k`` most likely tokens, best first, then ``chosen`` if it is not among them: the API always
    reports the sampled token's logprob, so a position lists up to ``k + 1`` entries."""
    best = sorted(logprobs, key=lambda t: (-logprobs[t], t))[:k]
    top = {t: logprobs[t] for t in best}
    top.setdefault(chosen, logprobs[chosen])
    return top


class TokenSampler:
    """Samples one completion token by token; deterministic for a given ``seed``."""

    def __init__(self, tok: Tokenizer, prompt: Sequence[int], params: SamplingParams, seed: int) -> None:
        self._vocab = _vocab(tok)
        self._params = params
        self._context = list(prompt[-3:])
        self._salt = stable_seed(tuple(prompt))
        self._rng = random.Random(seed)
        self._counts: Counter[int] = Counter()
        self._step = 0
        self._since_period = 0

    def _raw_logits(
        self, context: Sequence[int], step: int, since_period: int, extra: Iterable[int]
    ) -> dict[int, float]:
        v = self._vocab
        noise = random.Random(stable_seed(self._salt, tuple(context[-2:]), step % 7))
        # Common words get a small prior edge; the context hash decides the rest.
        logits = {t: 3.0 * noise.random() - 0.004 * i for i, t in enumerate(v.words)}
        logits[v.period] = -2.5 + 0.3 * since_period + 2.0 * noise.random()
        logits[v.comma] = -2.0 + 0.1 * since_period + 2.0 * noise.random()
        for t in v.others:
            logits[t] = -3.0 + 2.0 * noise.random()
        if context and context[-1] == v.period:
            # The end of text may follow a sentence, more likely the longer the completion.
            logits[v.eot] = -1.5 + 0.06 * step + 2.0 * noise.random()
        for t in extra:
            logits.setdefault(t, -3.0 + 2.0 * noise.random())
        return logits

    def score(self, tokens: Sequence[int]) -> list[tuple[float, dict[int, float]]]:
        """Each token's logprob given the tokens before it, with the ``logprobs`` best alternatives
        (and the token itself when it is not among them).

        The first entry scores the first token without context; the API reports it as ``None``.
        """
        out = []
        since = 0
        k = self._params.logprobs or 0
        for i, token in enumerate(tokens):
            lps = _log_softmax(self._raw_logits(tokens[max(0, i - 3) : i], i, since, (token,)), 1.0)
            out.append((lps[token], _top(lps, k, token)))
            since = 0 if token == self._vocab.period else since + 1
        return out

    def _adjusted_logits(self) -> dict[int, float]:
        logits = self._raw_logits(self._context, self._step, self._since_period, self._params.logit_bias)
        bias = self._params.logit_bias
        for t, b in bias.items():
            logits[t] += b
        # -100 bans a token outright; +100 makes the biased tokens the only choices.
        forced = {t for t, b in bias.items() if b >= 100}
        logits = {t: x for t, x in logits.items() if bias.get(t, 0) > -100 and (not forced or t in forced)}
        if not logits:
            logits = {self._vocab.eot: 0.0}
        p = self._params
        return apply_penalties(logits, self._counts, p.frequency_penalty, p.presence_penalty)

    def step(self) -> Step:
        p = self._params
        logits = self._adjusted_logits()
        logprobs = _log_softmax(logits, p.temperature if p.temperature > 0 else 1.0)
        if p.temperature <= 0:
            token = min(logits, key=lambda t: (-logits[t], t))
        else:
            pool = [(t, math.exp(lp)) for t, lp in logprobs.items()]
            if p.top_p < 1:
                pool = nucleus(pool, p.top_p)
            r = self._rng.random()
            token = pool[-1][0]
            for t, prob in pool:
                r -= prob
                if r < 0:
                    token = t
                    break
        top = _top(logprobs, p.logprobs, token) if p.logprobs is not None else {}
        self._advance(token)
        return Step(token, logprobs[token], top)

    def _advance(self, token: int) -> None:
        self._counts[token] += 1
        self._context = [*self._context[-2:], token]
        self._step += 1
        self._since_period = 0 if token == self._vocab.period else self._since_period + 1
