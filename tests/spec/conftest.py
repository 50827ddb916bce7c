"""Fixtures for the spec tests: the parsed document and the checker module from scripts/."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "spec" / "openapi.yaml"
CHECKER_PATH = ROOT / "scripts" / "_spec_check.py"


def _load_checker() -> ModuleType:
    # scripts/ is not a package; load the checker by path under a private name, its sibling modules from scripts/.
    if str(CHECKER_PATH.parent) not in sys.path:
        sys.path.insert(0, str(CHECKER_PATH.parent))
    spec = importlib.util.spec_from_file_location("_spec_check_under_test", CHECKER_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def checker() -> ModuleType:
    return _load_checker()


@pytest.fixture(scope="session")
def spec_path() -> Path:
    return SPEC_PATH


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as handle:
        document: dict[str, Any] = yaml.safe_load(handle)
    return document
