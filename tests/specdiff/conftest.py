"""scripts/ is not a package: its folder joins the path so that the `specdiff` package imports as the verb runs it."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
