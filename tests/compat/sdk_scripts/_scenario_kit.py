"""Shared by the SDK scenario scripts: the scenario registry and runner, and test inputs.

The scripts run inside a virtual environment that holds one release of the official ``openai``
package, so this module uses the standard library only. Each scenario is a function taking a
``Context`` and returning JSON-ready facts; the runner prints one JSON line per scenario so the
pytest side can report every scenario on its own, even when a later one hangs.
"""

from __future__ import annotations

import argparse
import json
import math
import signal
import struct
import sys
import time
import traceback
import wave
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

__all__ = ["Context", "Registry", "fine_tune_jsonl", "png_bytes", "wav_bytes"]


@dataclass(frozen=True)
class Context:
    base_url: str  # ends in /v1
    api_key: str
    organization: str


Scenario = Callable[[Context], Any]


class _ScenarioTimeout(Exception):
    pass


def _on_alarm(signum: int, frame: object) -> None:
    raise _ScenarioTimeout("scenario exceeded its time limit")


class Registry:
    """Scenarios in definition order, and the command line that runs them."""

    def __init__(self) -> None:
        self.scenarios: dict[str, Scenario] = {}

    def __call__(self, func: Scenario) -> Scenario:
        self.scenarios[func.__name__] = func
        return func

    def main(self, argv: list[str] | None = None) -> None:
        parser = argparse.ArgumentParser()
        parser.add_argument("--list", action="store_true", help="print the scenario names and exit")
        parser.add_argument("--base-url", default="")
        parser.add_argument("--api-key", default="")
        parser.add_argument("--organization", default="")
        parser.add_argument("--only", default="", help="comma-separated scenario names")
        parser.add_argument("--timeout", type=int, default=60, help="seconds allowed per scenario")
        args = parser.parse_args(argv)
        if args.list:
            print(json.dumps(list(self.scenarios)))
            return
        ctx = Context(args.base_url, args.api_key, args.organization)
        names = [n for n in args.only.split(",") if n] or list(self.scenarios)
        # A hanging scenario (say, a pager that never stops) must not hide the others' results.
        signal.signal(signal.SIGALRM, _on_alarm)
        for name in names:
            started = time.monotonic()
            record: dict[str, Any] = {"scenario": name}
            signal.alarm(args.timeout)
            try:
                record["result"] = self.scenarios[name](ctx)
                record["ok"] = True
            except BaseException as exc:
                record["ok"] = False
                record["error"] = {
                    "class": f"{type(exc).__module__}.{type(exc).__qualname__}",
                    "message": str(exc),
                    "traceback": traceback.format_exc(),
                }
            finally:
                signal.alarm(0)
            record["seconds"] = round(time.monotonic() - started, 3)
            sys.stdout.write(json.dumps(record) + "\n")
            sys.stdout.flush()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bytes(size: int, *, alpha: bool, seed: int = 0) -> bytes:
    """A square PNG (8-bit RGB or RGBA) with a simple gradient; with alpha, the centre is transparent."""
    channels = 4 if alpha else 3
    rows = bytearray()
    for y in range(size):
        rows.append(0)  # filter type None
        for x in range(size):
            pixel = [(x + seed) % 256, (y * 2) % 256, (x + y) % 256]
            if alpha:
                centre = abs(x - size / 2) < size / 4 and abs(y - size / 2) < size / 4
                pixel.append(0 if centre else 255)
            rows.extend(pixel)
    header = struct.pack(">IIBBBBB", size, size, 8, 6 if alpha else 2, 0, 0, 0)
    assert len(rows) == size * (1 + size * channels)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(bytes(rows)))
        + _png_chunk(b"IEND", b"")
    )


def wav_bytes(seconds: float = 2.0, rate: int = 16000) -> bytes:
    """A mono 16-bit WAV of a 440 Hz tone."""
    frames = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate))) for i in range(int(seconds * rate))
    )
    out = BytesIO()
    with wave.open(out, "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes(frames)
    return out.getvalue()


def fine_tune_jsonl(examples: int = 12) -> bytes:
    """Prompt/completion pairs in the legacy fine-tune format."""
    lines = [
        json.dumps({"prompt": f"Question {i}: what is {i} plus {i}? ->", "completion": f" {2 * i}\n"})
        for i in range(examples)
    ]
    return ("\n".join(lines) + "\n").encode()
