"""/files: streamed uploads with a per-organization quota, listing, deletion and downloads."""

from __future__ import annotations

import itertools
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

import orjson

from openai_models import dicts

from ..errors import InvalidRequestError, NotFoundError, PayloadTooLargeError
from . import file_formats
from .db import Database

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
# One example is a prompt and a completion within a 2,049-token context: a few KB. A line this long is
# not one, and reading it whole would let one upload take that much memory.
MAX_JSONL_LINE_BYTES = 1024 * 1024
_ALNUM = string.ascii_letters + string.digits


def new_id(prefix: str) -> str:
    return prefix + "".join(secrets.choice(_ALNUM) for _ in range(24))


def _jsonl_lines(handle: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """``(number, line)`` pairs, each read no further than ``MAX_JSONL_LINE_BYTES`` (a longer line is a 400)."""
    for number in itertools.count(1):
        raw = handle.readline(MAX_JSONL_LINE_BYTES + 1)
        if not raw:
            return
        if len(raw) > MAX_JSONL_LINE_BYTES:
            raise InvalidRequestError(
                f"Line {number} of the file is longer than {MAX_JSONL_LINE_BYTES} bytes; every line must be one "
                "prompt/completion example.",
                param="file",
            )
        yield number, raw


def validate_fine_tune_jsonl(path: Path) -> int:
    """Check a fine-tune training file line by line; returns the number of examples.

    Every non-empty line must be a JSON object with exactly the string keys ``prompt`` and
    ``completion``; errors name the first bad line (1-based) and the param ``file``. Lines are read
    one at a time and at most ``MAX_JSONL_LINE_BYTES`` long, so the memory this takes is bounded
    whatever the file holds; orjson refuses nesting deeper than 1024 levels instead of recursing.
    """
    examples = 0
    with open(path, "rb") as handle:
        for number, raw in _jsonl_lines(handle):
            if not raw.strip():
                continue
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")  # editors on Windows start UTF-8 files with a BOM
            try:
                obj = orjson.loads(raw)
            except orjson.JSONDecodeError:
                obj = None
            if not isinstance(obj, dict):
                raise InvalidRequestError(
                    "Expected file to have JSONL format, where every line is a valid JSON dictionary. "
                    f"Line {number} is not a dictionary.",
                    param="file",
                )
            for key in ("prompt", "completion"):
                if key not in obj:
                    raise InvalidRequestError(
                        f"Expected file to have JSONL format with prompt/completion keys. Missing `{key}` key "
                        f"on line {number}.",
                        param="file",
                    )
                if not isinstance(obj[key], str):
                    raise InvalidRequestError(f"Expected `{key}` to be a string on line {number}.", param="file")
            extra = sorted(set(obj) - {"prompt", "completion"})
            if extra:
                raise InvalidRequestError(
                    f"Additional properties are not allowed ('{extra[0]}' was unexpected) on line {number}.",
                    param="file",
                )
            examples += 1
    if not examples:
        raise InvalidRequestError(
            "Expected file to have JSONL format with at least one prompt/completion example.", param="file"
        )
    return examples


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
    """Streams an upload to a temporary blob; stops as soon as the organization's quota is passed."""

    def __init__(self, db: Database, organization: str, allowance: int, quota: int) -> None:
        fd, name = tempfile.mkstemp(dir=db.tmp_dir)
        self._handle = os.fdopen(fd, "wb")
        self._durable = db.durable
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

    def begin_upload(self, organization: str) -> UploadWriter:
        allowance = self.quota_bytes - self.used_bytes(organization)
        return UploadWriter(self._db, organization, allowance, self.quota_bytes)

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
                if purpose == "fine-tune":
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
        with self.begin_upload(organization) as writer:
            for chunk in [content] if isinstance(content, bytes) else content:
                writer.write(chunk)
            return self.commit_upload(writer, filename, purpose, internal=internal, created_at=created_at)

    def of_fine_tunes(self, organization: str) -> list[FileRecord]:
        """The files the organization's fine-tunes name (training, validation, results), in one query."""
        rows = self._db.query(
            "SELECT * FROM files WHERE organization = ? AND id IN (SELECT training_file FROM fine_tunes "
            "WHERE organization = ? UNION SELECT validation_file FROM fine_tunes WHERE organization = ? "
            "UNION SELECT result_file FROM fine_tunes WHERE organization = ?)",
            (organization,) * 4,
        )
        return [_record(r) for r in rows]

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
