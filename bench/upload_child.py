"""One upload of ours in a fresh interpreter: `python -m bench.upload_child BASE_URL PATH` prints peak RSS.

Kept apart from the orchestrator so that the child imports only what an upload needs.
"""

from __future__ import annotations

import resource
import sys
import time

import httpx

from openai_client import AuthenticatedClient
from openai_client.uploads import upload_file

from ._common import TOKEN, emit

__all__ = ["main"]


def main(base_url: str, path: str) -> None:
    client = AuthenticatedClient(base_url=base_url, token=TOKEN, timeout=httpx.Timeout(300.0))
    start = time.perf_counter()
    created = upload_file(client, path, purpose="fine-tune")
    elapsed = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    emit({"seconds": elapsed, "peak_rss_mb": rss_mb, "bytes": created.bytes_})


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
