"""The mock's folders show its architecture, and imports between them go one way."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import openai_mock

PACKAGE = Path(openai_mock.__file__).resolve().parent
# Each layer may import only from the layers listed for it (and from itself).
ALLOWED = {
    "engines": {"errors", "config", "spec"},
    "media": {"errors", "config", "spec", "engines"},
    "store": {"errors", "config", "spec", "engines"},
    "http": {"errors", "config", "spec", "engines", "media", "store"},
    "routes": {"errors", "config", "spec", "engines", "media", "store", "http"},
}


def _modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages([str(PACKAGE)], prefix="openai_mock."))


def _imports(path: Path, module: str) -> set[str]:
    """First-level names inside openai_mock that ``path`` imports (relative imports resolved)."""
    package = module.split(".")[1:] if path.name == "__init__.py" else module.split(".")[1:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = [*base, *(node.module.split(".") if node.module else [])]
                names = [target[0]] if target else [alias.name for alias in node.names]
                found.update(names)
            elif node.module and node.module.startswith("openai_mock."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("openai_mock."))
    return found


@pytest.mark.parametrize("name", _modules())
def test_every_module_imports_and_exports_what_it_lists(name: str) -> None:
    module = importlib.import_module(name)
    for export in getattr(module, "__all__", ()):
        assert hasattr(module, export), f"{name}.{export}"


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_imports_go_one_way(layer: str) -> None:
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        module = "openai_mock." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        outside = _imports(path, module) - {layer} - ALLOWED[layer]
        assert not outside, f"{module} imports {sorted(outside)}, above its layer"


def test_no_flat_modules_are_left_beside_the_layers() -> None:
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert top == ["__init__", "__main__", "app", "config", "errors", "server", "spec", "workers"]


def test_every_module_but_the_plugin_imports_without_pytest() -> None:
    # `pip install '.[mock]'` brings no pytest: the test double (openai_mock.testing) must not need it.
    modules = [m for m in _modules() if not m.startswith("openai_mock.pytest_plugin")]
    code = "import sys\nsys.modules['pytest'] = None\n" + "".join(f"import {m}\n" for m in modules)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
