"""Requests/s for one chat completion under wrk: our mock vs Prism vs a bare ASGI floor; SSE chunks/s of the mock.

Every server runs alone on 127.0.0.1 with one worker while wrk (`-t1 -c16`, short runs) sends a chat
completion POST twice over: one request repeated (bench/chat.lua; the mock caches answers by request
bytes, so this measures its cache) and every request unique (bench/chat_unique.lua; the mock generates
each answer); the unique mix runs once more against the mock's own `--workers 2`. Each server is started
in its own process group, and that group is stopped afterwards.
Runs that answer anything but 2xx are reported, not hidden.

    python -m bench.mock_throughput --prism PATH_TO_PRISM_BIN [--seconds S] [--runs N]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from ._common import TOKEN, emit
from ._servers import ROOT, free_port, mock_available, mock_command, serve, uvicorn_command

__all__ = ["main"]

LUA = {"same": ROOT / "bench" / "chat.lua", "unique": ROOT / "bench" / "chat_unique.lua"}
CHAT = {"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "Say this is a test!"}], "max_tokens": 16}


def _check(url: str) -> str:
    response = httpx.post(url, json=CHAT, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
    if response.status_code != 200 or "choices" not in response.json():
        raise RuntimeError(f"{url} answered {response.status_code}: {response.text[:300]}")
    return response.text


def _wrk(url: str, seconds: int, connections: int, script: Path) -> dict[str, float]:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), url]
    command += ["--", uuid.uuid4().hex]  # the prefix that keeps chat_unique.lua's messages unique across runs
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 30).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    if rps is None:
        raise RuntimeError(f"wrk printed no rate:\n{out}")
    return {"rps": float(rps.group(1)), "non_2xx": float(bad.group(1)) if bad else 0.0, "socket_errors": bool(errors)}


def _load(url: str, seconds: int, runs: int, connections: int, script: Path) -> dict[str, Any]:
    sample = _check(url)
    _wrk(url, 1, connections, script)  # warm-up: lazy tables load, Node's JIT compiles
    results = [_wrk(url, seconds, connections, script) for _ in range(runs)]
    return {
        "rps": statistics.median(r["rps"] for r in results),
        "runs": [r["rps"] for r in results],
        "non_2xx": sum(r["non_2xx"] for r in results),
        "socket_errors": any(r["socket_errors"] for r in results),
        "response_bytes": len(sample.encode()),
    }


def _sse_rate(base: str, max_tokens: int, runs: int) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    rates: list[float] = []
    counts: list[int] = []
    with httpx.Client(timeout=60) as http:
        for _ in range(runs):
            # A new message each run (the mock replays cached answers); logit_bias bans cl100k's end-of-text
            # token (as the real API allows), so the stream runs to max_tokens.
            message = {"role": "user", "content": f"Tell a long story, {uuid.uuid4().hex}."}
            body = {**CHAT, "messages": [message], "max_tokens": max_tokens, "stream": True}
            body["logit_bias"] = {"100257": -100}
            count = 0
            start = time.perf_counter()
            with http.stream("POST", f"{base}/chat/completions", json=body, headers=headers) as response:
                response.raise_for_status()
                for line in response.iter_lines():
                    if line.startswith("data: ") and line != "data: [DONE]":
                        count += 1
            rates.append(count / (time.perf_counter() - start))
            counts.append(count)
    return {"chunks_per_s": statistics.median(rates), "rates": rates, "chunks": counts, "max_tokens": max_tokens}


def _spec_as_json(folder: Path) -> Path:
    """The spec as the mock serves it at /openapi.json: Prism's YAML parser fails on the !!binary file examples."""
    from openai_mock.spec import load_spec

    path = folder / "openapi.json"
    path.write_bytes(load_spec(ROOT / "spec" / "openapi.yaml").json_bytes)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--prism", type=Path, help="the prism executable (node_modules/.bin/prism)")
    parser.add_argument("--seconds", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--sse-max-tokens", type=int, default=4000)
    args = parser.parse_args(argv)
    logs = ROOT / ".cache" / "bench"
    logs.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"seconds": args.seconds, "runs": args.runs, "connections": args.connections}

    load = (args.seconds, args.runs, args.connections)
    port = free_port()
    floor = [
        *uvicorn_command("bench.floor_app:app", port),
        "--lifespan",
        "off",
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    with serve(floor, port, logs / "floor.log"):
        result["floor"] = _load(f"http://127.0.0.1:{port}/v1/chat/completions", *load, LUA["same"])

    port = free_port()
    if not mock_available():
        result["mock_error"] = "openai_mock.app is not available"
    else:
        with serve(mock_command(port), port, logs / "mock.log"):
            base = f"http://127.0.0.1:{port}/v1"
            for kind, script in LUA.items():
                result[f"mock_{kind}"] = _load(f"{base}/chat/completions", *load, script)
            result["mock_sse"] = _sse_rate(base, args.sse_max_tokens, args.runs)
        # The same unique mix against `openai-mock --workers 2`: what a second process adds on this machine.
        port = free_port()
        with serve([*mock_command(port), "--workers", "2"], port, logs / "mock-workers2.log"):
            result["mock_unique_workers2"] = _load(f"http://127.0.0.1:{port}/v1/chat/completions", *load, LUA["unique"])

    if args.prism is not None:
        port = free_port()
        prism = [str(args.prism), "mock", str(_spec_as_json(logs)), "-h", "127.0.0.1", "-p", str(port)]
        with serve(prism, port, logs / "prism.log"):
            for kind, script in LUA.items():
                # Prism drops the server URL's /v1 prefix.
                result[f"prism_{kind}"] = _load(f"http://127.0.0.1:{port}/chat/completions", *load, script)
    emit(result)


if __name__ == "__main__":
    main()
