"""The mock receiving a large upload to disk vs a bare ASGI app that discards the body.

One JSON Lines training file (valid, so the mock checks and stores all of it) is sent by our upload
helper, from a fresh interpreter, to each server in turn: the mock with a data directory (SQLite and blobs
on disk), the same with `--fsync` (every change on the disk before it is answered) and
`bench.discard_app`, all under the same uvicorn with one worker. Reported: the wall time of
each upload and the server's peak RSS (VmHWM) once the upload is done, so constant memory shows as a
peak that does not grow with the file. The mock answers one chat completion first: it loads its
tokenizer tables in the background at start, and the idle figure is the warm server's, not a server
still filling them while the upload runs. Each round also writes as many bytes straight to a file on the
same disk and syncs it: the least any server that waits for the disk (as `--fsync` does) can take.

    python -m bench.mock_upload [--size-mib N] [--rounds R]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from ._common import CHAT_REQUEST, TOKEN, emit
from ._runs import best_run, run_child
from ._servers import ROOT, free_port, mock_available, mock_command, peak_rss_mb, serve, uvicorn_command

__all__ = ["main"]

CACHE = ROOT / ".cache" / "bench"
LINE = json.dumps({"prompt": "Say this is a test " * 24, "completion": " This is a test." * 24}).encode() + b"\n"


def _training_file(path: Path, size_mib: int) -> int:
    block = LINE * ((1 << 20) // len(LINE))
    with path.open("wb") as f:
        for _ in range(size_mib):
            f.write(block)
    return path.stat().st_size


def _warm(base_url: str) -> None:
    """One chat completion: it waits for the tokenizer the mock loads at start."""
    headers = {"Authorization": f"Bearer {TOKEN}"}
    httpx.post(f"{base_url}/chat/completions", json=CHAT_REQUEST, headers=headers, timeout=120).raise_for_status()


def _disk_write(path: Path, size: int) -> dict[str, Any]:
    """Writing `size` bytes to a new file beside the mock's data, then fsync: what the disk alone takes."""
    block = bytes(1 << 20)
    start = time.perf_counter()
    with path.open("wb", buffering=0) as f:
        for _ in range(size // len(block)):
            f.write(block)
        f.write(block[: size % len(block)])
        os.fsync(f.fileno())
    seconds = time.perf_counter() - start
    path.unlink()
    return {"seconds": round(seconds, 3)}


def _side(command: list[str], port: int, name: str, path: Path, warm: bool) -> dict[str, Any]:
    with serve(command, port, CACHE / f"{name}.log") as proc:
        if warm:
            _warm(f"http://127.0.0.1:{port}/v1")
        idle = peak_rss_mb(proc.pid)
        run = run_child([sys.executable, "-m", "bench.upload_child", f"http://127.0.0.1:{port}/v1", str(path)], 900)
        run["server_idle_rss_mb"] = round(idle, 1)
        run["server_peak_rss_mb"] = round(peak_rss_mb(proc.pid), 1)
    return run


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    CACHE.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"size_mib": args.size_mib}
    with tempfile.TemporaryDirectory(dir=CACHE, prefix="mock-upload-") as scratch:
        path = Path(scratch) / "training.jsonl"
        result["bytes"] = _training_file(path, args.size_mib)
        runs: dict[str, list[dict[str, Any]]] = {"mock": [], "mock_fsync": [], "floor": [], "disk": []}
        for round_number in range(max(1, args.rounds)):
            order = ["mock", "mock_fsync", "floor"]
            if round_number % 2:
                order.reverse()
            for side in order:
                port = free_port()
                if side == "floor":
                    command = [*uvicorn_command("bench.discard_app:app", port), "--lifespan", "off"]
                    command += ["--no-access-log", "--log-level", "warning"]
                else:
                    data = Path(scratch) / f"data-{side}-{round_number}"
                    limits = ["--max-body-bytes", str(4 << 30), "--quota-bytes", str(8 << 30)]
                    if side == "mock_fsync":
                        limits.append("--fsync")
                    if not mock_available():
                        result["mock_error"] = "openai_mock.app is not available"
                        continue
                    command = mock_command(port, "--data-dir", str(data), *limits)
                runs[side].append(_side(command, port, f"upload-{side}", path, warm=side != "floor"))
            runs["disk"].append(_disk_write(Path(scratch) / "disk-floor.bin", result["bytes"]))
    for side, side_runs in runs.items():
        result[side] = best_run(side_runs, largest=["server_peak_rss_mb"] if side != "disk" else [])
    emit(result)


if __name__ == "__main__":
    main()
