"""Canned payloads and timing helpers shared by both sides of the comparison (stdlib + httpx only).

Both the project venv and the SDK venv import this module, so every client parses the very same
bytes and is timed by the very same loop.
"""

from __future__ import annotations

import base64
import gc
import json
import random
import statistics
import struct
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from types import ModuleType
from typing import Any

import httpx

__all__ = [
    "API_BASE",
    "CHAT_REQUEST",
    "EMBEDDING_DIM",
    "EMBEDDING_INPUTS",
    "TOKEN",
    "chat_response_bytes",
    "embedding_response_bytes",
    "emit",
    "json_transport",
    "per_call_seconds",
    "sse_body",
    "sse_transport",
    "uploaded_file_bytes",
]

API_BASE = "https://api.openai.com/v1"
TOKEN = "sk-bench-0000000000000000000000000000000000000000"
EMBEDDING_DIM = 1536
EMBEDDING_INPUTS = 16
CHAT_REQUEST: dict[str, Any] = {
    "model": "gpt-3.5-turbo",
    "messages": [
        {"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": "Who won the world series in 2020?"},
    ],
}


def chat_response_bytes() -> bytes:
    """A chat completion as the 2023 API answered it (about 400 bytes)."""
    return json.dumps(
        {
            "id": "chatcmpl-7QyqpwdfhqwajicIEznoc6Q47XAyW",
            "object": "chat.completion",
            "created": 1686676106,
            "model": "gpt-3.5-turbo-0613",
            "choices": [
                {
                    "index": 0,
                    "message": {
                        "role": "assistant",
                        "content": "The Los Angeles Dodgers won the World Series in 2020.",
                    },
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 27, "completion_tokens": 13, "total_tokens": 40},
        }
    ).encode()


def _vectors() -> list[list[float]]:
    # float32-representable values, so the float and base64 answers carry exactly the same numbers.
    rng = random.Random(1536)
    out: list[list[float]] = []
    for _ in range(EMBEDDING_INPUTS):
        raw = struct.pack(f"<{EMBEDDING_DIM}f", *(rng.gauss(0.0, 0.03) for _ in range(EMBEDDING_DIM)))
        out.append(list(struct.unpack(f"<{EMBEDDING_DIM}f", raw)))
    return out


def embedding_response_bytes(encoding_format: str) -> bytes:
    """16 x 1536 embeddings as JSON floats ("float") or base64 of little-endian float32 ("base64")."""
    data: list[dict[str, Any]] = []
    for index, vector in enumerate(_vectors()):
        value: list[float] | str = vector
        if encoding_format == "base64":
            value = base64.b64encode(struct.pack(f"<{EMBEDDING_DIM}f", *vector)).decode()
        data.append({"object": "embedding", "embedding": value, "index": index})
    usage = {"prompt_tokens": 8 * EMBEDDING_INPUTS, "total_tokens": 8 * EMBEDDING_INPUTS}
    return json.dumps({"object": "list", "data": data, "model": "text-embedding-ada-002-v2", "usage": usage}).encode()


def sse_body(chunks: int) -> bytes:
    """A streamed chat completion of `chunks` ChatCompletionChunk events, then `data: [DONE]`."""
    head = {"id": "chatcmpl-7QyqpwdfhqwajicIEznoc6Q47XAyW", "object": "chat.completion.chunk", "created": 1686676106}
    words = ["The", " quick", " brown", " fox", " jumps", " over", " the", " lazy", " dog", "."]
    lines: list[bytes] = []
    for i in range(chunks):
        if i == 0:
            delta: dict[str, str] = {"role": "assistant", "content": ""}
        elif i == chunks - 1:
            delta = {}
        else:
            delta = {"content": words[i % len(words)]}
        finish = "stop" if i == chunks - 1 else None
        chunk = {
            **head,
            "model": "gpt-3.5-turbo-0613",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        lines.append(b"data: " + json.dumps(chunk).encode() + b"\n\n")
    lines.append(b"data: [DONE]\n\n")
    return b"".join(lines)


def json_transport(body: bytes, http: ModuleType = httpx) -> Any:
    """A MockTransport answering every request with `body` as JSON.

    `http` is httpx, or the httpx fork the official SDK is built on (same API): the handler is the same
    for every client measured.
    """
    headers = {"content-type": "application/json"}

    def handler(request: Any) -> Any:
        return http.Response(200, headers=headers, content=body)

    return http.MockTransport(handler)


def sse_transport(body: bytes, http: ModuleType = httpx, piece: int = 16 * 1024) -> Any:
    """A MockTransport serving `body` as text/event-stream in `piece`-byte reads, as a socket hands it over."""
    pieces = [body[i : i + piece] for i in range(0, len(body), piece)]
    headers = {"content-type": "text/event-stream"}

    def handler(request: Any) -> Any:
        return http.Response(200, headers=headers, content=iter(pieces))

    return http.MockTransport(handler)


def per_call_seconds(fns: Mapping[str, Callable[[], object]], repeat: int = 7, budget: float = 0.2) -> dict[str, float]:
    """timeit-style seconds per call of each function: the median of `repeat` timed loops.

    Each loop count is calibrated to about `budget` seconds; the loops of the different functions are
    interleaved, so that a burst of load from elsewhere on the machine hits all of them alike.
    """
    numbers = {name: _calibrate(fn, budget) for name, fn in fns.items()}
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            samples[name].append(_loop(fn, numbers[name]) / numbers[name])
    return {name: statistics.median(values) for name, values in samples.items()}


def _calibrate(fn: Callable[[], object], budget: float) -> int:
    fn()  # warm caches and lazy imports outside the clock
    number = 1
    while True:
        elapsed = _loop(fn, number)
        if elapsed >= budget / 4 or number >= 1 << 20:
            break
        number *= 2
    return max(1, round(number * budget / max(elapsed, 1e-9)))


def _loop(fn: Callable[[], object], number: int) -> float:
    iterations: Iterator[None] = iter([None] * number)
    was_enabled = gc.isenabled()
    gc.disable()  # as timeit does: collector pauses would land on whichever client happens to be running
    try:
        # CPU time of this process, not wall time: the calls never block (the transport is in memory), and
        # other work on the machine then steals no time from the figures.
        start = time.process_time()
        for _ in iterations:
            fn()
        return time.process_time() - start
    finally:
        if was_enabled:
            gc.enable()


def uploaded_file_bytes(received: int) -> bytes:
    """The file object an upload sink answers, reporting the body size it counted in `bytes`."""
    file = {"id": "file-bench", "object": "file", "bytes": received, "created_at": 1686676106}
    file |= {"filename": "upload.jsonl", "purpose": "fine-tune", "status": "uploaded", "status_details": None}
    return json.dumps(file).encode()


def emit(result: dict[str, Any]) -> None:
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
