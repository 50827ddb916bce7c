"""Draw docs/benchmarks.png from rows.json: each targeted ratio as a bar, its target as a tick.

Runs in the benchmark venv (matplotlib is no dependency of the project):

    python -m bench.plot RESULTS_DIR/rows.json docs/benchmarks.png
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import matplotlib  # type: ignore[import-not-found, unused-ignore]

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # type: ignore[import-not-found, unused-ignore]

__all__ = ["main"]


def main(rows_path: Path, out: Path) -> None:
    rows: list[dict[str, Any]] = [r for r in json.loads(rows_path.read_text()) if r["plot_value"] is not None]
    fig, ax = plt.subplots(figsize=(9.5, 0.6 * len(rows) + 1.6), dpi=110)
    labels = []
    for i, row in enumerate(rows):
        value, target = row["plot_value"], row["plot_target"]
        colour = "#2e7d32" if row["met"] else "#c62828"
        ax.barh(i, value, color=colour, height=0.6)
        ax.plot([target, target], [i - 0.42, i + 0.42], color="black", linewidth=2.5)
        # Next to the bar's end, unless the target tick sits right there.
        at = target * 1.06 if value < target < value * 1.6 else value * 1.06
        ax.text(at, i, f"{value:.3g}", va="center", fontsize=8)
        unit = " (figure / limit)" if row["target"].endswith("MB") else ""
        labels.append(f"{row['metric']}{unit}\ntarget {row['target']}")
    ax.axvline(1.0, color="grey", linestyle=":", linewidth=1)  # parity with the baseline
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xscale("log")
    top = max(max(r["plot_value"], r["plot_target"]) for r in rows)
    low = min(min(r["plot_value"], r["plot_target"]) for r in rows)
    ax.set_xlim(low / 1.6, top * 2.2)
    ax.set_xlabel("ours / baseline (log scale); black tick = target, dotted = parity; green = met, red = missed")
    ax.set_title("Benchmarks: ratios against their targets (one run, one machine)")
    fig.tight_layout()
    fig.savefig(out)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
