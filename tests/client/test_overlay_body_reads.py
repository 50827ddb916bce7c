"""A cut or timeout while reading a plain answer's body: typed, and retried for idempotent requests.

The retrying transport reads plain bodies itself, so the failure happens inside its retry loop;
streamed answers (SSE, downloads) are handed back unread and never retried.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from overlay_support import RecordingStream, Sleeps, make_client, quiet_policy, sse_bytes, sse_response

from openai_client.api.completions import create_completion
from openai_client.api.models import list_models
from openai_client.config import client_from_env
from openai_client.downloads import download_file
from openai_client.exceptions import APIConnectionError, APITimeoutError, IncompleteStreamError, OpenAIError
from openai_client.models import CreateCompletionRequest, CreateCompletionResponse, ListModelsResponse
from openai_client.retries import RetryTransport
from openai_client.streaming import stream_chat_completion

MODELS = b'{"object": "list", "data": [{"id": "m", "object": "model", "created": 1, "owned_by": "o"}]}'
COMPLETION = (
    b'{"id": "cmpl-1", "object": "text_completion", "created": 1, "model": "m",'
    b' "choices": [{"text": "hi", "index": 0, "logprobs": null, "finish_reason": "stop"}],'
    b' "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}'
)


def _cut(body: bytes, error: Exception) -> httpx.Response:
    """A 200 whose body stops halfway with `error`, as a dropped connection does."""
    return httpx.Response(
        200,
        headers={"content-type": "application/json", "content-length": str(len(body))},
        stream=RecordingStream([body[: len(body) // 2]], fail_with=error),
    )


def _whole(body: bytes) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "application/json"}, stream=RecordingStream([body]))


def _server(
    *answers: Callable[[], httpx.Response],
) -> tuple[list[httpx.Request], Callable[[httpx.Request], httpx.Response]]:
    seen: list[httpx.Request] = []
    queue = list(answers)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return queue.pop(0)()

    return seen, handler


def test_get_cut_while_reading_is_retried_and_then_parsed() -> None:
    sleeps = Sleeps()
    seen, handler = _server(lambda: _cut(MODELS, httpx.RemoteProtocolError("peer closed")), lambda: _whole(MODELS))
    models = list_models.sync(client=make_client(handler, policy=quiet_policy(sleeps)))
    assert isinstance(models, ListModelsResponse) and models.data[0].id == "m"
    assert len(seen) == 2 and sleeps.delays == [0.5]


@pytest.mark.parametrize(
    ("error", "typed"),
    [(httpx.ReadError("reset by peer"), APIConnectionError), (httpx.ReadTimeout("slow body"), APITimeoutError)],
)
def test_exhausted_body_failures_are_typed_errors(error: Exception, typed: type[OpenAIError]) -> None:
    seen, handler = _server(*(lambda: _cut(MODELS, error) for _ in range(3)))
    with pytest.raises(typed) as info:
        list_models.sync(client=make_client(handler, max_retries=2))
    assert isinstance(info.value, OpenAIError)
    assert len(seen) == 3


def test_post_with_an_idempotency_key_is_retried_after_a_cut() -> None:
    seen, handler = _server(lambda: _cut(COMPLETION, httpx.ReadError("reset")), lambda: _whole(COMPLETION))
    client = make_client(handler)
    result = create_completion.sync(client=client, body=CreateCompletionRequest(model="m", prompt="p"))
    assert isinstance(result, CreateCompletionResponse) and result.choices[0].text == "hi"
    assert len(seen) == 2


def test_post_without_an_idempotency_key_is_not_resent_after_a_cut() -> None:
    # The server may have acted on it, and without a key it could not tell a resend from a new request.
    seen, handler = _server(lambda: _cut(COMPLETION, httpx.ReadError("reset")), lambda: _whole(COMPLETION))
    client = make_client(handler, policy=quiet_policy(idempotency_keys=False))
    with pytest.raises(APIConnectionError):
        create_completion.sync(client=client, body=CreateCompletionRequest(model="m", prompt="p"))
    assert len(seen) == 1


def test_async_get_cut_while_reading_is_retried() -> None:
    seen, handler = _server(lambda: _cut(MODELS, httpx.ReadError("reset")), lambda: _whole(MODELS))
    client = make_client(handler)

    async def main() -> object:
        return await list_models.asyncio(client=client)

    assert isinstance(asyncio.run(main()), ListModelsResponse)
    assert len(seen) == 2


def test_bare_retry_transport_hands_back_a_fully_read_answer() -> None:
    seen, handler = _server(lambda: _cut(MODELS, httpx.ReadError("reset")), lambda: _whole(MODELS))
    with httpx.Client(transport=RetryTransport(httpx.MockTransport(handler), quiet_policy())) as http:
        response = http.get("https://api.example.test/v1/models")
    assert response.json()["data"][0]["id"] == "m" and len(seen) == 2


def test_streams_and_downloads_are_never_retried_once_handed_over(tmp_path: Path) -> None:
    events = sse_bytes({"id": "x", "object": "chat.completion.chunk", "created": 1, "model": "m", "choices": []})
    sse_calls, sse_handler = _server(
        lambda: sse_response(RecordingStream([events[:20]], fail_with=httpx.ReadError("reset"))),
        lambda: sse_response(RecordingStream([events])),
    )
    with (
        pytest.raises(IncompleteStreamError),
        stream_chat_completion(make_client(sse_handler), {"model": "m", "messages": []}) as stream,
    ):
        list(stream)
    assert len(sse_calls) == 1

    def download() -> httpx.Response:
        return httpx.Response(
            200,
            headers={"content-type": "application/octet-stream"},
            stream=RecordingStream([b"part"], httpx.ReadError("x")),
        )

    download_calls, download_handler = _server(download, download)
    with pytest.raises(APIConnectionError):
        download_file(make_client(download_handler), "file-1", tmp_path / "out.bin")
    assert len(download_calls) == 1


@contextmanager
def _socket_server(answers: list[bytes]) -> Iterator[int]:
    """A loopback HTTP server that writes each connection its canned bytes (headers and all), then hangs up."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        for answer in answers:
            connection, _ = listener.accept()
            with connection:
                connection.recv(65536)
                connection.sendall(answer)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield port
    finally:
        listener.close()
        thread.join(5)


def test_a_real_connection_cut_mid_body_is_retried_then_typed() -> None:
    head = f"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {len(MODELS)}\r\n\r\n".encode()
    cut = head + MODELS[:10]  # the server hangs up 10 bytes into the body
    # The clients are closed here, not by the garbage collector: a kept-alive socket would warn later.
    with _socket_server([cut, head + MODELS]) as port:
        url = f"http://127.0.0.1:{port}/v1"
        with client_from_env("sk-cut", base_url=url, retry_policy=quiet_policy(), env={}) as client:
            assert isinstance(list_models.sync(client=client), ListModelsResponse)
    with _socket_server([cut, cut]) as port:
        url = f"http://127.0.0.1:{port}/v1"
        with (
            client_from_env("sk-cut", base_url=url, retry_policy=quiet_policy(max_retries=1), env={}) as client,
            pytest.raises(APIConnectionError, match="RemoteProtocolError"),
        ):
            list_models.sync(client=client)
