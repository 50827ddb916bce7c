"""Every facade method, async, against the mock's ASGI app in process (httpx.ASGITransport, no socket)."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from facade_support import AUDIO, TRAINING, async_mock_client, transparent_png

from openai_client import AsyncOpenAI, AsyncStream, BadRequestError, NotFoundError, RateLimitError
from openai_client.models import CreateTranscriptionResponse, FineTune
from openai_mock.engines.tokenizer import tokenizer_for_model


def run(scenario: Callable[[AsyncOpenAI], Awaitable[None]], **config: object) -> None:
    async def main() -> None:
        async with async_mock_client(**config) as client:
            await scenario(client)

    asyncio.run(main())


@pytest.fixture(autouse=True, scope="module")
def _tokenizers() -> None:
    for model in ("gpt-3.5-turbo", "text-davinci-003"):
        tokenizer_for_model(model)


def test_models_and_errors() -> None:
    async def scenario(client: AsyncOpenAI) -> None:
        page = await client.models.list()
        ids = [model.id for model in page]
        assert "gpt-3.5-turbo" in ids
        assert (await client.models.retrieve(ids[0])).id == ids[0]
        with pytest.raises(NotFoundError) as caught:
            await client.models.retrieve("no-such-model")
        assert caught.value.status_code == 404 and caught.value.param == "model"
        with pytest.raises(RateLimitError):
            await client.models.list(extra_headers={"x-mock-fault": "status=429"})
        raw = await client.models.with_raw_response.retrieve(ids[0])
        assert raw.status_code == 200 and raw.parse().id == ids[0]

    run(scenario)


def test_text_endpoints_plain_and_streamed() -> None:
    async def scenario(client: AsyncOpenAI) -> None:
        reply = await client.chat.completions.create(
            model="gpt-3.5-turbo", messages=[{"role": "user", "content": "Count to three"}], max_tokens=6
        )
        assert reply.choices[0].message.content
        stream = await client.chat.completions.create(
            model="gpt-3.5-turbo", messages=[{"role": "user", "content": "hi"}], max_tokens=6, stream=True
        )
        assert isinstance(stream, AsyncStream)
        async with stream:
            deltas = [chunk.choices[0].delta async for chunk in stream]
        assert deltas[0].role == "assistant"
        completion = await client.completions.create(model="text-davinci-003", prompt="Hello", max_tokens=4)
        assert completion.choices[0].text
        async with await client.completions.create(
            model="text-davinci-003", prompt="Hello", max_tokens=4, stream=True
        ) as chunks:
            assert [chunk.choices[0].text async for chunk in chunks]
        raw = await client.with_raw_response.chat.completions.create(
            model="gpt-3.5-turbo", messages=[{"role": "user", "content": "hi"}], max_tokens=2, stream=True
        )
        async with raw.parse() as parsed:
            assert [chunk async for chunk in parsed]
        edit = await client.edits.create(model="text-davinci-edit-001", input="Helo", instruction="Fix spelling")
        assert edit.choices[0].text
        embedded = await client.embeddings.create(model="text-embedding-ada-002", input="one", encoding_format="float")
        assert len(embedded.data) == 1
        moderation = await client.moderations.create(input=["I want to kill them.", "hello"])
        assert [result.flagged for result in moderation.results] == [True, False]
        with pytest.raises(BadRequestError) as caught:
            await client.edits.create(model="text-davinci-edit-001", instruction="x", extra_body={"n": 0})
        assert caught.value.param == "n"

    run(scenario)


def test_images_and_audio() -> None:
    async def scenario(client: AsyncOpenAI) -> None:
        generated = await client.images.generate(prompt="an otter", size="256x256", response_format="b64_json")
        png = base64.b64decode(str(generated.data[0].b64_json))
        edited = await client.images.edit(image=png, prompt="with a hat", mask=transparent_png(), n=2)
        varied = await client.images.create_variation(image=("otter.png", png))
        assert len(edited.data) == 2 and len(varied.data) == 1
        result = await client.audio.transcriptions.create(file=("talk.mp3", AUDIO), model="whisper-1", language="en")
        assert isinstance(result, CreateTranscriptionResponse)
        text = await client.audio.transcriptions.create(
            file=("talk.mp3", AUDIO), model="whisper-1", response_format="vtt"
        )
        assert text.startswith("WEBVTT")
        translated = await client.audio.translations.create(file=("talk.mp3", AUDIO), model="whisper-1")
        assert translated.text

    run(scenario)


async def _finished(client: AsyncOpenAI, job: FineTune) -> FineTune:
    for _ in range(600):
        if job.status in ("succeeded", "failed", "cancelled"):
            break
        await asyncio.sleep(0.05)
        job = await client.fine_tunes.retrieve(job.id)
    return job


def test_files_fine_tunes_and_engines(tmp_path: Path) -> None:
    async def scenario(client: AsyncOpenAI) -> None:
        uploaded = await client.files.create(file=TRAINING, purpose="fine-tune")
        assert uploaded.id in [file.id for file in await client.files.list()]
        retrieved = await client.files.retrieve(uploaded.id)
        assert retrieved.bytes == retrieved.bytes_ == len(TRAINING) and retrieved.object == "file"
        assert await (await client.files.content(uploaded.id)).read() == TRAINING
        pieces = [piece async for piece in (await client.files.content(uploaded.id)).iter_bytes(5)]
        assert b"".join(pieces) == TRAINING
        written = await (await client.files.content(uploaded.id)).write_to_file(tmp_path / "copy.jsonl")
        assert written.read_bytes() == TRAINING
        job = await client.fine_tunes.create(training_file=uploaded.id, n_epochs=1)
        assert job.id in [listed.id for listed in await client.fine_tunes.list()]
        async with await client.fine_tunes.list_events(job.id, stream=True) as events:
            messages = [event.message async for event in events]
        job = await _finished(client, job)
        assert job.status == "succeeded" and job.fine_tuned_model is not None
        assert [event.message for event in await client.fine_tunes.list_events(job.id)] == messages
        assert (await client.models.delete(job.fine_tuned_model)).deleted
        other = await client.fine_tunes.create(training_file=uploaded.id)
        assert (await client.fine_tunes.cancel(other.id)).status == "cancelled"
        assert (await client.files.delete(uploaded.id)).deleted
        with pytest.deprecated_call():
            engines = await client.engines.list()
        with pytest.deprecated_call():
            assert (await client.engines.retrieve(engines.data[0].id)).id == engines.data[0].id

    run(scenario, fine_tune_duration=0.3)
