"""Steps, their shared context, and the printing every step uses."""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openai_client import OpenAI

__all__ = ["Context", "Step", "run_steps", "say"]

INDENT = "    "


@dataclass(frozen=True)
class Context:
    """What every step gets: the client (and how to build another), and where to write files."""

    client: OpenAI
    base_url: str
    api_key: str
    output_dir: Path
    # Ids one step leaves for a later one (the uploaded file for the fine-tune, the job for its model).
    state: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    title: str
    run: Callable[[Context], None]


def say(text: str = "") -> None:
    """One indented line of a step's output."""
    print(f"{INDENT}{text}", flush=True)


def _header(number: int, total: int, title: str) -> None:
    print(f"\n==> [{number}/{total}] {title}", flush=True)


def run_steps(steps: Sequence[Step], context: Context) -> list[str]:
    """Run every step, even after a failure; returns the titles of the steps that failed."""
    failed: list[str] = []
    for number, step in enumerate(steps, start=1):
        _header(number, len(steps), step.title)
        started = time.perf_counter()
        try:
            step.run(context)
        except Exception as exc:  # a failed step is reported and the tour goes on
            failed.append(step.title)
            print(f"{INDENT}FAILED: {type(exc).__name__}: {exc}", flush=True)
            traceback.print_exc()
        else:
            say(f"({time.perf_counter() - started:.2f} s)")
    return failed
