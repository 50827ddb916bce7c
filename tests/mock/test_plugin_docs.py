"""Every ``python`` block of docs/TESTING.md is a test file passing under the plugin (``py`` blocks: other tools)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

# Loaded once here: pytester's in-process runs drop modules they imported, and PyYAML's C loader
# does not survive a second import.
importlib.import_module("openai_mock.testing.mock")

pytest_plugins = ["pytester"]

DOC = Path(__file__).resolve().parents[2] / "docs" / "TESTING.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
BLOCKS = [body for lang, body in FENCE.findall(DOC.read_text(encoding="utf-8")) if lang == "python"]


def _sdk_installed() -> bool:
    try:
        importlib.import_module("openai")
    except ImportError:
        return False
    return True


def test_the_guide_has_its_examples() -> None:
    assert len(BLOCKS) >= 5
    assert all("def test_" in body for body in BLOCKS)


@pytest.mark.parametrize("body", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_block_passes_under_the_plugin(pytester: pytest.Pytester, body: str) -> None:
    pytester.makeini("[pytest]\nfilterwarnings = error\naddopts = -p no:cacheprovider\n")
    pytester.makepyfile(test_guide_block=body)
    result = pytester.runpytest()
    tests = len(re.findall(r"^(?:async )?def test_", body, re.MULTILINE))
    skipped = 1 if 'importorskip("openai")' in body and not _sdk_installed() else 0
    result.assert_outcomes(passed=tests - skipped, skipped=skipped)
