"""One upload of ours in a fresh interpreter: `python -m bench.upload_child BASE_URL PATH` prints
wall and CPU seconds and peak RSS.

Kept apart from the orchestrator so that the child imports only what an upload needs. The client is
the one users build (`client_from_env`), retrying transport included.
"""

from __future__ import annotations

import resource
import sys
import time

import httpx

from openai_client.config import client_from_env
from openai_client.uploads import upload_file

from ._common import TOKEN, emit

__all__ = ["main"]


def main(base_url: str, path: str) -> None:
    client = client_from_env(TOKEN, base_url=base_url, timeout=httpx.Timeout(300.0), env={})
    start, cpu = time.perf_counter(), time.process_time()
    created = upload_file(client, path, purpose="fine-tune")
    elapsed, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    emit({"seconds": elapsed, "cpu_seconds": cpu_seconds, "peak_rss_mb": rss_mb, "bytes": created.bytes_})


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
