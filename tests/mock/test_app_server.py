"""End to end over real sockets: ``MockServer`` in a thread, and ``python -m openai_mock`` restarted on its data."""

from __future__ import annotations

import itertools
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from mock_app_support import AUTH, jsonl

from openai_mock.config import MockConfig
from openai_mock.server import MockServer, running_mock

CHAT = {"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "Hello!"}], "max_tokens": 12}


def test_running_mock_serves_and_stops() -> None:
    with running_mock(fine_tune_duration=0.1) as base_url:
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/v1")
        response = httpx.post(f"{base_url}/chat/completions", json=CHAT, headers=AUTH)
        assert response.status_code == 200 and response.json()["object"] == "chat.completion"
        port = httpx.URL(base_url).port
    assert port is not None
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{port}/", timeout=1)


def test_latency_spaces_streamed_chunks() -> None:
    with MockServer(MockConfig(latency_ms=40)) as server:
        arrivals = []
        start = time.perf_counter()
        with httpx.stream(
            "POST", f"{server.base_url}/chat/completions", json={**CHAT, "stream": True}, headers=AUTH
        ) as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            for line in response.iter_lines():
                if line.startswith("data: "):
                    arrivals.append(time.perf_counter() - start)
        assert len(arrivals) >= 4
        gaps = [b - a for a, b in itertools.pairwise(arrivals)]
        assert min(gaps) >= 0.03, gaps  # each chunk was flushed on its own, not buffered
        assert arrivals[0] >= 0.035  # the response itself waited too


def test_fine_tune_event_stream_delivers_epochs_while_the_job_runs() -> None:
    with (
        MockServer(MockConfig(fine_tune_duration=1.2)) as server,
        httpx.Client(base_url=server.base_url, headers=AUTH) as client,
    ):
        upload = client.post("/files", files={"file": ("train.jsonl", jsonl(4))}, data={"purpose": "fine-tune"})
        job = client.post("/fine-tunes", json={"training_file": upload.json()["id"], "n_epochs": 3}).json()
        arrivals: dict[str, float] = {}
        start = time.perf_counter()
        with client.stream("GET", f"/fine-tunes/{job['id']}/events", params={"stream": "true"}) as events:
            for line in events.iter_lines():
                if line.startswith("data: {"):
                    arrivals[json.loads(line[6:])["message"]] = time.perf_counter() - start
        # Epochs complete at 0.3 + 0.9 * k / 4 s; the job ends at 1.2 s.
        assert list(arrivals)[-1] == "Job succeeded."
        epochs = [arrivals[f"Completed epoch {k}/3"] for k in (1, 2, 3)]
        assert epochs == sorted(epochs)
        assert arrivals["Job succeeded."] - epochs[0] >= 0.35, arrivals  # sent as it happened, not at the end


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def _process(data_dir: Path, *options: str) -> Iterator[str]:
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "openai_mock",
        "--port",
        str(port),
        "--data-dir",
        str(data_dir),
        "--fine-tune-duration",
        "0.2",
        "--log-level",
        "warning",
        *options,
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            try:
                if httpx.get(base + "/", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        yield base + "/v1"
    finally:
        process.terminate()
        process.wait(timeout=20)
        if process.stderr:
            process.stderr.close()


@pytest.mark.slow
@pytest.mark.parametrize("options", [(), ("--fsync",)], ids=["default", "fsync"])
def test_process_keeps_files_fine_tunes_and_models_across_restart(tmp_path: Path, options: tuple[str, ...]) -> None:
    with _process(tmp_path, *options) as base, httpx.Client(base_url=base, headers=AUTH) as client:
        upload = client.post("/files", files={"file": ("train.jsonl", jsonl(4))}, data={"purpose": "fine-tune"})
        file_id = upload.json()["id"]
        job = client.post("/fine-tunes", json={"training_file": file_id, "model": "babbage"}).json()
        with client.stream("GET", f"/fine-tunes/{job['id']}/events", params={"stream": "true"}) as events:
            lines = [line for line in events.iter_lines() if line.startswith("data: ")]
        assert lines[-1] == "data: [DONE]"
        assert json.loads(lines[-2][6:])["message"] == "Job succeeded."
        finished = client.get(f"/fine-tunes/{job['id']}").json()
        model = finished["fine_tuned_model"]
        before = (client.get("/files").json(), finished, client.get(f"/models/{model}").json())
    with _process(tmp_path, *options) as base, httpx.Client(base_url=base, headers=AUTH) as client:
        after = (
            client.get("/files").json(),
            client.get(f"/fine-tunes/{job['id']}").json(),
            client.get(f"/models/{model}").json(),
        )
        assert after == before
        assert client.get(f"/files/{file_id}/content").content == jsonl(4)
        assert len(after[0]["data"]) == 2  # the training file and the job's result file
