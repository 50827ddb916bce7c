"""/files: streamed uploads with a per-organization quota, listing, deletion and downloads."""

from __future__ import annotations

import os
import secrets
import sqlite3
import string
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from openai_models import dicts

from ..errors import InvalidRequestError, NotFoundError, PayloadTooLargeError
from . import file_formats
from .db import Database
from .jsonl import MAX_JSONL_LINE_BYTES, FineTuneLines, validate_fine_tune_jsonl

__all__ = [
    "MAX_JSONL_LINE_BYTES",
    "UPLOAD_PURPOSES",
    "FileRecord",
    "FileService",
    "UploadWriter",
    "new_id",
    "validate_fine_tune_jsonl",
]

UPLOAD_PURPOSES = ("fine-tune", "search", "answers", "classifications")
_ALNUM = string.ascii_letters + string.digits
# A durable upload asks the kernel to write its blob back every this many bytes, so that the fsync
# at the end waits for the last stretch only, not for the whole file.
_WRITEBACK_BYTES = 8 << 20


def new_id(prefix: str) -> str:
    return prefix + "".join(secrets.choice(_ALNUM) for _ in range(24))


@dataclass(frozen=True)
class FileRecord:
    id: str
    organization: str
    bytes: int
    created_at: int
    filename: str
    purpose: str
    status: str
    status_details: str | None = None

    def to_dict(self) -> dicts.OpenAIFile:
        return {
            "id": self.id,
            "object": "file",
            "bytes": self.bytes,
            "created_at": self.created_at,
            "filename": self.filename,
            "purpose": self.purpose,
            "status": self.status,
            "status_details": self.status_details,
        }


class UploadWriter:
    """Streams an upload to a temporary blob; stops as soon as the organization's quota is passed.

    ``lines`` checks a fine-tune training file as it is written (when its purpose is known before its
    bytes), which spares reading the blob back at the end.
    """

    def __init__(
        self, db: Database, organization: str, allowance: int, quota: int, lines: FineTuneLines | None = None
    ) -> None:
        fd, name = tempfile.mkstemp(dir=db.tmp_dir)
        self._handle = os.fdopen(fd, "wb")
        self._durable = db.durable
        self._written_back = 0
        self.lines = lines
        self.path = Path(name)
        self.organization = organization
        self.size = 0
        self._allowance = allowance
        self._quota = quota
        self.done = False

    def write(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self._allowance:
            self.abort()
            raise quota_error(self._quota)
        self._handle.write(chunk)
        if self._durable and self.size - self._written_back >= _WRITEBACK_BYTES and hasattr(os, "posix_fadvise"):
            # Starts the write-back of what was written since the last call, without waiting for it.
            written = self.size - self._written_back
            os.posix_fadvise(self._handle.fileno(), self._written_back, written, os.POSIX_FADV_DONTNEED)
            self._written_back = self.size

    def check(self, chunk: bytes) -> None:
        """Feed the line check (if any) the next piece; ``write`` writes it. Apart, so that they may run in
        different threads."""
        if self.lines is not None:
            self.lines.feed(chunk)

    def close_file(self) -> None:
        if not self._handle.closed:
            self._handle.flush()
            if self._durable:
                os.fsync(self._handle.fileno())
            self._handle.close()

    def abort(self) -> None:
        self._handle.close()
        self.path.unlink(missing_ok=True)
        self.done = True

    def __enter__(self) -> UploadWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if not self.done:
            self.abort()


def quota_error(quota: int) -> PayloadTooLargeError:
    return PayloadTooLargeError(
        f"Uploading this file would exceed your organization's file storage limit of {quota} bytes. "
        "Delete files you no longer need and try again.",
        param="file",
    )


# The ids of the files an organization's fine-tunes name (the organization bound three times).
_NAMED_BY_JOBS = (
    "SELECT training_file FROM fine_tunes WHERE organization = ? UNION SELECT validation_file FROM fine_tunes "
    "WHERE organization = ? UNION SELECT result_file FROM fine_tunes WHERE organization = ?"
)


def _record(row: sqlite3.Row) -> FileRecord:
    return FileRecord(
        row["id"],
        row["organization"],
        row["bytes"],
        row["created_at"],
        row["filename"],
        row["purpose"],
        row["status"],
        row["status_details"],
    )


class FileService:
    def __init__(self, db: Database, quota_bytes: int, clock: Callable[[], float]) -> None:
        self._db = db
        self.quota_bytes = quota_bytes
        self._clock = clock

    def used_bytes(self, organization: str) -> int:
        rows = self._db.query(
            "SELECT COALESCE(SUM(bytes), 0) AS used FROM files WHERE organization = ?", (organization,)
        )
        return int(rows[0]["used"])

    def begin_upload(self, organization: str, *, check_lines: bool = False) -> UploadWriter:
        """A writer for one upload; ``check_lines`` checks it as a training file as it arrives (used if its
        purpose is "fine-tune", which spares reading it back)."""
        allowance = self.quota_bytes - self.used_bytes(organization)
        lines = FineTuneLines() if check_lines else None
        return UploadWriter(self._db, organization, allowance, self.quota_bytes, lines)

    def commit_upload(
        self,
        writer: UploadWriter,
        filename: str,
        purpose: str,
        *,
        internal: bool = False,
        created_at: float | None = None,
    ) -> FileRecord:
        """Record a finished upload (``internal`` skips the purpose and quota checks for result files)."""
        try:
            writer.close_file()
            if not internal and purpose in file_formats.LINE_FORMATS:  # fine-tune's own check follows
                file_formats.validate_purpose_jsonl(purpose, writer.path)
            if not internal:
                if purpose not in UPLOAD_PURPOSES:
                    raise InvalidRequestError(
                        f"'{purpose}' is not one of {list(UPLOAD_PURPOSES)} - 'purpose'", param="purpose"
                    )
                if purpose == "fine-tune" and writer.lines is not None:
                    writer.lines.finish()
                elif purpose == "fine-tune":
                    validate_fine_tune_jsonl(writer.path)
            stamp = int(self._clock() if created_at is None else created_at)
            record = FileRecord(
                new_id("file-"), writer.organization, writer.size, stamp, filename, purpose, "processed"
            )
            with self._db.transaction() as conn:
                # Re-checked under the lock: concurrent uploads may have used the allowance meanwhile.
                if not internal and self.used_bytes(writer.organization) + writer.size > self.quota_bytes:
                    raise quota_error(self.quota_bytes)
                conn.execute(
                    "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        record.id,
                        record.organization,
                        record.bytes,
                        record.created_at,
                        record.filename,
                        record.purpose,
                        record.status,
                        record.status_details,
                    ),
                )
                self._db.place_blob(writer.path, record.id)
            writer.done = True
            return record
        finally:
            if not writer.done:
                writer.abort()

    def create(
        self,
        organization: str,
        filename: str,
        purpose: str,
        content: bytes | Iterable[bytes],
        *,
        internal: bool = False,
        created_at: float | None = None,
    ) -> FileRecord:
        """Upload in one call (``content`` may be an iterable of chunks)."""
        with self.begin_upload(organization, check_lines=not internal and purpose == "fine-tune") as writer:
            for chunk in [content] if isinstance(content, bytes) else content:
                writer.check(chunk)
                writer.write(chunk)
            return self.commit_upload(writer, filename, purpose, internal=internal, created_at=created_at)

    def of_fine_tunes(self, organization: str) -> list[FileRecord]:
        """The files the organization's fine-tunes name (training, validation, results), deleted ones
        included (status ``deleted``), in one query."""
        rows = self._db.query(
            f"SELECT * FROM files WHERE organization = ? AND id IN ({_NAMED_BY_JOBS}) "
            f"UNION ALL SELECT * FROM deleted_files WHERE organization = ? AND id IN ({_NAMED_BY_JOBS})",
            (organization,) * 8,
        )
        return [_record(r) for r in rows]

    def named_by_job(self, organization: str, file_id: str) -> FileRecord | None:
        """A file a fine-tune names: as it is, or as it was when deleted (status ``deleted``)."""
        rows = self._db.query(
            "SELECT * FROM files WHERE id = ? AND organization = ? "
            "UNION ALL SELECT * FROM deleted_files WHERE id = ? AND organization = ?",
            (file_id, organization) * 2,
        )
        return _record(rows[0]) if rows else None

    def list(self, organization: str, purpose: str | None = None) -> list[FileRecord]:
        sql = "SELECT * FROM files WHERE organization = ?" + (" AND purpose = ?" if purpose else "")
        args = (organization, purpose) if purpose else (organization,)
        return [_record(r) for r in self._db.query(sql + " ORDER BY created_at, rowid", args)]

    def retrieve(self, organization: str, file_id: str, param: str = "id") -> FileRecord:
        rows = self._db.query("SELECT * FROM files WHERE id = ? AND organization = ?", (file_id, organization))
        if not rows:
            raise NotFoundError(f"No such File object: {file_id}", param=param)
        return _record(rows[0])

    def delete(self, organization: str, file_id: str) -> dicts.DeleteFileResponse:
        with self._db.transaction() as conn:
            record = self.retrieve(organization, file_id)
            # A job that names the file keeps listing it, in the same transaction as the delete.
            conn.execute(
                "INSERT OR REPLACE INTO deleted_files SELECT id, organization, bytes, created_at, filename, purpose, "
                f"'deleted', NULL FROM files WHERE id = ? AND id IN ({_NAMED_BY_JOBS})",
                (record.id, organization, organization, organization),
            )
            conn.execute("DELETE FROM files WHERE id = ?", (record.id,))
            self._db.discard_blob(record.id)  # unlinked after the commit
        return {"id": record.id, "object": "file", "deleted": True}

    def open_content(self, organization: str, file_id: str, chunk_size: int = 1 << 16) -> Iterator[bytes]:
        """The file's bytes in chunks; opened now, so a later delete cannot cut the download short."""
        with self._db.lock:
            self.retrieve(organization, file_id)
            handle = open(self._db.blob_path(file_id), "rb")  # noqa: SIM115  (closed by the iterator)
        return _chunks(handle, chunk_size)


def _chunks(handle: BinaryIO, chunk_size: int) -> Iterator[bytes]:
    with handle:
        while chunk := handle.read(chunk_size):
            yield chunk
