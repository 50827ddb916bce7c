"""A deterministic lexicon classifier for /moderations.

Each category has weighted stems; a category's score is ``sigmoid(bias + sum of weights of
the stems found)``, and it is flagged at 0.5 or more. A result is flagged when any category is.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import InvalidRequestError, NotFoundError

__all__ = ["CATEGORIES", "ModerationResult", "moderate", "moderation_id", "resolve_model"]

CATEGORIES = ("hate", "hate/threatening", "self-harm", "sexual", "sexual/minors", "violence", "violence/graphic")

_BIAS = -5.0
_LEXICON: dict[str, dict[str, float]] = {
    "hate": {
        "hate": 3.0,
        "inferior": 2.5,
        "vermin": 4.0,
        "subhuman": 5.0,
        "scum": 3.0,
        "them all": 1.5,
        "go back to": 2.5,
        "disgusting people": 4.0,
    },
    "hate/threatening": {
        "kill them": 4.6,
        "exterminate": 5.0,
        "wipe them out": 5.5,
        "hunt them": 4.5,
        "them all": 1.0,
        "burn them": 4.5,
    },
    "self-harm": {
        "kill myself": 7.0,
        "suicide": 6.0,
        "hurt myself": 6.0,
        "cut myself": 6.5,
        "end my life": 7.0,
        "self-harm": 6.0,
        "want to die": 6.0,
    },
    "sexual": {"sex": 5.0, "nude": 4.5, "naked": 4.0, "porn": 6.5, "erotic": 5.5, "orgasm": 6.0},
    "sexual/minors": {"child porn": 9.0, "underage sex": 9.0, "minor nude": 9.0},
    "violence": {
        "kill": 7.5,
        "murder": 7.5,
        "attack": 4.0,
        "shoot": 6.0,
        "stab": 6.5,
        "beat up": 5.5,
        "bomb": 6.0,
        "hurt": 4.0,
        "punch": 4.0,
        "weapon": 3.0,
        "want to": 0.5,
    },
    "violence/graphic": {
        "blood": 3.5,
        "gore": 6.0,
        "dismember": 7.0,
        "guts": 4.5,
        "mutilat": 7.0,
        "decapitat": 7.0,
        "corpse": 4.0,
    },
}
_PATTERNS = {
    cat: [(re.compile(r"\b" + re.escape(stem)), w) for stem, w in lex.items()] for cat, lex in _LEXICON.items()
}


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


@dataclass(frozen=True)
class ModerationResult:
    categories: dict[str, bool]
    category_scores: dict[str, float]

    @property
    def flagged(self) -> bool:
        return any(self.categories.values())

    def to_dict(self) -> dict[str, Any]:
        return {"flagged": self.flagged, "categories": self.categories, "category_scores": self.category_scores}


def _classify(text: str) -> ModerationResult:
    lowered = text.lower()
    # A small per-text jitter keeps unrelated categories from all sharing one score.
    jitter = hashlib.sha256(lowered.encode()).digest()
    scores = {}
    for i, cat in enumerate(CATEGORIES):
        total = _BIAS + jitter[i] / 255 + sum(w for pattern, w in _PATTERNS[cat] if pattern.search(lowered))
        scores[cat] = _sigmoid(total)
    return ModerationResult({c: s >= 0.5 for c, s in scores.items()}, scores)


def resolve_model(model: str | None) -> str:
    """The model id a response names: both aliases currently resolve to the first version."""
    if model in (None, "text-moderation-latest", "text-moderation-stable", "text-moderation-001"):
        return "text-moderation-001"
    # Any string is a schema-valid model name; an unknown one is a 404, as for every other model field.
    raise NotFoundError(f"The model `{model}` does not exist", param="model", code="model_not_found")


def moderation_id(inputs: Sequence[str]) -> str:
    return "modr-" + hashlib.sha256("\x00".join(inputs).encode()).hexdigest()[:24]


def moderate(inputs: str | Sequence[str]) -> list[ModerationResult]:
    """One result per input string."""
    items = [inputs] if isinstance(inputs, str) else list(inputs)
    if not items or not all(isinstance(i, str) for i in items):
        raise InvalidRequestError("'$.input' is invalid. Please check the API reference.", param="input")
    return [_classify(t) for t in items]
