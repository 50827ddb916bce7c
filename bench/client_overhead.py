"""Per-call client overhead over an in-process httpx.MockTransport: ours vs raw httpx (+ the SDK, via its venv).

Each call builds the request from the same inputs, sends it through a MockTransport that answers canned
bytes, and parses the answer into the client's result type. Nothing touches the network, so the figure is
what the client itself costs per call.

    python -m bench.client_overhead [--sdk-python PATH]
"""

from __future__ import annotations

import argparse
import json
import subprocess
from collections.abc import Callable
from typing import Any

import httpx

from openai_client import AuthenticatedClient, OpenAI
from openai_client.api.chat import create_chat_completion
from openai_client.api.embeddings import create_embedding
from openai_client.models import (
    ChatCompletionRequestMessage,
    CreateChatCompletionRequest,
    CreateChatCompletionResponse,
    CreateEmbeddingRequest,
    CreateEmbeddingResponse,
)

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
)

__all__ = ["facade_calls", "main", "our_calls", "raw_calls"]

TEXTS = [f"The food was delicious and the waiter was friendly, visit {i}." for i in range(EMBEDDING_INPUTS)]


def _ours(body: bytes) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=API_BASE, token=TOKEN, httpx_args={"transport": json_transport(body)})


def our_calls() -> dict[str, Callable[[], None]]:
    chat_client = _ours(chat_response_bytes())

    def chat() -> None:
        # The typed request is built per call, as the SDK builds its body from keyword arguments per call.
        messages = [ChatCompletionRequestMessage.from_dict(m) for m in CHAT_REQUEST["messages"]]
        body = CreateChatCompletionRequest(model=CHAT_REQUEST["model"], messages=messages)
        result = create_chat_completion.sync(client=chat_client, body=body)
        assert isinstance(result, CreateChatCompletionResponse)

    embed_client = _ours(embedding_response_bytes("float"))

    def embed() -> None:
        body = CreateEmbeddingRequest(model="text-embedding-ada-002", input_=TEXTS)
        result = create_embedding.sync(client=embed_client, body=body)
        assert isinstance(result, CreateEmbeddingResponse)

    return {"chat": chat, "embeddings": embed}


def facade_calls() -> dict[str, Callable[[], None]]:
    """The facade as SDK users write it: keyword arguments in, the response model out."""

    def client(body: bytes) -> OpenAI:
        return OpenAI(api_key=TOKEN, base_url=API_BASE, http_client=httpx.Client(transport=json_transport(body)))

    chat_client = client(chat_response_bytes())
    messages = CHAT_REQUEST["messages"]

    def chat() -> None:
        result = chat_client.chat.completions.create(model=CHAT_REQUEST["model"], messages=messages)
        assert isinstance(result, CreateChatCompletionResponse)

    # Not told an encoding_format, the facade asks for base64 (as the SDK does) and decodes it to floats.
    embed_client = client(embedding_response_bytes("base64"))

    def embed() -> None:
        result = embed_client.embeddings.create(model="text-embedding-ada-002", input=TEXTS)
        assert isinstance(result, CreateEmbeddingResponse)

    return {"chat": chat, "embeddings": embed}


def raw_calls() -> dict[str, Callable[[], None]]:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    chat_http = httpx.Client(base_url=API_BASE, headers=headers, transport=json_transport(chat_response_bytes()))

    def chat() -> None:
        json.loads(chat_http.post("/chat/completions", json=CHAT_REQUEST).content)

    embed_http = httpx.Client(
        base_url=API_BASE, headers=headers, transport=json_transport(embedding_response_bytes("float"))
    )
    embed_body = {"model": "text-embedding-ada-002", "input": TEXTS}

    def embed() -> None:
        json.loads(embed_http.post("/embeddings", json=embed_body).content)

    return {"chat": chat, "embeddings": embed}


def measure_sdk(python: str) -> dict[str, Any]:
    done = subprocess.run([python, "-m", "bench.sdk_side", "overhead"], capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sdk-python", help="interpreter of the venv holding the official openai SDK")
    args = parser.parse_args(argv)
    # Ours and raw httpx run interleaved in this process; the SDK, in its venv, runs between our rounds.
    # Each side keeps its best round: load from elsewhere on the machine then spoils a round, not a side.
    calls = (
        {f"ours_{k}": v for k, v in our_calls().items()}
        | {f"facade_{k}": v for k, v in facade_calls().items()}
        | {f"raw_{k}": v for k, v in raw_calls().items()}
    )
    rounds: list[dict[str, float]] = []
    sdk_rounds: list[dict[str, Any]] = []
    for _ in range(3):
        rounds.append(per_call_seconds(calls))
        if args.sdk_python:
            sdk_rounds.append(measure_sdk(args.sdk_python))
    result: dict[str, Any] = {}
    for side in ("ours", "facade", "raw"):
        result[side] = {f"{k}_s": min(r[f"{side}_{k}"] for r in rounds) for k in ("chat", "embeddings")}
    if sdk_rounds:
        keys = [k for k in sdk_rounds[0] if k.endswith("_s")]
        result["sdk"] = {k: min(r[k] for r in sdk_rounds) for k in keys} | {"version": sdk_rounds[0]["version"]}
    emit(result)


if __name__ == "__main__":
    main()
