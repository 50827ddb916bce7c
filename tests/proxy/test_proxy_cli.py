"""``openai-mock proxy``: options, the summary on exit, and a real run against a broken upstream."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from proxy_support import AUTH, CHAT, BrokenServer

from openai_mock.__main__ import main as mock_main
from openai_mock.__main__ import parse_args as mock_args
from openai_mock.proxy.cli import parse_args


def test_the_mock_command_without_a_subcommand_is_unchanged() -> None:
    args = mock_args(["--port", "9000", "--latency", "5"])
    assert (args.port, args.latency, args.replay) == (9000, 5.0, None)
    assert mock_args(["--replay", "recordings"]).replay == Path("recordings")


def test_proxy_options() -> None:
    args = parse_args(["--upstream", "https://api.openai.com/v1", "--fail-on-violation", "--record", "out"])
    assert args.upstream == "https://api.openai.com/v1"
    assert args.fail_on_violation is True
    assert args.record == Path("out")
    assert args.port == 8090
    with pytest.raises(SystemExit):
        parse_args([])  # --upstream is required


def test_a_bad_upstream_is_refused_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit, match="upstream must be an http"):
        mock_main(["proxy", "--upstream", "api.openai.com"])


def test_the_summary_is_printed_when_the_server_stops(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    served: list[Any] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **options: served.append((app, options)))
    mock_main(["proxy", "--upstream", "http://127.0.0.1:1/v1", "--port", "0"])
    [(app, options)] = served
    assert options["port"] == 0
    assert "proxy" in str(type(app.state.proxy))
    summary = capsys.readouterr().err
    assert summary.startswith("proxy summary: 0 requests, 0 violations, 0 of ")
    assert "never exercised: listModels" in summary


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.mark.slow
def test_a_run_against_a_broken_upstream_logs_each_violation_and_prints_the_summary(tmp_path: Path) -> None:
    port = _free_port()
    with BrokenServer() as upstream:
        command = [sys.executable, "-m", "openai_mock", "proxy", "--upstream", upstream.base_url, "--port", str(port)]
        env = {**os.environ, "NO_PROXY": "127.0.0.1"}
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                try:
                    if httpx.get(base + "/__proxy__/status", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "the proxy did not start"
                time.sleep(0.05)
            with httpx.Client(base_url=base + "/v1", headers=AUTH) as client:
                client.get("/models")
                client.get("/models/gpt-3.5-turbo")
                client.post("/chat/completions", json={**CHAT, "stream": True})
                client.post("/embeddings", json={"model": "text-embedding-ada-002", "input": "hi"})
                client.post("/completions", json={"model": "text-davinci-003", "prompt": "x", "stream": True})
        finally:
            process.send_signal(signal.SIGINT)
            _, err = process.communicate(timeout=30)
    (tmp_path / "proxy.log").write_text(err)
    assert "spec violation: listModels response response_body at /data/1/created" in err
    assert "spec violation: createChatCompletion event 2 event_data at /choices/0/index" in err
    assert "spec violation: createEmbedding response status at (root): status 418 is not declared" in err
    summary = err[err.index("proxy summary:") :]
    assert summary.startswith("proxy summary: 5 requests, 5 violations, 5 of ")
    assert "createChatCompletion" in summary and "event_data 1, stream_end 1" in summary
    assert "sk-proxy-tests" not in err


def test_replay_puts_the_recorded_answers_in_front_of_the_mock(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from openai_mock.proxy.replay import Replay

    served: list[Any] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **options: served.append(app))
    mock_main(["--replay", str(tmp_path), "--port", "0"])
    [app] = served
    try:
        assert app.user_middleware[0].cls is Replay
    finally:
        app.state.services.close()
