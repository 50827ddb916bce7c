"""Tour steps for files and fine-tunes: upload, download, a job followed live, its model listed and deleted."""

from __future__ import annotations

import json
import time

from openai_client.models import FineTune

from .runner import Context, say

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
    uploaded = ctx.client.files.create(file=source, purpose="fine-tune")
    ctx.state["training_file"] = uploaded.id
    say(f"uploaded {uploaded.filename}: {uploaded.id}, {uploaded.bytes} bytes, purpose {uploaded.purpose}")
    again = ctx.client.files.retrieve(uploaded.id)
    listed = ctx.client.files.list()
    say(f"retrieved it (status {again.status}); {len(listed.data)} file(s) listed")
    # Streamed to a temporary file beside the target, then renamed over it: written whole or not at all.
    copy = ctx.client.files.content(uploaded.id).write_to_file(ctx.output_dir / "train-downloaded.jsonl")
    same = copy.read_bytes() == source.read_bytes()
    say(f"downloaded to {copy}: {'identical' if same else 'DIFFERENT'}")
    if not same:
        raise ValueError("the downloaded file differs from the upload")


def _follow(ctx: Context, job: FineTune) -> FineTune:
    """Print each event as the server streams it, and every status change seen along the way."""
    started, status = time.monotonic(), job.status
    say(f"[ 0.0 s] status {status}")
    with ctx.client.fine_tunes.list_events(job.id, stream=True) as events:
        for event in events:
            elapsed = time.monotonic() - started
            say(f"[{elapsed:4.1f} s] {event.level:<5} {event.message}")
            current = ctx.client.fine_tunes.retrieve(job.id)
            if current.status != status:
                say(f"[{elapsed:4.1f} s] status {status} -> {current.status}")
                status = current.status
    return ctx.client.fine_tunes.retrieve(job.id)


def fine_tune(ctx: Context) -> None:
    training_file = ctx.state.get("training_file")
    if training_file is None:
        raise RuntimeError("no training file: the Files step failed")
    job = ctx.client.fine_tunes.create(training_file=training_file, model="curie", n_epochs=2, suffix="demo")
    say(f"created {job.id} on {job.model}, {job.hyperparams.n_epochs} epochs")
    final = _follow(ctx, job)
    if final.status != "succeeded" or not final.fine_tuned_model:
        raise RuntimeError(f"fine-tune ended {final.status}")
    ctx.state["fine_tune"] = final.id
    ctx.state["fine_tuned_model"] = final.fine_tuned_model
    say(f"succeeded: {final.fine_tuned_model}")
    if final.result_files:
        path = ctx.client.files.content(final.result_files[0].id).write_to_file(
            ctx.output_dir / "fine-tune-results.csv"
        )
        say(f"result file saved to {path} ({len(path.read_text().splitlines())} lines)")


def fine_tuned_model(ctx: Context) -> None:
    job_id, model = ctx.state.get("fine_tune"), ctx.state.get("fine_tuned_model")
    if job_id is None or model is None:
        raise RuntimeError("no fine-tuned model: the fine-tune step failed")
    events = ctx.client.fine_tunes.list_events(job_id)
    say(f"{len(events.data)} events, the last: {events.data[-1].message!r}")
    say(f"listed among the models: {any(m.id == model for m in ctx.client.models.list())}")
    deleted = ctx.client.models.delete(model)
    say(f"deleted {deleted.id}: {deleted.deleted}")
    say(f"still listed after deletion: {any(m.id == model for m in ctx.client.models.list())}")
    removed = ctx.client.files.delete(ctx.state["training_file"])
    say(f"cleaned up the training file {removed.id}: deleted={removed.deleted}")
