"""Reading one side of a comparison: a file, or ``REVISION:path`` from git (``HEAD~1:spec/openapi.yaml``)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from .schemas import Json

__all__ = ["SourceError", "load_spec", "read_source"]


class SourceError(Exception):
    """The named document cannot be read or parsed."""


def read_source(source: str, repository: Path) -> str:
    """The text of ``source``: an existing file, else a git object ``REVISION:path`` of ``repository``."""
    path = Path(source)
    if path.is_file():
        return path.read_text(encoding="utf-8")
    if ":" not in source:
        raise SourceError(f"{source}: no such file (a git revision is written REVISION:path)")
    result = subprocess.run(["git", "-C", str(repository), "show", source], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SourceError(f"{source}: {result.stderr.strip() or 'git show failed'}")
    return result.stdout


def load_spec(source: str, repository: Path) -> Json:
    try:
        document = yaml.safe_load(read_source(source, repository))
    except (OSError, yaml.YAMLError) as exc:
        raise SourceError(f"{source}: cannot read: {exc}") from exc
    if not isinstance(document, dict) or "paths" not in document:
        raise SourceError(f"{source}: not an OpenAPI document (no paths)")
    return document
