"""Small valid uploads (PNG, WAV, fine-tune JSON Lines) so generated requests can reach the success path.

The spec can only say "binary" for these parts; a server rightly rejects random bytes, so without
real files the 200 answers of the image, audio and file operations would never be checked.
"""

from __future__ import annotations

import json
import struct
import zlib

__all__ = ["fine_tune_jsonl", "png", "wav"]

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(side: int, *, alpha: bool = True, transparent: bool = False) -> bytes:
    """A square 8-bit RGB(A) PNG of ``side`` pixels; ``transparent`` makes every pixel fully transparent."""
    channels = 4 if alpha else 3
    pixel = bytes([40, 120, 200] + ([0 if transparent else 255] if alpha else []))
    rows = b"".join(b"\x00" + pixel * side for _ in range(side))  # filter type 0 on every row
    header = struct.pack(">IIBBBBB", side, side, 8, 6 if channels == 4 else 2, 0, 0, 0)
    return _PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows)) + _chunk(b"IEND", b"")


def wav(milliseconds: int, rate: int = 8000) -> bytes:
    """Mono 16-bit PCM silence of the given length, as a RIFF/WAVE file."""
    frames = rate * milliseconds // 1000
    data = b"\x00\x00" * frames
    fmt = struct.pack("<HHIIHH", 1, 1, rate, rate * 2, 2, 16)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


def fine_tune_jsonl(count: int) -> bytes:
    """``count`` prompt/completion records, one JSON object per line."""
    lines = (json.dumps({"prompt": f"Question {i} ->", "completion": f" Answer {i}\n"}) for i in range(count))
    return ("\n".join(lines) + "\n").encode()
