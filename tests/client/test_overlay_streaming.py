"""openai_client.streaming and accumulate: SSE split anywhere, incremental, closed on every exit."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from typing import Any

import httpx
import pytest
from overlay_support import RecordingStream, chat_chunk, make_client, split_at, sse_bytes, sse_response

from openai_client.accumulate import accumulate_chat, accumulate_completion
from openai_client.config import client_from_env
from openai_client.exceptions import (
    APIError,
    ConfigurationError,
    IncompleteStreamError,
    NotFoundError,
    RateLimitError,
    StreamError,
    StreamIdleTimeoutError,
)
from openai_client.models import ChatCompletionChunk, CompletionUsage, CreateChatCompletionRequest, FineTuneEvent
from openai_client.streaming import (
    AsyncStream,
    Stream,
    astream_chat_completion,
    astream_completion,
    astream_fine_tune_events,
    stream_chat_completion,
    stream_completion,
    stream_fine_tune_events,
)

CHAT_BODY: dict[str, Any] = {"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "Hi"}]}
CHUNKS = [chat_chunk(role="assistant", content=""), chat_chunk("Hel"), chat_chunk("lo"), chat_chunk(finish="stop")]


class Server:
    """One canned streamed answer; remembers the request it got."""

    def __init__(self, body: RecordingStream, status: int = 200, content_type: str = "text/event-stream") -> None:
        self.body = body
        self.status = status
        self.content_type = content_type
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(self.status, headers={"content-type": self.content_type}, stream=self.body)


def test_chunks_split_at_odd_places_arrive_one_by_one() -> None:
    raw = sse_bytes(*CHUNKS, newline="\r\n")
    first_data = raw.index(b"data:")
    # mid-"data:", between CR and LF, mid-JSON, and inside [DONE]
    pieces = split_at(raw, first_data + 3, raw.index(b"\r\n") + 1, 40, 97, 150, len(raw) - 9)
    body = RecordingStream(pieces)
    server = Server(body)
    stream = stream_chat_completion(make_client(server), CHAT_BODY)
    first = next(stream)
    assert isinstance(first, ChatCompletionChunk)
    # the first chunk was yielded before the body was read to the end
    assert body.consumed < len(pieces)
    rest = list(stream)
    assert ["".join(str(c.choices[0].delta.content or "") for c in [first, *rest])] == ["Hello"]
    assert rest[-1].choices[0].finish_reason == "stop"
    assert body.closed


def test_request_is_built_by_the_generated_operation_with_stream_forced() -> None:
    server = Server(RecordingStream([sse_bytes(*CHUNKS)]))
    body = CreateChatCompletionRequest.from_dict({**CHAT_BODY, "stream": False})
    list(stream_chat_completion(make_client(server), body))
    request = server.requests[0]
    assert request.method == "POST" and request.url.path == "/v1/chat/completions"
    assert json.loads(request.content)["stream"] is True
    assert request.headers["accept"] == "text/event-stream"


def test_every_byte_split_gives_the_same_chunks() -> None:
    raw = sse_bytes(*CHUNKS)
    expected = [c["choices"][0]["delta"] for c in CHUNKS]
    bodies: list[RecordingStream] = []
    client = make_client(lambda request: sse_response(bodies[-1]))
    for cut in range(1, len(raw)):
        bodies.append(RecordingStream(split_at(raw, cut)))
        assert [c.choices[0].delta.to_dict() for c in stream_chat_completion(client, CHAT_BODY)] == expected


def test_error_event_raises_typed_error_mid_stream() -> None:
    error = {"error": {"message": "overloaded", "type": "server_error", "code": None, "param": None}}
    body = RecordingStream(
        [sse_bytes(CHUNKS[0], done=False), b"event: error\ndata: " + json.dumps(error).encode() + b"\n\n"]
    )
    stream = stream_chat_completion(make_client(Server(body)), CHAT_BODY)
    assert next(stream).choices[0].delta.role == "assistant"
    with pytest.raises(APIError, match="overloaded") as info:
        next(stream)
    assert info.value.type == "server_error"
    assert body.closed


def test_error_payload_without_event_name_raises_too() -> None:
    body = RecordingStream([sse_bytes({"error": {"message": "quota", "type": "insufficient_quota"}})])
    with pytest.raises(APIError, match="quota"):
        list(stream_chat_completion(make_client(Server(body)), CHAT_BODY))


def test_error_status_raises_before_iterating() -> None:
    body = RecordingStream(
        [b'{"error": {"message": "no such model", "type": "invalid_request_error", "param": "model"}}']
    )
    server = Server(body, status=404, content_type="application/json")
    with pytest.raises(NotFoundError) as info:
        stream_chat_completion(make_client(server), CHAT_BODY)
    assert info.value.param == "model" and body.closed


def test_error_status_raises_without_the_error_transport_too() -> None:
    body = RecordingStream([b'{"error": {"message": "slow down", "type": "requests"}}'])
    server = Server(body, status=429, content_type="application/json")
    with pytest.raises(RateLimitError):
        stream_chat_completion(make_client(server, raise_api_errors=False, max_retries=0), CHAT_BODY)
    assert body.closed


def test_breaking_out_closes_the_response() -> None:
    raw = sse_bytes(*CHUNKS)
    pieces = split_at(raw, *range(50, len(raw), 50))
    body = RecordingStream(pieces)
    for _chunk in stream_chat_completion(make_client(Server(body)), CHAT_BODY):
        break
    assert body.closed and body.consumed < len(pieces) // 2


def test_context_manager_and_close_close_the_response() -> None:
    body = RecordingStream([sse_bytes(*CHUNKS)])
    with stream_chat_completion(make_client(Server(body)), CHAT_BODY) as stream:
        assert isinstance(stream, Stream)
        next(stream)
    assert body.closed and stream.response.is_closed
    assert list(stream) == []


def test_exception_in_the_loop_closes_the_response() -> None:
    body = RecordingStream([sse_bytes(*CHUNKS)])
    with pytest.raises(KeyError), stream_chat_completion(make_client(Server(body)), CHAT_BODY) as stream:
        for _chunk in stream:
            raise KeyError("caller bug")
    assert body.closed


def test_missing_done_raises_incomplete_stream() -> None:
    body = RecordingStream([sse_bytes(*CHUNKS[:2], done=False)])
    stream = stream_chat_completion(make_client(Server(body)), CHAT_BODY)
    with pytest.raises(IncompleteStreamError) as info:
        list(stream)
    assert info.value.events_received == 2 and body.closed


def test_connection_drop_mid_stream_is_incomplete() -> None:
    body = RecordingStream([sse_bytes(CHUNKS[0], done=False)], fail_with=httpx.RemoteProtocolError("peer closed"))
    with pytest.raises(IncompleteStreamError):
        list(stream_chat_completion(make_client(Server(body)), CHAT_BODY))


def test_idle_timeout_sets_read_timeout_and_raises_typed_error() -> None:
    body = RecordingStream([sse_bytes(CHUNKS[0], done=False)], fail_with=httpx.ReadTimeout("idle"))
    server = Server(body)
    stream = stream_chat_completion(make_client(server), CHAT_BODY, idle_timeout=2.5)
    timeouts = server.requests[0].extensions["timeout"]
    assert timeouts["read"] == 2.5 and timeouts["connect"] == 5.0
    next(stream)
    with pytest.raises(StreamIdleTimeoutError) as info:
        next(stream)
    assert info.value.idle_timeout == 2.5 and body.closed


def test_non_sse_answer_and_malformed_chunks_are_stream_errors() -> None:
    server = Server(RecordingStream([b'{"id": "x"}']), content_type="application/json")
    with pytest.raises(StreamError, match="text/event-stream"):
        list(stream_chat_completion(make_client(server), CHAT_BODY))
    with pytest.raises(StreamError, match="not JSON"):
        list(stream_chat_completion(make_client(Server(RecordingStream([b"data: {oops\n\n"]))), CHAT_BODY))
    with pytest.raises(StreamError, match="malformed chunk"):
        list(stream_chat_completion(make_client(Server(RecordingStream([sse_bytes({"id": "x"})]))), CHAT_BODY))


def test_chunk_json_is_read_as_json_loads_reads_it() -> None:
    # Blanks around the document, a document that is not an object, trailing text after one.
    text = json.dumps(chat_chunk("x"))
    body = f"data:  \t{text} \r\n\r\ndata: {text}\n\n".encode() + sse_bytes()
    stream = stream_chat_completion(make_client(Server(RecordingStream([body]))), CHAT_BODY)
    assert [chunk.choices[0].delta.content for chunk in stream] == ["x", "x"]
    for data, error in ((b"[1, 2]", "malformed chunk"), (text.encode() + b" {}", "not JSON"), (b" ", "not JSON")):
        server = Server(RecordingStream([b"data: " + data + b"\n\n" + sse_bytes()]))
        with pytest.raises(StreamError, match=error):
            list(stream_chat_completion(make_client(server), CHAT_BODY))


def test_bad_body_names_the_missing_field() -> None:
    with pytest.raises(ConfigurationError, match="'messages'"):
        stream_chat_completion(make_client(Server(RecordingStream([]))), {"model": "gpt-3.5-turbo"})


def test_completion_stream_and_accumulate() -> None:
    def chunk(text: str, finish: str | None = None) -> dict[str, Any]:
        choice = {"text": text, "index": 0, "logprobs": None, "finish_reason": finish}
        return {"id": "cmpl-1", "object": "text_completion", "created": 1, "model": "davinci", "choices": [choice]}

    server = Server(RecordingStream([sse_bytes(chunk("Once"), chunk(" upon"), chunk("", "length"))]))
    with stream_completion(make_client(server), {"model": "davinci", "prompt": "Tell"}) as stream:
        response = accumulate_completion(stream)
    assert json.loads(server.requests[0].content)["stream"] is True
    assert response.choices[0].text == "Once upon" and response.choices[0].finish_reason == "length"
    assert response.usage.total_tokens == 0 and response.object_ == "text_completion"


def test_accumulate_chat_matches_a_non_streamed_response() -> None:
    chunks = [ChatCompletionChunk.from_dict(c) for c in CHUNKS]
    chunks.append(ChatCompletionChunk.from_dict(chat_chunk(role="assistant", content="Other", index=1)))
    usage = CompletionUsage(prompt_tokens=3, completion_tokens=2, total_tokens=5)
    response = accumulate_chat(chunks, usage=usage)
    assert response.to_dict() == {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1_690_000_000,
        "model": "gpt-3.5-turbo",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": "Hello"}, "finish_reason": "stop"},
            {"index": 1, "message": {"role": "assistant", "content": "Other"}, "finish_reason": None},
        ],
        "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
    }
    with pytest.raises(StreamError):
        accumulate_chat([])


def test_fine_tune_events_stream_uses_get_with_stream_param() -> None:
    event = {"object": "fine-tune-event", "created_at": 1, "level": "info", "message": "Job started"}
    server = Server(RecordingStream([sse_bytes(event, event)]))
    events = list(stream_fine_tune_events(make_client(server), "ft-abc"))
    assert [e.message for e in events] == ["Job started", "Job started"]
    assert isinstance(events[0], FineTuneEvent)
    request = server.requests[0]
    assert request.method == "GET" and request.url.path == "/v1/fine-tunes/ft-abc/events"
    assert request.url.params["stream"] == "true"


def test_async_streams_yield_close_and_raise() -> None:
    body = RecordingStream(split_at(sse_bytes(*CHUNKS), 7, 8, 55))
    missing_done = RecordingStream([sse_bytes(*CHUNKS[:1], done=False)])
    event = {"object": "fine-tune-event", "created_at": 1, "level": "info", "message": "done"}

    async def main() -> None:
        client = make_client(Server(body))
        async with astream_chat_completion(client, CHAT_BODY) as stream:
            assert isinstance(stream, AsyncStream)
            contents = [c.choices[0].delta.content async for c in stream]
        assert "".join(str(c) for c in contents if c) == "Hello" and body.closed

        with pytest.raises(IncompleteStreamError):
            async with astream_chat_completion(make_client(Server(missing_done)), CHAT_BODY) as stream:
                async for _ in stream:
                    pass
        assert missing_done.closed

        error = RecordingStream([b'{"error": {"message": "nope", "type": "invalid_request_error"}}'])
        with pytest.raises(NotFoundError):
            async with astream_completion(
                make_client(Server(error, status=404, content_type="application/json")), {"model": "x"}
            ):
                pass

        early = RecordingStream(split_at(sse_bytes(*CHUNKS), 30, 60, 90))
        async with astream_chat_completion(make_client(Server(early)), CHAT_BODY) as stream:
            async for _ in stream:
                break
        assert early.closed

        events = [
            e.message
            async for e in astream_fine_tune_events(make_client(Server(RecordingStream([sse_bytes(event)]))), "ft-1")
        ]
        assert events == ["done"]

    asyncio.run(main())


def test_idle_timeout_over_a_real_socket() -> None:
    """The read timeout really bounds the gap between events (httpx's own transport, 127.0.0.1)."""
    release = threading.Event()
    server = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            received = b""
            while b"\r\n\r\n" not in received:
                received += conn.recv(65536)
            head = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
            conn.sendall(head + sse_bytes(CHUNKS[0], done=False))
            release.wait(10)  # stall: no more bytes until the client gave up

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        host, port = server.getsockname()
        client = client_from_env("sk-test", base_url=f"http://{host}:{port}/v1", env={}, max_retries=0)
        stream = stream_chat_completion(client, CHAT_BODY, idle_timeout=0.3)
        assert next(stream).choices[0].delta.role == "assistant"
        started = time.monotonic()
        with pytest.raises(StreamIdleTimeoutError):
            next(stream)
        assert 0.2 < time.monotonic() - started < 5
        assert stream.response.is_closed
    finally:
        release.set()
        thread.join(5)
        server.close()
