"""The spec as Prism can read it: JSON, with the YAML `!!binary` file examples as base64 text.

Prism's YAML reader (@stoplight/yaml) fails on `!!binary` ("data.replace is not a function"), which the
spec uses for the real files of its multipart examples (decision 25). Only those example values differ
from spec/openapi.yaml, and the benchmark's chat requests never touch them.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import yaml

__all__ = ["write_prism_spec"]


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def write_prism_spec(spec: Path, into: Path) -> Path:
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    target = into / "openapi-for-prism.json"
    target.write_text(json.dumps(document, default=_text), encoding="utf-8")
    return target
