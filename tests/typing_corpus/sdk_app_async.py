"""The app of sdk_app.py with AsyncOpenAI: every method, awaited, streams iterated with `async for`."""

from __future__ import annotations

import asyncio
import base64
from pathlib import Path

from openai_client import APIStatusError, AsyncOpenAI, NotFoundError


async def chat(client: AsyncOpenAI) -> None:
    completion = await client.chat.completions.create(
        model="gpt-3.5-turbo", messages=[{"role": "user", "content": "Say hello"}], max_tokens=20
    )
    print(completion.choices[0].message.content)
    stream = await client.chat.completions.create(
        model="gpt-3.5-turbo", messages=[{"role": "user", "content": "Count to five"}], stream=True
    )
    async for chunk in stream:
        print(chunk.choices[0].delta.content or "", end="")
    print()


async def chat_maybe_streamed(client: AsyncOpenAI, stream: bool) -> None:
    response = await client.chat.completions.create(
        model="gpt-3.5-turbo", messages=[{"role": "user", "content": "hi"}], max_tokens=5, stream=stream
    )
    print(type(response).__name__)


async def completions_and_edits(client: AsyncOpenAI) -> None:
    completion = await client.completions.create(model="text-davinci-003", prompt="Once upon a time", max_tokens=12)
    print(completion.choices[0].text)
    async with await client.completions.create(
        model="text-davinci-003", prompt="Hi", max_tokens=5, stream=True
    ) as stream:
        async for chunk in stream:
            print(chunk.choices[0].text, end="")
    print()
    edit = await client.edits.create(model="text-davinci-edit-001", input="Helo", instruction="Fix the spelling")
    print(edit.choices[0].text)


async def embeddings_and_moderation(client: AsyncOpenAI) -> None:
    response = await client.embeddings.create(model="text-embedding-ada-002", input="The food was delicious")
    print(response.usage.prompt_tokens, response.data[0].index)
    result = await client.moderations.create(input=["I want to kill them.", "hello"], model="text-moderation-stable")
    print([item.flagged for item in result.results])


async def images(client: AsyncOpenAI, folder: Path) -> None:
    generated = await client.images.generate(prompt="A sea otter", size="256x256", response_format="b64_json")
    png = base64.b64decode(generated.data[0].b64_json or "")
    edited = await client.images.edit(image=("otter.png", png), mask=folder / "mask.png", prompt="A beret", n=1)
    varied = await client.images.create_variation(image=png, size="256x256")
    print(len(edited.data), len(varied.data))


async def audio(client: AsyncOpenAI, recording: bytes) -> None:
    transcript = await client.audio.transcriptions.create(model="whisper-1", file=("talk.mp3", recording))
    print(transcript.text)
    text = await client.audio.translations.create(
        model="whisper-1", file=("talk.mp3", recording), response_format="text"
    )
    print(text.strip())


async def fine_tune(client: AsyncOpenAI, folder: Path) -> None:
    uploaded = await client.files.create(file=b'{"prompt": "a", "completion": " b"}\n', purpose="fine-tune")
    print([file.id for file in await client.files.list()], (await client.files.retrieve(uploaded.id)).status)
    content = await client.files.content(uploaded.id)
    print(len(await content.read()))
    job = await client.fine_tunes.create(training_file=uploaded.id, n_epochs=1)
    async for event in await client.fine_tunes.list_events(job.id, stream=True):
        print(event.message)
    while job.status not in ("succeeded", "failed", "cancelled"):
        await asyncio.sleep(0.1)
        job = await client.fine_tunes.retrieve(job.id)
    print(len((await client.fine_tunes.list_events(job.id)).data), len((await client.fine_tunes.list()).data))
    if job.fine_tuned_model is not None:
        print((await client.models.delete(job.fine_tuned_model)).deleted)
    other = await client.fine_tunes.create(training_file=uploaded.id)
    print((await client.fine_tunes.cancel(other.id)).status)
    await (await client.files.content(uploaded.id)).write_to_file(folder / "async-copy.jsonl")
    print((await client.files.delete(uploaded.id)).deleted)


async def models_and_errors(client: AsyncOpenAI) -> None:
    print([model.id for model in await client.models.list()][:3], (await client.models.retrieve("gpt-4")).owned_by)
    print((await client.engines.list()).data[0].ready, (await client.engines.retrieve("davinci")).id)
    try:
        await client.fine_tunes.retrieve("ft-missing")
    except NotFoundError as error:
        print(error.status_code, error.message)
    except APIStatusError as error:
        print("unexpected", error.status_code)
    raw = await client.with_raw_response.models.list()
    print(raw.status_code, len(raw.parse().data))


async def main(folder: Path, recording: bytes) -> None:
    async with AsyncOpenAI() as client:
        await chat(client)
        await chat_maybe_streamed(client, False)
        await completions_and_edits(client)
        await embeddings_and_moderation(client)
        await images(client, folder)
        await audio(client, recording)
        await fine_tune(client, folder)
        await models_and_errors(client)
