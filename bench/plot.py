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
    fig, ax = plt.subplots(figsize=(9, 0.55 * len(rows) + 1.6), dpi=110)
    labels = []
    for i, row in enumerate(rows):
        colour = "#2e7d32" if row["met"] else "#c62828"
        ax.barh(i, row["plot_value"], color=colour, height=0.6)
        ax.plot([row["plot_target"]] * 2, [i - 0.4, i + 0.4], color="black", linewidth=2)
        shown = f"{row['plot_value']:.3g}"
        ax.text(row["plot_value"] * 1.05, i, shown, va="center", fontsize=8)
        unit = " (figure / limit)" if row["target"].endswith("MB") else ""
        labels.append(f"{row['metric']}{unit}\ntarget {row['target']}")
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlabel("ours / baseline (log scale); black tick = target; green = met, red = missed")
    ax.set_title("openai-toolkit benchmarks: ratios against targets")
    fig.tight_layout()
    fig.savefig(out)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
