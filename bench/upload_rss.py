"""Uploading a 1 GiB file: `openai_client.uploads.upload_file` and the facade's `files.create` vs the SDK's.

The file is sparse (reads return zeros without filling the disk) and is removed afterwards; both
clients send it as multipart to the same loopback sink (bench.sink), each from a fresh interpreter
that reports wall and CPU seconds and `ru_maxrss` when the upload is done.

Fairness: the file is read once before either client runs, because the first read of a fresh
sparse file makes the kernel fill the page cache with its zeros (about 2 s per GiB here), a cost
only the first client would pay; and the sides alternate for `--rounds` rounds (best time of each
side kept, as timeit keeps its best loop; the largest RSS is kept).

    python -m bench.upload_rss [--size-mib N] [--rounds R] [--sdk-python PATH]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from ._common import emit
from ._runs import best_run, run_child
from .sink import serve_sink

__all__ = ["main"]

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "bench"
IDLE = (
    "import importlib, resource, sys; importlib.import_module(sys.argv[1]); "
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
)


def _idle_mb(python: str, module: str) -> float:
    # What the interpreter and the client's imports hold before any upload: the floor under the peak.
    done = subprocess.run([python, "-c", IDLE, module], capture_output=True, text=True, check=True)
    return round(float(done.stdout), 1)


def _warm(path: Path) -> None:
    with path.open("rb", buffering=0) as f:
        buffer = bytearray(1 << 20)
        while f.readinto(buffer):
            pass


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--sdk-python", help="interpreter of the venv holding the official openai SDK")
    args = parser.parse_args(argv)
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / "upload-bench.jsonl"
    result: dict[str, Any] = {"size_mib": args.size_mib}
    try:
        with path.open("wb") as f:
            f.truncate(args.size_mib * 1024 * 1024)
        _warm(path)
        with serve_sink() as port:
            base_url = f"http://127.0.0.1:{port}/v1"
            ours = [sys.executable, "-m", "bench.upload_child", base_url, str(path)]
            sides = {"ours": ours, "facade": [*ours, "--facade"]}
            if args.sdk_python:
                sides["sdk"] = [args.sdk_python, "-m", "bench.sdk_side", "upload", base_url, str(path)]
            runs: dict[str, list[dict[str, Any]]] = {side: [] for side in sides}
            for round_number in range(max(1, args.rounds)):
                order = list(sides) if round_number % 2 == 0 else list(reversed(sides))
                for side in order:
                    runs[side].append(run_child(sides[side]))
            result["ours"] = best_run(runs["ours"], smallest=["cpu_seconds"], largest=["peak_rss_mb"])
            result["ours"]["idle_rss_mb"] = _idle_mb(sys.executable, "openai_client.uploads")
            result["facade"] = best_run(runs["facade"], smallest=["cpu_seconds"], largest=["peak_rss_mb"])
            result["facade"]["idle_rss_mb"] = _idle_mb(sys.executable, "openai_client.resources.files")
            if args.sdk_python:
                result["sdk"] = best_run(runs["sdk"], smallest=["cpu_seconds"], largest=["peak_rss_mb"])
                result["sdk"]["idle_rss_mb"] = _idle_mb(args.sdk_python, "openai")
    finally:
        if path.exists():
            os.unlink(path)
    emit(result)


if __name__ == "__main__":
    main()
