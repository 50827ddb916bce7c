"""Persistent state of the mock: files, fine-tune jobs and fine-tuned models.

``Store(data_dir)`` keeps an SQLite database and the uploaded blobs under ``data_dir``;
``Store(None)`` keeps them in memory and a temporary folder removed on ``close()``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from .db import Database
from .files import FileService, validate_fine_tune_jsonl
from .finetunes import FineTuneService, ModelService

__all__ = ["DEFAULT_QUOTA_BYTES", "Store", "validate_fine_tune_jsonl"]

DEFAULT_QUOTA_BYTES = 1 << 30


class Store:
    """``files``, ``fine_tunes`` and ``models`` services over one database (safe across threads)."""

    def __init__(
        self,
        data_dir: Path | None = None,
        *,
        quota_bytes: int = DEFAULT_QUOTA_BYTES,
        clock: Callable[[], float] = time.time,
        fine_tune_seconds: float = 2.0,
        recover: bool = True,
        fsync: bool = False,
    ) -> None:
        self._db = Database(data_dir, recover=recover, fsync=fsync)
        self.files = FileService(self._db, quota_bytes, clock)
        self.models = ModelService(self._db)
        self.fine_tunes = FineTuneService(self._db, self.files, self.models, clock, fine_tune_seconds)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
