"""Tour steps for files and fine-tunes: upload, download, a job followed live, its model listed and deleted."""

from __future__ import annotations

import json
import time

from openai_client.api.files import delete_file, list_files, retrieve_file
from openai_client.api.fine_tunes import create_fine_tune, list_fine_tune_events, retrieve_fine_tune
from openai_client.api.models import delete_model, list_models
from openai_client.downloads import download_file
from openai_client.models import (
    CreateFineTuneRequest,
    DeleteFileResponse,
    DeleteModelResponse,
    FineTune,
    ListFilesResponse,
    ListFineTuneEventsResponse,
    ListModelsResponse,
    OpenAIFile,
)
from openai_client.streaming import stream_fine_tune_events
from openai_client.uploads import upload_file

from .runner import Context, expect, say

__all__ = ["files", "fine_tune", "fine_tuned_model"]

EXAMPLES = (
    ("Translate to French: cheese ->", " fromage"),
    ("Translate to French: bread ->", " pain"),
    ("Translate to French: apple ->", " pomme"),
    ("Translate to French: water ->", " eau"),
)


def _training_jsonl() -> bytes:
    lines = (json.dumps({"prompt": prompt, "completion": completion}) for prompt, completion in EXAMPLES)
    return ("\n".join(lines) + "\n").encode()


def files(ctx: Context) -> None:
    ctx.output_dir.mkdir(parents=True, exist_ok=True)
    source = ctx.output_dir / "train.jsonl"
    source.write_bytes(_training_jsonl())
    uploaded = upload_file(ctx.client, source, purpose="fine-tune")
    ctx.state["training_file"] = uploaded.id
    say(f"uploaded {uploaded.filename}: {uploaded.id}, {uploaded.bytes_} bytes, purpose {uploaded.purpose}")
    again = expect(retrieve_file.sync(uploaded.id, client=ctx.client), OpenAIFile)
    listed = expect(list_files.sync(client=ctx.client), ListFilesResponse)
    say(f"retrieved it (status {again.status}); {len(listed.data)} file(s) listed")
    copy = download_file(ctx.client, uploaded.id, ctx.output_dir / "train-downloaded.jsonl")
    same = copy.read_bytes() == source.read_bytes()
    say(f"downloaded to {copy}: {'identical' if same else 'DIFFERENT'}")
    if not same:
        raise ValueError("the downloaded file differs from the upload")


def _follow(ctx: Context, job: FineTune) -> FineTune:
    """Print each event as the server streams it, and every status change seen along the way."""
    started, status = time.monotonic(), job.status
    say(f"[ 0.0 s] status {status}")
    with stream_fine_tune_events(ctx.client, job.id) as events:
        for event in events:
            elapsed = time.monotonic() - started
            say(f"[{elapsed:4.1f} s] {event.level:<5} {event.message}")
            current = expect(retrieve_fine_tune.sync(job.id, client=ctx.client), FineTune)
            if current.status != status:
                say(f"[{elapsed:4.1f} s] status {status} -> {current.status}")
                status = current.status
    return expect(retrieve_fine_tune.sync(job.id, client=ctx.client), FineTune)


def fine_tune(ctx: Context) -> None:
    training_file = ctx.state.get("training_file")
    if training_file is None:
        raise RuntimeError("no training file: the Files step failed")
    body = CreateFineTuneRequest(training_file=training_file, model="curie", n_epochs=2, suffix="demo")
    job = expect(create_fine_tune.sync(client=ctx.client, body=body), FineTune)
    say(f"created {job.id} on {job.model}, {job.hyperparams.n_epochs} epochs")
    final = _follow(ctx, job)
    if final.status != "succeeded" or not final.fine_tuned_model:
        raise RuntimeError(f"fine-tune ended {final.status}")
    ctx.state["fine_tune"] = final.id
    ctx.state["fine_tuned_model"] = final.fine_tuned_model
    say(f"succeeded: {final.fine_tuned_model}")
    if final.result_files:
        path = download_file(ctx.client, final.result_files[0].id, ctx.output_dir / "fine-tune-results.csv")
        say(f"result file saved to {path} ({len(path.read_text().splitlines())} lines)")


def fine_tuned_model(ctx: Context) -> None:
    job_id, model = ctx.state.get("fine_tune"), ctx.state.get("fine_tuned_model")
    if job_id is None or model is None:
        raise RuntimeError("no fine-tuned model: the fine-tune step failed")
    events = expect(list_fine_tune_events.sync(job_id, client=ctx.client), ListFineTuneEventsResponse)
    say(f"{len(events.data)} events, the last: {events.data[-1].message!r}")
    listed = expect(list_models.sync(client=ctx.client), ListModelsResponse)
    say(f"listed among the models: {any(m.id == model for m in listed.data)}")
    deleted = expect(delete_model.sync(model, client=ctx.client), DeleteModelResponse)
    say(f"deleted {deleted.id}: {deleted.deleted}")
    listed = expect(list_models.sync(client=ctx.client), ListModelsResponse)
    say(f"still listed after deletion: {any(m.id == model for m in listed.data)}")
    removed = expect(delete_file.sync(ctx.state["training_file"], client=ctx.client), DeleteFileResponse)
    say(f"cleaned up the training file {removed.id}: deleted={removed.deleted}")
