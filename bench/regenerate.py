"""Wall time of `scripts/generate --output DIR` (both generators and their formatting hooks), median of N.

python -m bench.regenerate [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from ._common import emit

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    seconds: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-generate-") as scratch:
        for run in range(args.runs):
            start = time.perf_counter()
            command = [str(ROOT / "scripts" / "generate"), "--output", str(Path(scratch) / f"run{run}")]
            subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
            seconds.append(time.perf_counter() - start)
    emit({"seconds": statistics.median(seconds), "runs": seconds})


if __name__ == "__main__":
    main()
