"""Render the facade (`OpenAI`, `AsyncOpenAI`, their resources, request TypedDicts, list pages) and docs/API.md.

Called by scripts/_generate.py. What each operation becomes is read from the spec by `_facade_model`; the
templates in codegen/facade/ write it out, and ruff (isolated from project settings) formats it, so the bytes
depend only on the spec, the templates and the pinned ruff.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import jinja2
from _facade_model import FacadeModel, load_facade

__all__ = ["FacadeModel", "load_facade", "render_api_doc", "render_facade"]

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "codegen" / "facade"
BIN = Path(sys.executable).parent


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )


def _format(paths: list[Path]) -> None:
    """ruff, isolated from any project settings so the bytes depend only on the pinned ruff."""
    names = [str(path) for path in paths]
    options = ["--isolated", "--line-length", "120", "--target-version", "py311"]
    for command in (["check", "--fix-only", "--select", "F,I,UP", "--quiet"], ["format", "--quiet"]):
        subprocess.run([str(BIN / "ruff"), *command, *options, *names], check=True, cwd=ROOT)


def render_facade(model: FacadeModel, package: Path) -> list[Path]:
    """Write the facade modules into the generated `package` folder; returns the files written."""
    environment = _environment()
    written: list[Path] = []

    def write(relative: str, template: str, **context: Any) -> None:
        target = package / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(environment.get_template(template).render(facade=model, **context), encoding="utf-8")
        written.append(target)

    write("_client.py", "client.py.jinja")
    write("params.py", "params.py.jinja")
    write("pages.py", "pages.py.jinja")
    write("resources/__init__.py", "resources_init.py.jinja")
    for resource in model.resources:
        write(f"resources/{resource.name}.py", "resource.py.jinja", resource=resource)
    _format(written)
    return written


def render_api_doc(model: FacadeModel) -> str:
    return _environment().get_template("API.md.jinja").render(facade=model)
