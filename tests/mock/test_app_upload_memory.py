"""Receiving an upload takes memory bounded by the reader's buffers, whatever the size of the file."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator

from mock_app_support import conforms, mock_client

from openai_mock.config import MockConfig

BOUNDARY = "memory-bound"
EXAMPLE = b'{"prompt": "Say this is a test ->", "completion": " This is a test.\\n"}\n'
BLOCK = EXAMPLE * (65536 // len(EXAMPLE))


def training_form(blocks: int) -> Iterator[bytes]:
    """A multipart body made as it is sent: a ``purpose`` field, then a training file of ``blocks`` pieces."""
    mark = b"--" + BOUNDARY.encode()
    yield mark + b'\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nfine-tune\r\n'
    yield mark + b'\r\nContent-Disposition: form-data; name="file"; filename="train.jsonl"\r\n\r\n'
    for _ in range(blocks):
        yield BLOCK
    yield b"\r\n" + mark + b"--\r\n"


def peak_of_upload(blocks: int) -> int:
    """The most memory Python held at once (tracemalloc, every thread) while the mock received the upload."""
    with mock_client(MockConfig(max_body_bytes=1 << 30)) as (client, _):
        headers = {"content-type": f"multipart/form-data; boundary={BOUNDARY}"}
        tracemalloc.start()
        try:
            response = client.post("/files", content=training_form(blocks), headers=headers)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert conforms(response).json()["bytes"] == blocks * len(BLOCK)
    return peak


def test_the_memory_of_receiving_does_not_grow_with_the_file() -> None:
    small, large = peak_of_upload(32), peak_of_upload(256)  # 2 MiB and 16 MiB
    # The reader holds one batch for the disk (1 MiB) and the lines of one piece for the check.
    assert large < small + (1 << 20), (small, large)
    assert large < 6 << 20, large
