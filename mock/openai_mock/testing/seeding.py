"""State set up before a test: files with content, fine-tunes at a given status, fine-tuned models."""

from __future__ import annotations

from typing import Any

from openai_models import dicts

from ..errors import MockAPIError
from ..http.gateway import default_organization
from ..http.services import Services

__all__ = ["FINE_TUNE_STATUSES", "Seeder"]

FINE_TUNE_STATUSES = ("pending", "running", "succeeded", "cancelled")
_TRAINING = b'{"prompt": "Seeded example ->", "completion": " seeded answer\\n"}\n'


class Seeder:
    def __init__(self, services: Services, api_key: str) -> None:
        self._services = services
        self.organization = default_organization(api_key, services.config)

    def file(self, content: bytes | str, *, filename: str, purpose: str, organization: str | None) -> dicts.OpenAIFile:
        data = content.encode() if isinstance(content, str) else content
        try:
            record = self._services.store.files.create(organization or self.organization, filename, purpose, data)
        except MockAPIError as exc:
            raise ValueError(f"cannot seed {filename!r}: {exc.message}") from None
        return record.to_dict()

    def fine_tune(
        self, training_file: str | None, *, status: str, model: str, organization: str | None, **options: Any
    ) -> dicts.FineTune:
        if status not in FINE_TUNE_STATUSES:
            raise ValueError(f"status must be one of {list(FINE_TUNE_STATUSES)}, got {status!r}")
        org = organization or self.organization
        jobs = self._services.store.fine_tunes
        duration, now = jobs.duration, self._services.clock()
        if status in ("pending", "running") and duration <= 0:
            raise ValueError(f"a fine-tune cannot stay {status} with fine_tune_duration=0")
        if training_file is None:
            seeded = self.file(_TRAINING, filename="seed.jsonl", purpose="fine-tune", organization=org)
            training_file = str(seeded["id"])
        # The lifecycle follows the job's age: date it back to where the status holds.
        age = {"pending": 0.0, "running": duration * 0.6, "succeeded": duration + 1.0, "cancelled": 0.0}[status]
        try:
            job = jobs.create(org, training_file, model=model, created_at=now - age, **options)
            if status == "cancelled":
                job = jobs.cancel(org, job["id"])
            return jobs.retrieve(org, job["id"])
        except MockAPIError as exc:
            raise ValueError(f"cannot seed the fine-tune: {exc.message}") from None

    def model(self, base: str, *, suffix: str | None, organization: str | None) -> dicts.Model:
        org = organization or self.organization
        job = self.fine_tune(None, status="succeeded", model=base, organization=org, suffix=suffix)
        found = self._services.store.models.get(org, str(job["fine_tuned_model"]))
        assert found is not None, "a succeeded fine-tune always has its model"
        return found
