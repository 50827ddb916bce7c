"""The SQLite database and blob folder behind ``Store``.

One connection is shared under a re-entrant lock (SQLite serialises writers anyway), and each
logical change runs in one transaction. Blobs are written to ``tmp/`` and moved into
``blobs/`` with ``os.replace``, so a crash never leaves a half-written blob under a file id.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["Database"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    id TEXT PRIMARY KEY, organization TEXT NOT NULL, bytes INTEGER NOT NULL, created_at INTEGER NOT NULL,
    filename TEXT NOT NULL, purpose TEXT NOT NULL, status TEXT NOT NULL, status_details TEXT);
CREATE INDEX IF NOT EXISTS files_by_org ON files (organization);
CREATE TABLE IF NOT EXISTS fine_tunes (
    id TEXT PRIMARY KEY, organization TEXT NOT NULL, model TEXT NOT NULL, training_file TEXT NOT NULL,
    validation_file TEXT, hyperparams TEXT NOT NULL, status TEXT NOT NULL, fine_tuned_model TEXT,
    result_file TEXT, created_at REAL NOT NULL, updated_at REAL NOT NULL, cancelled_at REAL, suffix TEXT);
CREATE TABLE IF NOT EXISTS fine_tune_events (
    fine_tune_id TEXT NOT NULL, seq INTEGER NOT NULL, created_at REAL NOT NULL, level TEXT NOT NULL,
    message TEXT NOT NULL, PRIMARY KEY (fine_tune_id, seq));
CREATE TABLE IF NOT EXISTS models (
    id TEXT PRIMARY KEY, organization TEXT NOT NULL, created INTEGER NOT NULL, base_model TEXT NOT NULL,
    fine_tune_id TEXT);
"""


class Database:
    def __init__(self, data_dir: Path | None) -> None:
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if data_dir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="openai-mock-")
            root, target = Path(self._tmp.name), ":memory:"
        else:
            root = Path(data_dir)
            root.mkdir(parents=True, exist_ok=True)
            target = str(root / "mock.sqlite3")
        self.blob_dir = root / "blobs"
        self.tmp_dir = root / "tmp"
        self.blob_dir.mkdir(exist_ok=True)
        # Leftovers of uploads interrupted by a crash are never valid: start clean.
        shutil.rmtree(self.tmp_dir, ignore_errors=True)
        self.tmp_dir.mkdir()
        self.lock = threading.RLock()
        self._depth = 0
        # Other worker processes may hold the write lock (openai-mock --workers): wait for them.
        self._conn = sqlite3.connect(target, check_same_thread=False, isolation_level=None, timeout=30)
        self._conn.row_factory = sqlite3.Row
        if target != ":memory:":
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(_SCHEMA)
        self._remove_orphan_blobs()

    def _remove_orphan_blobs(self) -> None:
        known = {row["id"] for row in self.query("SELECT id FROM files")}
        for blob in self.blob_dir.iterdir():
            if blob.name not in known:
                blob.unlink(missing_ok=True)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A (re-entrant) write transaction; the outermost one commits or rolls back."""
        with self.lock:
            outer = self._depth == 0
            if outer:
                self._conn.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield self._conn
            except BaseException:
                self._depth -= 1
                if outer:
                    self._conn.execute("ROLLBACK")
                raise
            self._depth -= 1
            if outer:
                self._conn.execute("COMMIT")

    def query(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self.lock:
            return self._conn.execute(sql, args).fetchall()

    def blob_path(self, file_id: str) -> Path:
        return self.blob_dir / file_id

    def close(self) -> None:
        with self.lock:
            self._conn.close()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None
