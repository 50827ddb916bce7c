"""The official `openai` SDK's side of each comparison; runs only in the benchmark venv.

    python -m bench.sdk_side overhead          # per-call chat / embeddings cost over a MockTransport
    python -m bench.sdk_side sse CHUNKS        # chunks/s of a streamed chat completion
    python -m bench.sdk_side upload URL PATH   # files.create to a sink server; peak RSS

The SDK (3.x) is built on `httpx2`, a fork of httpx with the same API, and only accepts that fork's
client, so its MockTransport comes from there; the handler and the bytes served are the shared ones.
"""

from __future__ import annotations

import resource
import sys
import time
from typing import Any

import httpx2  # type: ignore[import-not-found, unused-ignore]
import openai  # type: ignore[import-not-found, unused-ignore]

from ._common import (
    API_BASE,
    CHAT_REQUEST,
    EMBEDDING_INPUTS,
    TOKEN,
    chat_response_bytes,
    embedding_response_bytes,
    emit,
    json_transport,
    per_call_seconds,
    sse_body,
    sse_transport,
)

__all__ = ["main"]

TEXTS = [f"The food was delicious and the waiter was friendly, visit {i}." for i in range(EMBEDDING_INPUTS)]


def _client(transport: Any, base_url: str = API_BASE) -> Any:
    # max_retries=0: nothing fails here, and it keeps the SDK from re-reading an upload to retry it.
    http = httpx2.Client(transport=transport) if transport is not None else None
    return openai.OpenAI(api_key=TOKEN, base_url=base_url, http_client=http, max_retries=0)


def overhead() -> dict[str, Any]:
    chat_client = _client(json_transport(chat_response_bytes(), httpx2))

    def chat() -> None:
        chat_client.chat.completions.create(model=CHAT_REQUEST["model"], messages=CHAT_REQUEST["messages"])

    # The SDK asks for base64 unless told otherwise; `embeddings_s` forces floats so that it parses the
    # very bytes our client and raw httpx parse, `embeddings_default_s` is its default base64 path.
    float_client = _client(json_transport(embedding_response_bytes("float"), httpx2))
    b64_client = _client(json_transport(embedding_response_bytes("base64"), httpx2))

    def embed_float() -> None:
        float_client.embeddings.create(model="text-embedding-ada-002", input=TEXTS, encoding_format="float")

    def embed_default() -> None:
        b64_client.embeddings.create(model="text-embedding-ada-002", input=TEXTS)

    timed = per_call_seconds({"chat_s": chat, "embeddings_s": embed_float, "embeddings_default_s": embed_default})
    return {**timed, "version": openai.__version__}


def sse(chunks: int, repeat: int) -> dict[str, Any]:
    client = _client(sse_transport(sse_body(chunks), httpx2))
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
    return {"chunks": chunks, "rates": rates, "version": openai.__version__}


def upload(base_url: str, path: str) -> dict[str, Any]:
    client = _client(None, base_url)
    start, cpu = time.perf_counter(), time.process_time()
    with open(path, "rb") as f:
        created = client.files.create(file=f, purpose="fine-tune")
    elapsed, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    if created.bytes <= 0:
        raise SystemExit(f"sink reported {created.bytes} bytes")
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "seconds": elapsed,
        "cpu_seconds": cpu_seconds,
        "peak_rss_mb": rss_mb,
        "bytes": created.bytes,
        "version": openai.__version__,
    }


def main(argv: list[str]) -> None:
    mode = argv[0]
    if mode == "overhead":
        emit(overhead())
    elif mode == "sse":
        emit(sse(int(argv[1]), int(argv[2]) if len(argv) > 2 else 5))
    elif mode == "upload":
        emit(upload(argv[1], argv[2]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
