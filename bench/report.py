"""Write docs/BENCHMARKS.md from the results of one `scripts/bench` run (and rows.json for the plot).

python -m bench.report RESULTS_DIR [--elapsed SECONDS]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

from .rows import Row, build_rows

__all__ = ["main", "render"]

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "BENCHMARKS.md"
NAMES = ("overhead", "sse", "imports", "upload", "mock_upload", "regenerate", "mock", "meta")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _prism_version() -> str:
    package = ROOT / ".cache" / "bench" / "prism" / "node_modules" / "@stoplight" / "prism-cli" / "package.json"
    try:
        return str(json.loads(package.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "?"


def _wrk_version() -> str:
    try:
        done = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    except OSError:
        return "not installed"
    first = (done.stdout or done.stderr).strip().splitlines()
    return first[0].split(" [")[0] if first else "unknown"


def _machine(results: dict[str, dict[str, Any]], elapsed: float | None) -> list[str]:
    meta = results.get("meta", {})
    overhead_sdk = results.get("overhead", {}).get("sdk", {})
    lines = [
        f"- Date: {datetime.datetime.now(datetime.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- CPU: {_cpu_model()}, {os.cpu_count()} logical cores; load average at start: {meta.get('load', '?')}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), {platform.system()}",
        f"- Compared with: openai SDK {overhead_sdk.get('version', '?')} (own venv), "
        f"Prism {_prism_version()}, {_wrk_version()}, httpx {meta.get('httpx', '?')}",
    ]
    if elapsed is not None:
        lines.append(f"- `scripts/bench` took {elapsed / 60:.1f} min for this run, installs excluded")
    return lines


def _table(rows: list[Row]) -> list[str]:
    out = ["| metric | ours | baseline | ratio | target | met? |", "| --- | ---: | ---: | ---: | --- | --- |"]
    for row in rows:
        ratio = f"{row.ratio:.3g}x" if row.ratio is not None else "-"
        met = {True: "yes", False: "**no**", None: "-"}[row.met]
        out.append(f"| {row.metric} | {row.ours} | {row.baseline} | {ratio} | {row.target} | {met} |")
    return out


def render(results: dict[str, dict[str, Any]], elapsed: float | None) -> str:
    rows = build_rows(results)
    notes = (ROOT / "bench" / "NOTES.md").read_text(encoding="utf-8").strip()
    parts = [
        "# Benchmarks",
        "",
        "Written by `scripts/bench` (do not edit by hand: the next run rewrites this file and",
        "`docs/benchmarks.png`). All figures come from one run on one machine; ratios are ours divided",
        "by the baseline, so below 1 is faster or smaller for time and memory, above 1 is faster for rates.",
        "",
        "## Machine",
        "",
        *_machine(results, elapsed),
        "",
        "## Results",
        "",
        *_table(rows),
        "",
        "![ratios against their targets](benchmarks.png)",
        "",
        notes,
        "",
    ]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("results", type=Path)
    parser.add_argument("--elapsed", type=float)
    args = parser.parse_args(argv)
    results: dict[str, dict[str, Any]] = {}
    for name in NAMES:
        path = args.results / f"{name}.json"
        if path.is_file():
            results[name] = json.loads(path.read_text(encoding="utf-8"))
    DOC.write_text(render(results, args.elapsed), encoding="utf-8")
    rows = [row.as_dict() for row in build_rows(results)]
    (args.results / "rows.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
