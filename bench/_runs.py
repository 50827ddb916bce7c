"""A measurement run in a fresh interpreter, and the best of several such runs."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from typing import Any

from ._servers import ROOT

__all__ = ["best_run", "run_child"]


def run_child(command: list[str], timeout: float = 600) -> dict[str, Any]:
    """The JSON object `command` prints, or `{"error": its last line of stderr}` when it fails."""
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]}
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def best_run(
    runs: Sequence[dict[str, Any]], *, smallest: Sequence[str] = (), largest: Sequence[str] = ()
) -> dict[str, Any]:
    """The fastest run (its `seconds`), with the smallest and the largest value of the keys named across all
    runs (timeit keeps its best loop; a peak is only as small as its largest sample), and every run's time.
    A failed run is the result when there is one."""
    failed = [run for run in runs if "error" in run]
    if failed or not runs:
        return failed[0] if failed else {"error": "not run"}
    best = dict(min(runs, key=lambda run: float(run["seconds"])))
    for key in smallest:
        best[key] = min(float(run[key]) for run in runs)
    for key in largest:
        best[key] = max(float(run[key]) for run in runs)
    best["runs_seconds"] = [round(float(run["seconds"]), 3) for run in runs]
    return best
