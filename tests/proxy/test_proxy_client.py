"""Our client works unchanged through the proxy: real servers on 127.0.0.1, the mock as the upstream."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from proxy_support import API_KEY

from openai_client.accumulate import accumulate_chat
from openai_client.api.chat import create_chat_completion
from openai_client.api.models import list_models
from openai_client.config import client_from_env
from openai_client.downloads import download_file
from openai_client.exceptions import NotFoundError
from openai_client.models import (
    ChatCompletionRequestMessage,
    CreateChatCompletionRequest,
    CreateChatCompletionResponse,
    ListModelsResponse,
)
from openai_client.streaming import astream_completion, stream_chat_completion
from openai_client.uploads import upload_file
from openai_mock.proxy import ProxyServer, running_proxy
from openai_mock.server import running_mock

BODY = CreateChatCompletionRequest(
    model="gpt-3.5-turbo",
    messages=[ChatCompletionRequestMessage(role="user", content="Say hello")],
    max_tokens=12,
    temperature=0,
)


@pytest.fixture(scope="module")
def proxy() -> Iterator[ProxyServer]:
    with running_mock(fine_tune_duration=0.2) as upstream, running_proxy(upstream) as server:
        yield server


def test_generated_functions_streams_uploads_and_errors_work_through_the_proxy(
    proxy: ProxyServer, tmp_path: Path
) -> None:
    training = tmp_path / "train.jsonl"
    training.write_text('{"prompt": "2+2=", "completion": " 4"}\n')
    with client_from_env(API_KEY, base_url=proxy.base_url, env={}) as client:
        models = list_models.sync(client=client)
        reply = create_chat_completion.sync(client=client, body=BODY)
        with stream_chat_completion(client, BODY) as stream:
            streamed = accumulate_chat(stream)
        uploaded = upload_file(client, training, purpose="fine-tune")
        download_file(client, uploaded.id, tmp_path / "copy.jsonl")
        with pytest.raises(NotFoundError) as missing:
            create_chat_completion.sync(client=client, body=_with_model("no-such-model"))
    assert isinstance(models, ListModelsResponse) and models.data
    assert isinstance(reply, CreateChatCompletionResponse)
    assert streamed.choices[0].message.content == reply.choices[0].message.content
    assert (tmp_path / "copy.jsonl").read_bytes() == training.read_bytes()
    assert missing.value.code == "model_not_found"
    status = proxy.report.to_dict()
    assert status["violations"] == 0, status["recent_violations"]
    for operation in ("listModels", "createChatCompletion", "createFile", "downloadFile"):
        assert status["operations"][operation]["requests"] >= 1


def _with_model(model: str) -> CreateChatCompletionRequest:
    return CreateChatCompletionRequest(model=model, messages=BODY.messages, max_tokens=5)


@pytest.mark.anyio
async def test_the_async_stream_works_through_the_proxy(proxy: ProxyServer) -> None:
    body = {"model": "text-davinci-003", "prompt": "Once upon a time", "max_tokens": 8}
    async with (
        client_from_env(API_KEY, base_url=proxy.base_url, env={}) as client,
        astream_completion(client, body) as stream,
    ):
        chunks = [chunk async for chunk in stream]
    assert chunks and all(chunk.object_ == "text_completion" for chunk in chunks)


def test_the_status_page_is_json_beside_the_api(proxy: ProxyServer) -> None:
    status = httpx.get(f"{proxy.url}/__proxy__/status").json()
    assert status["upstream"].endswith("/v1")
    assert isinstance(status["never_exercised"], list)


def test_the_facade_works_unchanged_through_the_proxy(proxy: ProxyServer, tmp_path: Path) -> None:
    from openai_client import NotFoundError as FacadeNotFound
    from openai_client import OpenAI

    training = tmp_path / "train.jsonl"
    training.write_text('{"prompt": "2+2=", "completion": " 4"}\n')
    messages: list[dict[str, str]] = [{"role": "user", "content": "Say hello"}]
    with OpenAI(api_key=API_KEY, base_url=proxy.base_url, max_retries=0) as client:
        models = client.models.list()
        reply = client.chat.completions.create(model="gpt-3.5-turbo", messages=messages, max_tokens=12, temperature=0)
        with client.chat.completions.create(
            model="gpt-3.5-turbo", messages=messages, max_tokens=12, temperature=0, stream=True
        ) as stream:
            streamed = "".join(chunk.choices[0].delta.content or "" for chunk in stream)
        uploaded = client.files.create(file=training, purpose="fine-tune")
        assert client.files.content(uploaded.id).read() == training.read_bytes()
        with pytest.raises(FacadeNotFound):
            client.models.retrieve("no-such-model")
    assert [m.id for m in models][:1] and reply.choices[0].message.content == streamed
    status = proxy.report.to_dict()
    assert status["violations"] == 0, status["recent_violations"]
