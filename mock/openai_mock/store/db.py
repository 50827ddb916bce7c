"""The SQLite database and blob folder behind ``Store``.

One connection is shared under a re-entrant lock (SQLite serialises writers anyway), and each
logical change runs in one transaction. Blob changes follow the transaction they belong to, ordered
so that a crash at any point leaves rows and blobs that agree (after the sweep at start):

- a new blob is written to ``tmp/`` and moved into ``blobs/`` with ``os.replace`` before the row is
  committed; a rollback removes it again, and a crash before the commit leaves a blob without a
  row, which the next start removes;
- a deleted blob is unlinked only after the row's removal is committed; a crash in between leaves
  a blob without a row, removed at the next start too.

At start, leftovers in ``tmp/``, blobs without a row and rows without their blob (a store written
by an older version, or a disk that lost a file) are swept, each sweep logged.

A killed process loses nothing of this: what it wrote is in the kernel's cache. A power loss may
lose what the disk had not yet received, and the sweep then drops a row whose blob is missing or
short. With ``fsync`` every change is on the disk before it is answered: the blob and its folder are
fsynced before the commit, and SQLite syncs every commit (``synchronous=FULL``), so a power loss
keeps every answered change.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["Database"]

log = logging.getLogger("openai_mock")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    id TEXT PRIMARY KEY, organization TEXT NOT NULL, bytes INTEGER NOT NULL, created_at INTEGER NOT NULL,
    filename TEXT NOT NULL, purpose TEXT NOT NULL, status TEXT NOT NULL, status_details TEXT);
CREATE INDEX IF NOT EXISTS files_by_org ON files (organization);
-- A deleted file a fine-tune names, as it was: the job still lists it (status 'deleted').
CREATE TABLE IF NOT EXISTS deleted_files (
    id TEXT PRIMARY KEY, organization TEXT NOT NULL, bytes INTEGER NOT NULL, created_at INTEGER NOT NULL,
    filename TEXT NOT NULL, purpose TEXT NOT NULL, status TEXT NOT NULL, status_details TEXT);
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
CREATE INDEX IF NOT EXISTS fine_tunes_by_org ON fine_tunes (organization, created_at);
CREATE INDEX IF NOT EXISTS models_by_org ON models (organization, created);
"""


class Database:
    def __init__(self, data_dir: Path | None, *, recover: bool = True, fsync: bool = False) -> None:
        """``recover=False``: other processes serve this store now (``--workers``), so leftovers are not
        a crash's; the process that started them recovered the store before. ``fsync``: every change is
        on the disk before it is answered (see the module's docstring)."""
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if data_dir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="openai-mock-")
            root, target = Path(self._tmp.name), ":memory:"
        else:
            root = Path(data_dir)
            root.mkdir(parents=True, exist_ok=True)
            target = str(root / "mock.sqlite3")
        # fsyncs only when asked for, and only for a store on disk: an in-memory one does not outlive the process.
        self.durable = fsync and data_dir is not None
        self.blob_dir = root / "blobs"
        self.tmp_dir = root / "tmp"
        self.blob_dir.mkdir(exist_ok=True)
        # Leftovers of uploads interrupted by a crash are never valid: start clean.
        if recover:
            shutil.rmtree(self.tmp_dir, ignore_errors=True)
        self.tmp_dir.mkdir(exist_ok=True)
        self.lock = threading.RLock()
        self._depth = 0
        # Blob changes of the open transaction: undone on rollback, finished after the commit.
        self._placed: list[Path] = []
        self._doomed: list[Path] = []
        # Other worker processes may hold the write lock (openai-mock --workers): wait for them.
        self._conn = sqlite3.connect(target, check_same_thread=False, isolation_level=None, timeout=30)
        self._conn.row_factory = sqlite3.Row
        if target != ":memory:":
            self._conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL keeps the database consistent through a power loss, FULL keeps every commit too.
            self._conn.execute(f"PRAGMA synchronous={'FULL' if self.durable else 'NORMAL'}")
        self._conn.executescript(_SCHEMA)
        if recover:
            self._sweep_orphans()

    def _sweep_orphans(self) -> None:
        rows = {row["id"]: row["bytes"] for row in self.query("SELECT id, bytes FROM files")}
        blobs = {blob.name: blob for blob in self.blob_dir.iterdir()}
        lost = [fid for fid, size in rows.items() if fid not in blobs or blobs[fid].stat().st_size != size]
        if lost:
            log.warning("removing %d file rows whose blob is missing or incomplete: %s", len(lost), ", ".join(lost))
            with self.transaction() as conn:
                conn.executemany("DELETE FROM files WHERE id = ?", [(fid,) for fid in lost])
        for name, blob in blobs.items():
            if name not in rows or name in lost:
                log.warning("removing blob %s: no file row refers to it", name)
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
                if outer:
                    self._commit()
            except BaseException:
                if outer:
                    self._rollback()
                raise
            finally:
                self._depth -= 1
            if outer:
                self._finish_deletes()

    def _commit(self) -> None:
        self._conn.execute("COMMIT")
        self._placed.clear()

    def _rollback(self) -> None:
        # A failed COMMIT may already have ended the transaction; the blobs it placed go either way.
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")
        placed, self._placed, self._doomed = self._placed, [], []
        for path in placed:
            path.unlink(missing_ok=True)

    def _finish_deletes(self) -> None:
        doomed, self._doomed = self._doomed, []
        for path in doomed:
            # The row is gone for good; a blob left by a failing disk is swept at the next start.
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)

    def place_blob(self, source: Path, file_id: str) -> None:
        """Move a written upload under its id, as part of the open transaction (undone by its rollback)."""
        if self._depth == 0:
            raise RuntimeError("place_blob needs an open transaction")
        target = self.blob_path(file_id)
        os.replace(source, target)
        self._placed.append(target)
        if self.durable:
            _fsync_dir(self.blob_dir)

    def discard_blob(self, file_id: str) -> None:
        """Unlink a file's blob once the open transaction (which removes its row) has committed."""
        if self._depth == 0:
            raise RuntimeError("discard_blob needs an open transaction")
        self._doomed.append(self.blob_path(file_id))

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


def _fsync_dir(path: Path) -> None:
    """Make a rename inside ``path`` durable (where the platform lets a folder be fsynced)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
