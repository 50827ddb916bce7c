"""Peak RSS while uploading a 1 GiB file: `openai_client.uploads.upload_file` vs the SDK's `files.create`.

The file is sparse (reads return zeros without filling the disk) and is removed afterwards; both
clients send it as multipart to the same loopback sink (bench.sink), each from a fresh interpreter
that reports `ru_maxrss` when the upload is done.

    python -m bench.upload_rss [--size-mib N] [--sdk-python PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from ._common import emit
from .sink import serve_sink

__all__ = ["main"]

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "bench"
IDLE = (
    "import importlib, resource, sys; importlib.import_module(sys.argv[1]); "
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
)


def _run(command: list[str]) -> dict[str, Any]:
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _idle_mb(python: str, module: str) -> float:
    # What the interpreter and the client's imports hold before any upload: the floor under the peak.
    done = subprocess.run([python, "-c", IDLE, module], capture_output=True, text=True, check=True)
    return round(float(done.stdout), 1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--sdk-python", help="interpreter of the venv holding the official openai SDK")
    args = parser.parse_args(argv)
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / "upload-bench.jsonl"
    result: dict[str, Any] = {"size_mib": args.size_mib}
    try:
        with path.open("wb") as f:
            f.truncate(args.size_mib * 1024 * 1024)
        with serve_sink() as port:
            base_url = f"http://127.0.0.1:{port}/v1"
            result["ours"] = _run([sys.executable, "-m", "bench.upload_child", base_url, str(path)])
            result["ours"]["idle_rss_mb"] = _idle_mb(sys.executable, "openai_client.uploads")
            if args.sdk_python:
                result["sdk"] = _run([args.sdk_python, "-m", "bench.sdk_side", "upload", base_url, str(path)])
                result["sdk"]["idle_rss_mb"] = _idle_mb(args.sdk_python, "openai")
    finally:
        if path.exists():
            os.unlink(path)
    emit(result)


if __name__ == "__main__":
    main()
