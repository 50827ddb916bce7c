"""Import time and peak RSS: `import openai_client` and `import openai`, each next to `import httpx`.

Delegates to scripts/_measure_import.py (fresh interpreters, alternating samples, medians, CPU time of
the import). The SDK is timed in its own venv against that venv's httpx, so each ratio compares like
with like.

`openai_client` loads its submodules lazily, so a bare `import openai_client` does not even load httpx;
the figure that counts is `openai_client.api.chat.create_chat_completion`, everything one call needs
(httpx, attrs, the client class and the chat models). Both are reported. Our sources are byte-compiled
first, as an installed wheel would be, so that no side pays for compiling.

Where valgrind is installed, the facade's import is also counted in instructions (callgrind), start-up
subtracted: a count does not move with the load on the machine, which CPU time on 2 shared cores does.

    python -m bench.imports [--runs N] [--sdk-python PATH]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from ._common import emit

__all__ = ["main", "measure"]

CALL_MODULE = "openai_client.api.chat.create_chat_completion"
# What `OpenAI().chat.completions.create(...)` loads: the client class and the chat resource.
FACADE_MODULE = "openai_client.resources.chat"
MEASURE = Path(__file__).resolve().parent.parent / "scripts" / "_measure_import.py"


def measure(python: str, module: str, runs: int) -> dict[str, Any]:
    command = [
        sys.executable,
        str(MEASURE),
        "--json",
        "--cpu",
        "--runs",
        str(runs),
        "--python",
        python,
        "--module",
        module,
    ]
    figures: dict[str, Any] = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    return figures


def instructions(statement: str) -> int:
    """Instructions a fresh interpreter executes for `statement`, start-up included (callgrind's Ir)."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", statement]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count from callgrind: {done.stderr[-300:]}")
    return int(found.group(1))


def import_instructions(module: str) -> dict[str, int]:
    start_up = instructions("pass")
    return {
        "start_up": start_up,
        "httpx": instructions("import httpx") - start_up,
        module: instructions(f"import {module}") - start_up,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--sdk-python", help="interpreter of the venv holding the official openai SDK")
    args = parser.parse_args(argv)
    root = MEASURE.parent.parent
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(root / "generated"), str(root / "overlays")], check=True
    )
    result: dict[str, Any] = {
        "ours_bare": measure(sys.executable, "openai_client", args.runs),
        "ours": measure(sys.executable, CALL_MODULE, args.runs),
        "facade": measure(sys.executable, FACADE_MODULE, args.runs),
    }
    if shutil.which("valgrind"):
        result["facade_instructions"] = import_instructions(FACADE_MODULE)
    if args.sdk_python:
        result["sdk"] = measure(args.sdk_python, "openai", args.runs)
    emit(result)


if __name__ == "__main__":
    main()
