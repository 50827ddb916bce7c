"""Assertions shared by the checks of both SDK releases (their results have the API's shapes)."""

from __future__ import annotations

import base64
import math
import struct
import zlib
from typing import Any

import httpx

__all__ = [
    "EMBEDDING_DIM",
    "MODERATION_CATEGORIES",
    "assert_chat_stream",
    "assert_completion",
    "assert_completion_stream",
    "assert_embedding_list",
    "assert_model_list",
    "assert_png",
    "decode_png",
    "fetch",
    "float32_list",
]

EMBEDDING_DIM = 1536
MODERATION_CATEGORIES = {
    "hate",
    "hate/threatening",
    "self-harm",
    "sexual",
    "sexual/minors",
    "violence",
    "violence/graphic",
}


def assert_model_list(listing: dict[str, Any]) -> None:
    assert listing["object"] == "list"
    ids = [m["id"] for m in listing["data"]]
    assert {"gpt-3.5-turbo", "text-davinci-003", "text-embedding-ada-002", "whisper-1"} <= set(ids)
    assert len(ids) == len(set(ids))
    for model in listing["data"]:
        assert model["object"] == "model"
        assert isinstance(model["created"], int) and model["created"] > 1_600_000_000
        assert isinstance(model["owned_by"], str) and model["owned_by"]


def assert_usage(usage: dict[str, Any]) -> None:
    assert all(isinstance(usage[k], int) for k in ("prompt_tokens", "completion_tokens", "total_tokens"))
    assert usage["prompt_tokens"] + usage["completion_tokens"] == usage["total_tokens"]


def assert_completion(result: dict[str, Any], model: str = "text-davinci-003") -> None:
    assert result["object"] == "text_completion"
    assert result["id"].startswith("cmpl-")
    assert result["model"] == model
    assert isinstance(result["created"], int)
    choice = result["choices"][0]
    assert isinstance(choice["text"], str) and choice["text"]
    assert choice["index"] == 0
    assert choice["finish_reason"] in ("stop", "length")
    assert_usage(result["usage"])


def assert_completion_stream(whole: dict[str, Any], chunks: list[dict[str, Any]]) -> None:
    """At temperature 0 the streamed pieces join to the non-streamed text."""
    assert_completion(whole)
    assert len(chunks) > 1
    assert {c["object"] for c in chunks} == {"text_completion"}
    assert len({c["id"] for c in chunks}) == 1
    assert all("usage" not in c or c["usage"] is None for c in chunks)
    assert "".join(c["choices"][0]["text"] for c in chunks) == whole["choices"][0]["text"]
    assert chunks[-1]["choices"][0]["finish_reason"] == whole["choices"][0]["finish_reason"]
    assert all(c["choices"][0]["finish_reason"] is None for c in chunks[:-1])


def assert_chat_stream(whole: dict[str, Any], chunks: list[dict[str, Any]]) -> None:
    assert whole["object"] == "chat.completion"
    message = whole["choices"][0]["message"]
    assert message["role"] == "assistant" and message["content"]
    assert_usage(whole["usage"])
    assert {c["object"] for c in chunks} == {"chat.completion.chunk"}
    assert len({c["id"] for c in chunks}) == 1
    assert chunks[0]["choices"][0]["delta"].get("role") == "assistant"
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks)
    assert text == message["content"]
    assert chunks[-1]["choices"][0]["finish_reason"] == whole["choices"][0]["finish_reason"]


def float32_list(b64: str) -> list[float]:
    raw = base64.b64decode(b64)
    return list(struct.unpack(f"<{len(raw) // 4}f", raw))


def assert_embedding_list(result: dict[str, Any], count: int) -> list[list[float]]:
    """Float vectors of the ada-002 width, unit length (as the real model's are), indexed in order."""
    assert result["object"] == "list"
    assert result["model"].startswith("text-embedding-ada-002")
    assert [d["index"] for d in result["data"]] == list(range(count))
    vectors = []
    for item in result["data"]:
        assert item["object"] == "embedding"
        vector = item["embedding"]
        assert isinstance(vector, list) and len(vector) == EMBEDDING_DIM
        assert all(isinstance(x, float) and math.isfinite(x) for x in vector)
        assert math.isclose(math.fsum(x * x for x in vector), 1.0, rel_tol=1e-3)
        vectors.append(vector)
    assert result["usage"]["prompt_tokens"] == result["usage"]["total_tokens"] > 0
    return vectors


def decode_png(data: bytes) -> tuple[int, int]:
    """Width and height of a well-formed PNG: checks the signature, every CRC and the pixel data size."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG signature"
    pos, chunks, idat = 8, [], b""
    width = height = 0
    bytes_per_pixel = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + body) & 0xFFFFFFFF == crc, f"bad CRC in {kind!r}"
        chunks.append(kind)
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8
            bytes_per_pixel = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert chunks[0] == b"IHDR" and chunks[-1] == b"IEND"
    assert len(zlib.decompress(idat)) == height * (1 + width * bytes_per_pixel)
    return width, height


def assert_png(b64: str, size: int) -> None:
    assert decode_png(base64.b64decode(b64)) == (size, size)


def fetch(url: str) -> bytes:
    reply = httpx.get(url, timeout=10)
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("image/png")
    return reply.content
