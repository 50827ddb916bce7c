"""``scripts/diff OLD NEW``: the change report between two OpenAPI documents (files or git ``REVISION:path``)."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .changes import Change, sort_changes
from .compare import compare_specs
from .python_api import compare_python_api
from .report import FORMATS, render
from .rules import LEVELS
from .sources import SourceError, load_spec, read_source

__all__ = ["fails", "main"]

ROOT = Path(__file__).resolve().parents[2]


def fails(changes: list[Change], fail_on: str | None) -> bool:
    """Whether a change is at least as severe as ``fail_on`` (``error`` or ``warning``)."""
    if fail_on is None:
        return False
    worst = LEVELS.index(fail_on)
    return any(LEVELS.index(change.level) <= worst for change in changes)


def _python_changes(old_source: str, new_source: str) -> list[Change]:
    """Generate the client from both documents into a temporary folder and compare the two with griffe."""
    with tempfile.TemporaryDirectory(prefix="specdiff-") as scratch:
        trees = []
        for side, source in (("old", old_source), ("new", new_source)):
            spec = Path(scratch, f"{side}.yaml")
            spec.write_text(read_source(source, ROOT), encoding="utf-8")
            tree = Path(scratch, side)
            generate = [sys.executable, str(ROOT / "scripts" / "_generate.py"), "--spec", str(spec), "--output"]
            result = subprocess.run([*generate, str(tree)], capture_output=True, text=True, check=False)
            if result.returncode != 0:
                raise SourceError(f"{source}: the client does not generate:\n{result.stdout}{result.stderr}")
            trees.append(tree)
        return compare_python_api(trees[0], trees[1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/diff", description=__doc__)
    parser.add_argument("old", help="the previous document: a file or REVISION:path (e.g. HEAD~1:spec/openapi.yaml)")
    parser.add_argument("new", help="the new document, likewise")
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument("--fail-on", choices=("error", "warning"), help="exit 1 when a change is this severe or worse")
    parser.add_argument(
        "--python", action="store_true", help="also generate both clients and compare their public API (griffe)"
    )
    args = parser.parse_args(argv)
    try:
        changes = compare_specs(load_spec(args.old, ROOT), load_spec(args.new, ROOT))
        if args.python:
            changes += _python_changes(args.old, args.new)
    except SourceError as exc:
        print(f"scripts/diff: {exc}", file=sys.stderr)
        return 2
    changes = sort_changes(changes)
    sys.stdout.write(render(changes, args.format))
    return 1 if fails(changes, args.fail_on) else 0
