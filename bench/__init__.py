"""Benchmarks behind `scripts/bench`: our client and mock against the official SDK, raw httpx and Prism.

Every module runs as `python -m bench.<module>` from the repository root and prints one JSON object.
Modules whose names start with `sdk_` or `plot` run in the benchmark's own venv (the official `openai`
SDK and matplotlib live there, never in the project's dependencies); `_common` is shared by both sides
and needs only the standard library and httpx.
"""

__all__: list[str] = []
