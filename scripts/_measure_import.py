"""Measure what `import openai_client` costs next to `import httpx`.

Each sample is a fresh interpreter that times one import (interpreter start-up excluded) and reports its peak
RSS; samples of the two modules alternate so that machine noise hits both alike. Prints medians and the ratio;
`--json` prints them as one JSON object; `--max-ratio` / `--max-rss-mb` turn the figures into a pass/fail check.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

__all__ = ["Sample", "main", "measure", "sample"]

# Runs inside the child: time the import alone, then read the peak resident set (KiB on Linux).
# argv[2] == "cpu" times with the process's CPU clock, which other load on the machine does not inflate.
_CHILD = """
import importlib, resource, sys, time
clock = time.process_time if sys.argv[2:] == ["cpu"] else time.perf_counter
start = clock()
importlib.import_module(sys.argv[1])
elapsed = clock() - start
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

Sample = tuple[float, float]  # (seconds, peak RSS in MB)


def sample(module: str, python: str = sys.executable, cpu: bool = False) -> Sample:
    """Import `module` once in a new interpreter; return (seconds, peak RSS MB)."""
    command = [python, "-c", _CHILD, module, *(["cpu"] if cpu else [])]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    seconds, rss_kib = result.stdout.split()
    return float(seconds), int(rss_kib) / 1024


def measure(
    baseline: str, subject: str, runs: int, python: str = sys.executable, cpu: bool = False
) -> dict[str, float]:
    """Medians of `runs` alternating samples of both modules, and their ratio."""
    base: list[Sample] = []
    subj: list[Sample] = []
    for _ in range(runs):
        base.append(sample(baseline, python, cpu))
        subj.append(sample(subject, python, cpu))
    base_s = statistics.median(s for s, _ in base)
    subj_s = statistics.median(s for s, _ in subj)
    return {
        "runs": runs,
        f"{baseline}_ms": round(base_s * 1000, 2),
        f"{subject}_ms": round(subj_s * 1000, 2),
        "ratio": round(subj_s / base_s, 3),
        f"{baseline}_rss_mb": round(statistics.median(r for _, r in base), 1),
        f"{subject}_rss_mb": round(statistics.median(r for _, r in subj), 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15, help="samples per module (default: %(default)s)")
    parser.add_argument("--baseline", default="httpx")
    parser.add_argument("--module", default="openai_client")
    parser.add_argument("--python", default=sys.executable, help="interpreter to measure with")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--cpu", action="store_true", help="time with CPU time instead of wall time")
    parser.add_argument("--max-ratio", type=float, help="fail when the time ratio is above this")
    parser.add_argument("--max-rss-mb", type=float, help="fail when the module's peak RSS is above this")
    args = parser.parse_args(argv)
    figures = measure(args.baseline, args.module, args.runs, args.python, args.cpu)
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>24}: {value}")
    failed = False
    if args.max_ratio is not None and figures["ratio"] > args.max_ratio:
        print(f"import time ratio {figures['ratio']} is above {args.max_ratio}", file=sys.stderr)
        failed = True
    rss = figures[f"{args.module}_rss_mb"]
    if args.max_rss_mb is not None and rss > args.max_rss_mb:
        print(f"peak RSS {rss} MB is above {args.max_rss_mb} MB", file=sys.stderr)
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
