"""Bodies pass through the proxy as they arrive, both ways: shown by events, never by timings.

The proxy runs as a real server on 127.0.0.1; its upstream is an in-process transport whose body
waits for the test's signal, so a proxy that buffered would never deliver the first event.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterator

import anyio.to_thread
import httpx
import pytest
from proxy_support import AUTH, CHAT, RATE_HEADERS, chunk, sse

from openai_mock.proxy import running_proxy

# Only a guard against a hang when the proxy is broken; the assertions never depend on time.
SIGNAL_TIMEOUT = 30


class _GatedEvents(httpx.AsyncByteStream):
    """A chat stream whose second half waits until the client has seen the first event."""

    def __init__(self, first_seen: threading.Event, last_sent: threading.Event) -> None:
        self.first_seen, self.last_sent = first_seen, last_sent

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield sse(chunk(""))
        if not await anyio.to_thread.run_sync(self.first_seen.wait, SIGNAL_TIMEOUT):
            raise RuntimeError("the client never saw the first event")
        yield sse(chunk("Hi"))
        yield sse(chunk("", finish="stop"))
        self.last_sent.set()
        yield sse("[DONE]")


@pytest.mark.parametrize("fail_on_violation", [False, True], ids=["pass-through", "event-by-event"])
def test_the_first_event_reaches_the_client_before_the_upstream_sends_the_last(fail_on_violation: bool) -> None:
    first_seen, last_sent = threading.Event(), threading.Event()

    def upstream(request: httpx.Request) -> httpx.Response:
        headers = {"content-type": "text/event-stream", **RATE_HEADERS}
        return httpx.Response(200, headers=headers, stream=_GatedEvents(first_seen, last_sent))

    transport = httpx.MockTransport(upstream)
    with (
        running_proxy("http://upstream/v1", transport=transport, fail_on_violation=fail_on_violation) as proxy,
        httpx.Client(base_url=proxy.base_url, headers=AUTH) as client,
        client.stream("POST", "/chat/completions", json={**CHAT, "stream": True}) as reply,
    ):
        lines = reply.iter_lines()
        first = next(line for line in lines if line)
        assert first.startswith("data: ") and '"chat.completion.chunk"' in first
        assert not last_sent.is_set()
        first_seen.set()
        rest = [line for line in lines if line]
    assert last_sent.is_set()
    assert rest[-1] == "data: [DONE]"
    assert len(rest) == 3
    assert proxy.report.to_dict()["violations"] == 0


def test_an_upload_reaches_the_upstream_while_the_client_is_still_sending() -> None:
    first_arrived = threading.Event()
    seen: list[bytes] = []

    class Upstream(httpx.AsyncBaseTransport):
        """Reads the upload part by part, as a server does (httpx.MockTransport reads it whole first)."""

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            assert isinstance(request.stream, httpx.AsyncByteStream)
            async for part in request.stream:
                seen.append(part)
                first_arrived.set()
            answer = {"id": "file-1", "object": "file", "bytes": 32, "created_at": 1, "filename": "t.jsonl"}
            return httpx.Response(200, json={**answer, "purpose": "fine-tune"})

    boundary = "proxyboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nfine-tune\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="t.jsonl"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    tail = f'{{"prompt": "a", "completion": "b"}}\n\r\n--{boundary}--\r\n'.encode()

    def body() -> Iterator[bytes]:
        yield head
        assert first_arrived.wait(SIGNAL_TIMEOUT), "the proxy held the upload back"
        yield tail

    headers = {**AUTH, "content-type": f"multipart/form-data; boundary={boundary}"}
    with (
        running_proxy("http://upstream/v1", transport=Upstream()) as proxy,
        httpx.Client(base_url=proxy.base_url, headers=headers) as client,
    ):
        reply = client.post("/files", content=body())
    assert reply.status_code == 200
    assert b"".join(seen) == head + tail
    assert len(seen) >= 2  # the parts were forwarded as they came
    assert proxy.report.to_dict()["violations"] == 0, proxy.report.to_dict()["recent_violations"]
