"""SSE parsing throughput: chunks/s of `stream_chat_completion` and of the facade's
`OpenAI().chat.completions.create(..., stream=True)` vs the SDK's `stream=True` over the same body.

The body (CHUNKS ChatCompletionChunk events, then `data: [DONE]`) is built once and served by a
MockTransport in 16 KiB reads; each side parses every event into its chunk type and reads the delta.
Rates are per second of this process's CPU time (nothing blocks), so other load on the machine does
not leak into them.

    python -m bench.sse_throughput [--chunks N] [--repeat R] [--sdk-python PATH]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import time
from typing import Any

import httpx

from openai_client import AuthenticatedClient, OpenAI
from openai_client.streaming import stream_chat_completion

from ._common import API_BASE, CHAT_REQUEST, TOKEN, emit, sse_body, sse_transport

__all__ = ["main", "measure_facade", "measure_ours"]


def measure_ours(chunks: int, repeat: int) -> list[float]:
    transport = sse_transport(sse_body(chunks))
    client = AuthenticatedClient(base_url=API_BASE, token=TOKEN, httpx_args={"transport": transport})
    rates: list[float] = []
    for _ in range(repeat):
        start = time.process_time()
        count = 0
        with stream_chat_completion(client, CHAT_REQUEST) as stream:
            for chunk in stream:
                _ = chunk.choices[0].delta.content
                count += 1
        rates.append(count / (time.process_time() - start))
        if count != chunks:
            raise SystemExit(f"expected {chunks} chunks, got {count}")
    return rates


def measure_facade(chunks: int, repeat: int) -> list[float]:
    client = OpenAI(
        api_key=TOKEN, base_url=API_BASE, http_client=httpx.Client(transport=sse_transport(sse_body(chunks)))
    )
    rates: list[float] = []
    for _ in range(repeat):
        start = time.process_time()
        count = 0
        stream = client.chat.completions.create(
            model=CHAT_REQUEST["model"], messages=CHAT_REQUEST["messages"], stream=True
        )
        for chunk in stream:
            _ = chunk.choices[0].delta.content
            count += 1
        rates.append(count / (time.process_time() - start))
        if count != chunks:
            raise SystemExit(f"expected {chunks} chunks, got {count}")
    return rates


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=2, help="streams per side and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sdk-python", help="interpreter of the venv holding the official openai SDK")
    args = parser.parse_args(argv)
    # Rounds alternate the sides; each side keeps its best round median, as timeit keeps its best loop.
    ours: list[list[float]] = []
    facade: list[list[float]] = []
    sdk: list[list[float]] = []
    version = None
    for _ in range(args.rounds):
        ours.append(measure_ours(args.chunks, args.repeat))
        facade.append(measure_facade(args.chunks, args.repeat))
        if args.sdk_python:
            command = [args.sdk_python, "-m", "bench.sdk_side", "sse", str(args.chunks), str(args.repeat)]
            answer = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
            sdk.append(answer["rates"])
            version = answer["version"]
    result: dict[str, Any] = {"chunks": args.chunks, "body_bytes": len(sse_body(args.chunks))}
    result["ours"] = {"chunks_per_s": max(statistics.median(r) for r in ours), "rates": ours}
    result["facade"] = {"chunks_per_s": max(statistics.median(r) for r in facade), "rates": facade}
    if sdk:
        result["sdk"] = {"chunks_per_s": max(statistics.median(r) for r in sdk), "rates": sdk, "version": version}
    emit(result)


if __name__ == "__main__":
    main()
