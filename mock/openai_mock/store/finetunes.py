"""/fine-tunes and fine-tuned models: a job lifecycle derived lazily from timestamps.

A job is ``pending`` for the first quarter of its duration, ``running`` until the end (one
"Completed epoch" event per epoch on the way, each written once its time has come), then
``succeeded``: the result file and the fine-tuned model appear at that moment. Nothing runs in
the background; every read brings the job up to the store's clock first, so an injected clock
drives the whole lifecycle.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Callable
from typing import Any

import orjson

from openai_models import dicts

from ..engines import catalog
from ..errors import InvalidRequestError, NotFoundError, PermissionDeniedError
from .db import Database
from .files import FileService, new_id

__all__ = ["FINE_TUNABLE", "FineTuneService", "ModelService", "fine_tuned_model_name"]

FINE_TUNABLE = ("ada", "babbage", "curie", "davinci")
_FINISHED = ("succeeded", "cancelled", "failed")


def fine_tuned_model_name(base: str, organization: str, suffix: str | None, when: float) -> str:
    """``curie:ft-acmeco-2021-03-03-21-44-20`` (``personal`` without an ``org-`` organization)."""
    slug = re.sub(r"[^a-z0-9]", "", organization[4:].lower()) if organization.startswith("org-") else "personal"
    stamp = time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime(when))
    return f"{base.split(':')[0]}:ft-{slug or 'personal'}{':' + suffix if suffix else ''}-{stamp}"


class ModelService:
    """Fine-tuned models; base models live in ``catalog``."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def _dict(self, row: sqlite3.Row) -> dicts.Model:
        info = catalog.ModelInfo(
            row["id"], row["created"], row["organization"], frozenset({catalog.COMPLETIONS, catalog.FINE_TUNES})
        )
        return catalog.model_dict(info)

    def list(self, organization: str) -> list[dicts.Model]:
        rows = self._db.query("SELECT * FROM models WHERE organization = ? ORDER BY created, rowid", (organization,))
        return [self._dict(r) for r in rows]

    def get(self, organization: str, model: str) -> dicts.Model | None:
        rows = self._db.query("SELECT * FROM models WHERE id = ? AND organization = ?", (model, organization))
        return self._dict(rows[0]) if rows else None

    def exists(self, model: str) -> bool:
        return bool(self._db.query("SELECT 1 FROM models WHERE id = ?", (model,)))

    def delete(self, organization: str, model: str) -> dicts.DeleteModelResponse:
        if catalog.is_base_model(model):
            raise PermissionDeniedError(
                f"Model {model} is a base model owned by openai and cannot be deleted.", param="model"
            )
        with self._db.transaction() as conn:
            if conn.execute("DELETE FROM models WHERE id = ? AND organization = ?", (model, organization)).rowcount:
                return {"id": model, "object": "model", "deleted": True}
        raise NotFoundError("That model does not exist", param="model", code="model_not_found")


class FineTuneService:
    def __init__(
        self, db: Database, files: FileService, models: ModelService, clock: Callable[[], float], duration: float
    ) -> None:
        self._db, self._files, self._models = db, files, models
        self._clock = clock
        self.duration = duration

    def _check_file(self, organization: str, file_id: str, param: str) -> None:
        rows = self._db.query("SELECT purpose FROM files WHERE id = ? AND organization = ?", (file_id, organization))
        if not rows:
            raise InvalidRequestError(f"No such File object: {file_id}", param=param)
        if rows[0]["purpose"] != "fine-tune":
            raise InvalidRequestError(
                f"File {file_id} has purpose '{rows[0]['purpose']}'; fine-tuning needs a file uploaded with "
                "purpose 'fine-tune'.",
                param=param,
            )

    def create(
        self,
        organization: str,
        training_file: str,
        *,
        validation_file: str | None = None,
        model: str | None = "curie",
        n_epochs: int | None = 4,
        batch_size: int | None = None,
        learning_rate_multiplier: float | None = None,
        prompt_loss_weight: float | None = 0.01,
        suffix: str | None = None,
        created_at: float | None = None,
        **classification: Any,
    ) -> dicts.FineTune:
        """Queue a job (``classification`` takes the compute_classification_metrics family as given).

        ``created_at`` dates the job in the past (a seeded job is then further along its life).
        """
        self._check_file(organization, training_file, "training_file")
        if validation_file is not None:
            self._check_file(organization, validation_file, "validation_file")
        model = model or "curie"
        if model not in FINE_TUNABLE and not self._models.get(organization, model):
            raise InvalidRequestError(
                f"Invalid base model: {model} (model must be one of {', '.join(FINE_TUNABLE)}) or a fine-tuned "
                f"model created by your organization: {organization}",
                param="model",
            )
        if suffix is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,40}", suffix):
            raise InvalidRequestError("suffix must be 1 to 40 letters, digits, '-' or '_'.", param="suffix")
        if n_epochs is not None and not 1 <= n_epochs <= 50:
            raise InvalidRequestError(f"{n_epochs} is not between 1 and 50 - 'n_epochs'", param="n_epochs")
        hyper = {
            "batch_size": batch_size or 4,
            "learning_rate_multiplier": learning_rate_multiplier or 0.1,
            "n_epochs": n_epochs or 4,
            "prompt_loss_weight": 0.01 if prompt_loss_weight is None else prompt_loss_weight,
            **{k: v for k, v in classification.items() if v is not None},
        }
        job_id, now = new_id("ft-"), self._clock() if created_at is None else created_at
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO fine_tunes VALUES (?, ?, ?, ?, ?, ?, 'pending', NULL, NULL, ?, ?, NULL, ?)",
                (job_id, organization, model, training_file, validation_file, json.dumps(hyper), now, now, suffix),
            )
            self._event(conn, job_id, now, "Job enqueued. Waiting for jobs ahead to complete. Queue number: 0.")
        return self.retrieve(organization, job_id)

    @staticmethod
    def _event(conn: sqlite3.Connection, job_id: str, at: float, message: str) -> None:
        conn.execute(
            "INSERT INTO fine_tune_events SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, 'info', ? "
            "FROM fine_tune_events WHERE fine_tune_id = ?",
            (job_id, at, message, job_id),
        )

    def _row(self, organization: str, job_id: str) -> sqlite3.Row:
        with self._db.transaction() as conn:
            rows = conn.execute(
                "SELECT * FROM fine_tunes WHERE id = ? AND organization = ?", (job_id, organization)
            ).fetchall()
            if not rows:
                raise NotFoundError(f"No such FineTune object: {job_id}", param="fine_tune_id")
            self._advance(conn, rows[0])
            row: sqlite3.Row = conn.execute("SELECT * FROM fine_tunes WHERE id = ?", (job_id,)).fetchone()
            return row

    def _advance(self, conn: sqlite3.Connection, row: sqlite3.Row) -> None:
        now, created, status, job_id = self._clock(), row["created_at"], row["status"], row["id"]
        started, done = created + self.duration / 4, created + self.duration
        hyper = orjson.loads(row["hyperparams"])
        if status == "pending" and now >= started:
            self._event(conn, job_id, started, "Job started.")
            conn.execute("UPDATE fine_tunes SET status = 'running', updated_at = ? WHERE id = ?", (started, job_id))
            status = "running"
        if status != "running":
            return
        # Each epoch's event is written as soon as the clock passes its time, so a client following
        # the events (or their stream) watches the job progress instead of getting them all at the end.
        epochs = int(hyper["n_epochs"])
        (written,) = conn.execute(
            "SELECT COUNT(*) FROM fine_tune_events WHERE fine_tune_id = ? AND message LIKE 'Completed epoch %'",
            (job_id,),
        ).fetchone()
        for epoch in range(written + 1, epochs + 1):
            at = started + (done - started) * epoch / (epochs + 1)
            if at > now:
                break
            self._event(conn, job_id, at, f"Completed epoch {epoch}/{epochs}")
            conn.execute("UPDATE fine_tunes SET updated_at = ? WHERE id = ?", (at, job_id))
        if now < done:
            return
        when = done
        name = fine_tuned_model_name(row["model"], row["organization"], row["suffix"], when)
        while self._models.exists(name):  # two jobs finishing in the same second
            when += 1
            name = fine_tuned_model_name(row["model"], row["organization"], row["suffix"], when)
        conn.execute(
            "INSERT INTO models VALUES (?, ?, ?, ?, ?)",
            (name, row["organization"], int(done), row["model"].split(":")[0], job_id),
        )
        self._event(conn, job_id, done, f"Uploaded snapshot: {name}.")
        rows = "".join(f"{s},{s * 512},{s * 4},{1.0 / s:.4f},{min(1.0, 0.5 + s / 20):.4f}\n" for s in range(1, 6))
        result = self._files.create(
            row["organization"],
            "compiled_results.csv",
            "fine-tune-results",
            ("step,elapsed_tokens,elapsed_examples,training_loss,training_token_accuracy\n" + rows).encode(),
            internal=True,
            created_at=done,
        )
        self._event(conn, job_id, done, f"Uploaded result files: {result.id}.")
        self._event(conn, job_id, done, "Job succeeded.")
        conn.execute(
            "UPDATE fine_tunes SET status = 'succeeded', fine_tuned_model = ?, result_file = ?, "
            "updated_at = ? WHERE id = ?",
            (name, result.id, done, job_id),
        )

    def _files_of(
        self, organization: str, *ids: str | None, known: dict[str, dicts.OpenAIFile] | None = None
    ) -> list[dicts.OpenAIFile]:
        """The files a job names (``known``: the organization's files by id, read once for a listing)."""
        out = []
        for file_id in ids:
            if not file_id:
                continue
            if known is not None:
                if file_id in known:
                    out.append(known[file_id])
                continue
            record = self._files.named_by_job(organization, file_id)
            if record is not None:
                out.append(record.to_dict())
        return out

    def _dict(
        self, row: sqlite3.Row, with_events: bool, known: dict[str, dicts.OpenAIFile] | None = None
    ) -> dicts.FineTune:
        org = row["organization"]
        out: dicts.FineTune = {
            "id": row["id"],
            "object": "fine-tune",
            "model": row["model"],
            "created_at": int(row["created_at"]),
            "fine_tuned_model": row["fine_tuned_model"],
            "hyperparams": orjson.loads(row["hyperparams"]),
            "organization_id": org,
            "result_files": self._files_of(org, row["result_file"], known=known),
            "status": row["status"],
            "validation_files": self._files_of(org, row["validation_file"], known=known),
            "training_files": self._files_of(org, row["training_file"], known=known),
            "updated_at": int(row["updated_at"]),
        }
        if with_events:
            out["events"] = self._events(row["id"])
        return out

    def _events(self, job_id: str) -> list[dicts.FineTuneEvent]:
        rows = self._db.query("SELECT * FROM fine_tune_events WHERE fine_tune_id = ? ORDER BY seq", (job_id,))
        return [
            {
                "object": "fine-tune-event",
                "created_at": int(r["created_at"]),
                "level": r["level"],
                "message": r["message"],
            }
            for r in rows
        ]

    def retrieve(self, organization: str, job_id: str) -> dicts.FineTune:
        return self._dict(self._row(organization, job_id), True)

    def events(self, organization: str, job_id: str) -> list[dicts.FineTuneEvent]:
        return self._events(self._row(organization, job_id)["id"])

    def is_finished(self, organization: str, job_id: str) -> bool:
        return str(self._row(organization, job_id)["status"]) in _FINISHED

    def cancel(self, organization: str, job_id: str) -> dicts.FineTune:
        with self._db.transaction() as conn:
            row = self._row(organization, job_id)
            if row["status"] in _FINISHED:
                raise InvalidRequestError(
                    f"Cannot cancel a job that has already {row['status']}.", param="fine_tune_id"
                )
            now = self._clock()
            self._event(conn, job_id, now, "Job cancelled.")
            conn.execute(
                "UPDATE fine_tunes SET status = 'cancelled', cancelled_at = ?, updated_at = ? WHERE id = ?",
                (now, now, job_id),
            )
        return self.retrieve(organization, job_id)

    # Last in the class: below it, ``list`` would name this method in annotations.
    def list(self, organization: str) -> list[dicts.FineTune]:
        """Every job of the organization: one query for the jobs and one for their files, whatever their number
        (only unfinished jobs are brought up to the clock, each in its own transaction)."""
        rows = self._db.query(
            "SELECT * FROM fine_tunes WHERE organization = ? ORDER BY created_at, rowid", (organization,)
        )
        current = [row if row["status"] in _FINISHED else self._row(organization, row["id"]) for row in rows]
        known = {record.id: record.to_dict() for record in self._files.of_fine_tunes(organization)}
        return [self._dict(row, False, known) for row in current]
