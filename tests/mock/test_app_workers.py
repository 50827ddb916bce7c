"""``openai-mock --workers 2``: two processes over one store lose and duplicate nothing under concurrent writes."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from mock_app_support import AUTH, jsonl

from openai_mock.config import MockConfig
from openai_mock.workers import config_from_json, config_to_json


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _workers(data_dir: Path, count: int) -> Iterator[str]:
    port = _free_port()
    command = [sys.executable, "-m", "openai_mock", "--port", str(port), "--workers", str(count)]
    command += ["--data-dir", str(data_dir), "--fine-tune-duration", "0.3", "--log-level", "warning"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # up to about a minute, by count: the workers load their models first
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            try:
                if httpx.get(base + "/", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        else:
            pytest.fail("the workers did not start")
        yield base + "/v1"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)
        if process.stderr:
            process.stderr.close()


def test_the_configuration_travels_to_workers_unchanged(tmp_path: Path) -> None:
    config = MockConfig(data_dir=tmp_path, api_keys=("sk-a", "sk-b"), latency_ms=3.5, spec_path=tmp_path / "x.yaml")
    assert config_from_json(config_to_json(config)) == config


def test_workers_must_be_positive() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "openai_mock", "--workers", "0"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "--workers must be at least 1" in result.stderr


@pytest.mark.slow
def test_two_workers_share_one_store_under_concurrent_writes(tmp_path: Path) -> None:
    uploads = 24

    def upload(i: int) -> str:
        # A new connection each time, so the kernel spreads the requests over both processes.
        body = jsonl(2 + i % 3)
        response = httpx.post(
            f"{base}/files",
            headers=AUTH,
            files={"file": (f"part-{i}.jsonl", body)},
            data={"purpose": "fine-tune"},
            timeout=60,
        )
        assert response.status_code == 200, response.text
        assert response.json()["bytes"] == len(body)
        return str(response.json()["id"])

    def delete(file_id: str) -> int:
        return httpx.delete(f"{base}/files/{file_id}", headers=AUTH, timeout=60).status_code

    with _workers(tmp_path, 2) as base:
        with ThreadPoolExecutor(8) as pool:
            ids = list(pool.map(upload, range(uploads)))
        assert len(set(ids)) == uploads
        listed = httpx.get(f"{base}/files", headers=AUTH, timeout=60).json()["data"]
        assert sorted(f["id"] for f in listed) == sorted(ids)
        for i, file_id in enumerate(ids):
            content = httpx.get(f"{base}/files/{file_id}/content", headers=AUTH, timeout=60).content
            assert content == jsonl(2 + i % 3)

        # Each file deleted twice at once: exactly one deletion wins, the other finds nothing.
        doomed = ids[: uploads // 2]
        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(delete, [*doomed, *doomed]))
        assert sorted(statuses) == [200] * len(doomed) + [404] * len(doomed)
        left = httpx.get(f"{base}/files", headers=AUTH, timeout=60).json()["data"]
        assert sorted(f["id"] for f in left) == sorted(ids[uploads // 2 :])

        # Fine-tunes advanced by whichever worker is asked: every event is recorded once, in order.
        job = httpx.post(
            f"{base}/fine-tunes", headers=AUTH, json={"training_file": ids[-1], "model": "ada"}, timeout=60
        ).json()
        with ThreadPoolExecutor(8) as pool:
            for _ in range(200):
                states = list(
                    pool.map(
                        lambda _: httpx.get(f"{base}/fine-tunes/{job['id']}", headers=AUTH, timeout=60).json(),
                        range(8),
                    )
                )
                if all(s["status"] == "succeeded" for s in states):
                    break
                time.sleep(0.05)
        events = httpx.get(f"{base}/fine-tunes/{job['id']}/events", headers=AUTH, timeout=60).json()["data"]
        messages = [e["message"] for e in events]
        assert messages[0].startswith("Job enqueued")
        assert messages[-1] == "Job succeeded."
        assert len(messages) == len(set(json.dumps(e, sort_keys=True) for e in events))
        assert [e["created_at"] for e in events] == sorted(e["created_at"] for e in events)


def test_a_worker_joining_a_shared_store_leaves_the_others_uploads_alone(tmp_path: Path) -> None:
    from openai_mock.store import Store

    first = Store(tmp_path)
    try:
        in_flight = tmp_path / "tmp" / "upload-in-progress"
        in_flight.write_bytes(b"half an upload")
        Store(tmp_path, recover=False).close()  # how a worker opens the store the parent recovered
        assert in_flight.exists()
        Store(tmp_path).close()  # a lone process at start: leftovers are a crash's, removed
        assert not in_flight.exists()
    finally:
        first.close()
