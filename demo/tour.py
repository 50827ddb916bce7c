"""The tour: every resource of the API, one step each, against the embedded mock or a server you name.

    python -m demo                      # starts the mock on a free 127.0.0.1 port in a background thread
    OPENAI_BASE_URL=... OPENAI_API_KEY=... python -m demo    # the same tour against that server

Exits 0 when every step passed, 1 when any failed, 2 when the client cannot be configured.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Sequence
from pathlib import Path

from openai_client import OpenAI
from openai_client.exceptions import ConfigurationError

from . import steps_errors, steps_files, steps_media, steps_text
from .runner import Context, Step, run_steps

__all__ = ["STEPS", "main"]

STEPS = (
    Step("Models: list", steps_text.models),
    Step("Chat completion", steps_text.chat),
    Step("Chat completion, streamed", steps_text.chat_streamed),
    Step("Completion with logprobs", steps_text.completion_logprobs),
    Step("Edit", steps_text.edit),
    Step("Embeddings and cosine similarity", steps_text.embeddings),
    Step("Images: generate, edit with a mask, vary", steps_media.images),
    Step("Audio: transcription", steps_media.transcription),
    Step("Files: upload, retrieve, list, download", steps_files.files),
    Step("Fine-tune: followed to success", steps_files.fine_tune),
    Step("Fine-tune: events, the new model listed and deleted", steps_files.fine_tuned_model),
    Step("Moderation", steps_text.moderation),
    Step("Errors: typed exceptions", steps_errors.errors),
    Step("Retries: a 429 retried, then one that stays", steps_errors.retries),
)

DEMO_KEY = "sk-demo-0000000000000000"


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m demo", description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=Path("demo-output"), help="where images and files go")
    parser.add_argument(
        "--fine-tune-duration",
        type=float,
        default=3.0,
        metavar="SECONDS",
        help="how long the embedded mock takes for a fine-tune (default 3)",
    )
    parser.add_argument("--max-retries", type=int, default=2, help="retries per request (default 2)")
    return parser.parse_args(argv)


def _tour(client: OpenAI, base_url: str, api_key: str, output_dir: Path) -> int:
    context = Context(client, base_url, api_key, output_dir)
    started = time.perf_counter()
    with client:
        failed = run_steps(STEPS, context)
    elapsed = time.perf_counter() - started
    print()
    if failed:
        print(f"==> {len(failed)} of {len(STEPS)} steps FAILED in {elapsed:.1f} s: {', '.join(failed)}")
        return 1
    print(f"==> All {len(STEPS)} steps passed in {elapsed:.1f} s; images and files are in {output_dir}/")
    return 0


def _against_server(base_url: str, args: argparse.Namespace) -> int:
    try:
        # OPENAI_API_KEY, OPENAI_ORGANIZATION and OPENAI_BASE_URL, as any program using the client would.
        client = OpenAI(max_retries=args.max_retries)
    except ConfigurationError as exc:
        print(f"demo: {exc}")
        return 2
    print(f"==> Touring {base_url} (from OPENAI_BASE_URL)")
    return _tour(client, base_url, client.api_key, args.output_dir)


def _against_mock(args: argparse.Namespace) -> int:
    # Imported here: touring another server needs only the client.
    from openai_mock.config import MockConfig
    from openai_mock.server import running_mock

    with running_mock(MockConfig(fine_tune_duration=args.fine_tune_duration)) as base_url:
        print(f"==> Embedded mock server on {base_url} (fine-tunes take {args.fine_tune_duration:g} s)")
        client = OpenAI(api_key=DEMO_KEY, base_url=base_url, max_retries=args.max_retries)
        return _tour(client, base_url, DEMO_KEY, args.output_dir)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    base_url = os.environ.get("OPENAI_BASE_URL", "").strip().rstrip("/")
    if base_url:
        return _against_server(base_url, args)
    return _against_mock(args)
