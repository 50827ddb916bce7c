"""Small test media made with the standard library: a WAV tone, RGBA PNGs, and vector maths."""

from __future__ import annotations

import io
import math
import struct
import wave
import zlib
from collections.abc import Callable, Sequence

__all__ = ["cosine_similarity", "png_rgba", "round_mask_png", "tone_wav"]

Pixel = tuple[int, int, int, int]


def tone_wav(seconds: float = 1.0, frequency: float = 440.0, rate: int = 16_000) -> bytes:
    """A mono 16-bit WAV holding a sine tone (Whisper's own sample rate)."""
    step = 2 * math.pi * frequency / rate
    frames = b"".join(struct.pack("<h", int(12_000 * math.sin(step * i))) for i in range(int(seconds * rate)))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)
    return buffer.getvalue()


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)


def png_rgba(size: int, pixel: Callable[[int, int], Pixel]) -> bytes:
    """A square 8-bit RGBA PNG whose pixels come from `pixel(x, y)`."""
    rows = b"".join(b"\x00" + bytes(c for x in range(size) for c in pixel(x, y)) for y in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8 bits, colour type 6 = RGBA
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows)) + _chunk(b"IEND", b"")


def round_mask_png(size: int) -> bytes:
    """An opaque mask with a transparent disc in the middle: the area an image edit redraws."""
    centre, radius = size / 2, size / 4

    def pixel(x: int, y: int) -> Pixel:
        inside = (x - centre) ** 2 + (y - centre) ** 2 < radius**2
        return (0, 0, 0, 0) if inside else (0, 0, 0, 255)

    return png_rgba(size, pixel)


def cosine_similarity(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0
