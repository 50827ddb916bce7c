"""One upload of ours in a fresh interpreter: `python -m bench.upload_child BASE_URL PATH [--facade]` prints
wall and CPU seconds and peak RSS.

Kept apart from the orchestrator so that the child imports only what an upload needs. The client is
the one users build: `client_from_env` with the upload helper, or with `--facade`, `OpenAI(...).files.create`;
both with the retrying transport.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

import httpx

from ._common import TOKEN, emit

__all__ = ["main"]


def _upload_with_helper(base_url: str, path: str) -> int:
    from openai_client.config import client_from_env
    from openai_client.uploads import upload_file

    client = client_from_env(TOKEN, base_url=base_url, timeout=httpx.Timeout(300.0), env={})
    return upload_file(client, path, purpose="fine-tune").bytes_


def _upload_with_facade(base_url: str, path: str) -> int:
    from openai_client import OpenAI

    with OpenAI(api_key=TOKEN, base_url=base_url, timeout=300.0) as client:
        return client.files.create(file=Path(path), purpose="fine-tune").bytes_


def main(base_url: str, path: str, facade: bool = False) -> None:
    upload = _upload_with_facade if facade else _upload_with_helper
    start, cpu = time.perf_counter(), time.process_time()
    received = upload(base_url, path)
    elapsed, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    emit({"seconds": elapsed, "cpu_seconds": cpu_seconds, "peak_rss_mb": rss_mb, "bytes": received})


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], facade="--facade" in sys.argv[3:])
