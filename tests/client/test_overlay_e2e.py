"""The overlays against the mock server over real HTTP on 127.0.0.1: streams, uploads, downloads."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from openai_client.accumulate import accumulate_chat
from openai_client.api.chat import create_chat_completion
from openai_client.api.fine_tunes import create_fine_tune
from openai_client.config import OpenAIClient, client_from_env
from openai_client.downloads import download_file
from openai_client.exceptions import NotFoundError
from openai_client.models import CreateChatCompletionRequest, CreateChatCompletionResponse, CreateFineTuneRequest
from openai_client.streaming import astream_chat_completion, stream_chat_completion, stream_fine_tune_events
from openai_client.uploads import upload_file
from openai_mock.server import running_mock

BODY: dict[str, Any] = {"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "Say hi"}], "temperature": 0}
# A training file whose lines look like the generator's fixed multipart boundary.
TRAINING = b'{"prompt": "--+++", "completion": " ok"}\n{"prompt": "\\r\\n--+++\\r\\n", "completion": " ok"}\n'


@pytest.fixture(scope="module")
def client() -> Iterator[OpenAIClient]:
    with running_mock(fine_tune_duration=0.5) as url:
        yield client_from_env("sk-overlay-e2e", base_url=url, env={})


def test_streamed_chat_accumulates_to_the_non_streamed_answer(client: OpenAIClient) -> None:
    with stream_chat_completion(client, BODY) as stream:
        chunks = list(stream)
    assert len(chunks) > 2
    streamed = accumulate_chat(chunks)
    whole = create_chat_completion.sync(client=client, body=CreateChatCompletionRequest.from_dict(BODY))
    assert isinstance(whole, CreateChatCompletionResponse)
    assert [c.message.to_dict() for c in streamed.choices] == [c.message.to_dict() for c in whole.choices]
    assert streamed.choices[0].finish_reason == whole.choices[0].finish_reason

    async def collect() -> int:
        async with astream_chat_completion(client, BODY) as stream:
            return len([chunk async for chunk in stream])

    assert asyncio.run(collect()) == len(chunks)


def test_upload_download_and_fine_tune_events(client: OpenAIClient, tmp_path: Path) -> None:
    source = tmp_path / "train.jsonl"
    source.write_bytes(TRAINING)
    uploaded = upload_file(client, source, "fine-tune")
    assert (uploaded.bytes_, uploaded.filename) == (len(TRAINING), "train.jsonl")
    assert download_file(client, uploaded.id, tmp_path / "back.jsonl").read_bytes() == TRAINING
    with pytest.raises(NotFoundError):
        download_file(client, "file-missing", tmp_path / "none.jsonl")
    job = create_fine_tune.sync(client=client, body=CreateFineTuneRequest.from_dict({"training_file": uploaded.id}))
    job_id = getattr(job, "id", None)
    assert isinstance(job_id, str)
    messages = [event.message for event in stream_fine_tune_events(client, job_id, idle_timeout=30)]
    assert messages and messages[0].startswith("Job enqueued")
