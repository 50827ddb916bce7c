"""What the pytest suite and the conform runner share: paths, the API key variable, and the two profiles."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "API_KEY_VARIABLE",
    "CONFIG_PATH",
    "DEFAULT_API_KEY",
    "PROFILES",
    "PROFILE_VARIABLE",
    "ROOT",
    "SPEC_PATH",
    "Profile",
    "active_profile",
]

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "spec" / "openapi.yaml"
CONFIG_PATH = ROOT / "conform" / "schemathesis.toml"
# conform/schemathesis.toml reads the bearer key from here, so the key never sits in a file.
API_KEY_VARIABLE = "OPENAI_CONFORM_API_KEY"
DEFAULT_API_KEY = "sk-test"
PROFILE_VARIABLE = "PROPERTY_PROFILE"


@dataclass(frozen=True)
class Profile:
    """How hard to search.

    ``max_examples`` bounds the fuzzing phase per operation (positive and negative cases share it);
    the examples and coverage phases add their own fixed cases on top. ``stateful_examples`` is
    the number of scenarios of the stateful phase, each up to ``stateful_steps`` linked calls.
    ``derandomize`` fixes the seed so that CI runs are reproducible.
    """

    name: str
    max_examples: int
    stateful_examples: int
    stateful_steps: int
    derandomize: bool


PROFILES = {
    "ci": Profile("ci", max_examples=50, stateful_examples=150, stateful_steps=10, derandomize=True),
    "deep": Profile("deep", max_examples=500, stateful_examples=600, stateful_steps=12, derandomize=False),
}


def active_profile() -> Profile:
    """The profile named by ``PROPERTY_PROFILE`` (default ``ci``); an unknown name is an error, not a fallback."""
    name = os.environ.get(PROFILE_VARIABLE, "ci").strip().lower() or "ci"
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(f"{PROFILE_VARIABLE}={name!r}: expected one of {', '.join(sorted(PROFILES))}") from None
