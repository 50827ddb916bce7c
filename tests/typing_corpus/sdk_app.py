"""An app written as a user of the official SDK writes it, against the facade: every method, sync.

Type-checked with mypy --strict by tests/facade/test_facade_typing_corpus.py (no casts, no ignores, no narrowing
asserts) and run there against the mock.
"""

from __future__ import annotations

import base64
import time
from pathlib import Path

from openai_client import NotFoundError, OpenAI, RateLimitError


def chat(client: OpenAI) -> None:
    completion = client.chat.completions.create(
        model="gpt-3.5-turbo",
        messages=[
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": "Say hello"},
        ],
        max_tokens=20,
        temperature=0.2,
    )
    print(completion.choices[0].message.content, completion.usage.total_tokens)

    stream = client.chat.completions.create(
        model="gpt-3.5-turbo", messages=[{"role": "user", "content": "Count to five"}], stream=True
    )
    for chunk in stream:
        print(chunk.choices[0].delta.content or "", end="")
    print()


def chat_maybe_streamed(client: OpenAI, stream: bool) -> None:
    response = client.chat.completions.create(
        model="gpt-3.5-turbo", messages=[{"role": "user", "content": "hi"}], max_tokens=5, stream=stream
    )
    print(type(response).__name__)


def completions_and_edits(client: OpenAI) -> None:
    completion = client.completions.create(model="text-davinci-003", prompt="Once upon a time", max_tokens=12)
    print(completion.choices[0].text)
    for chunk in client.completions.create(model="text-davinci-003", prompt="Hi", max_tokens=5, stream=True):
        print(chunk.choices[0].text, end="")
    print()
    edit = client.edits.create(model="text-davinci-edit-001", input="What day of the wek is it?", instruction="Fix it")
    print(edit.choices[0].text)


def search(client: OpenAI, query: str, documents: list[str]) -> str:
    response = client.embeddings.create(model="text-embedding-ada-002", input=[query, *documents])
    vectors = [item.embedding for item in response.data]
    query_vector = vectors[0]
    scores = [sum(a * b for a, b in zip(query_vector, vector, strict=True)) for vector in vectors[1:]]
    return documents[scores.index(max(scores))]


def images(client: OpenAI, folder: Path) -> None:
    generated = client.images.generate(prompt="A cute baby sea otter", n=1, size="256x256", response_format="b64_json")
    picture = folder / "otter.png"
    picture.write_bytes(base64.b64decode(generated.data[0].b64_json or ""))
    with (folder / "mask.png").open("rb") as mask:
        edited = client.images.edit(image=picture, mask=mask, prompt="The otter wears a beret", size="256x256")
    with picture.open("rb") as handle:
        varied = client.images.create_variation(image=handle, n=2, size="256x256")
    print(len(edited.data), len(varied.data))


def audio(client: OpenAI, recording: bytes) -> None:
    transcript = client.audio.transcriptions.create(model="whisper-1", file=("talk.mp3", recording))
    print(transcript.text)
    subtitles = client.audio.transcriptions.create(
        model="whisper-1", file=("talk.mp3", recording), response_format="srt"
    )
    print(subtitles.splitlines()[0])
    translation = client.audio.translations.create(model="whisper-1", file=("talk.mp3", recording))
    print(translation.text)


def fine_tune(client: OpenAI, folder: Path) -> None:
    data = folder / "train.jsonl"
    data.write_text('{"prompt": "2+2=", "completion": " 4"}\n{"prompt": "3+3=", "completion": " 6"}\n')
    uploaded = client.files.create(file=data, purpose="fine-tune")
    print([file.filename for file in client.files.list()], client.files.retrieve(uploaded.id).bytes)
    client.files.content(uploaded.id).write_to_file(folder / "copy.jsonl")
    job = client.fine_tunes.create(training_file=uploaded.id, model="curie", n_epochs=1)
    for event in client.fine_tunes.list_events(job.id, stream=True):
        print(event.created_at, event.message)
    while job.status not in ("succeeded", "failed", "cancelled"):
        time.sleep(0.1)
        job = client.fine_tunes.retrieve(job.id)
    print(job.status, [event.message for event in client.fine_tunes.list_events(job.id)][-1])
    print([listed.id for listed in client.fine_tunes.list()])
    if job.fine_tuned_model is not None:
        print(client.models.delete(job.fine_tuned_model).deleted)
    other = client.fine_tunes.create(training_file=uploaded.id)
    print(client.fine_tunes.cancel(other.id).status)
    print(client.files.delete(uploaded.id).deleted)


def models_and_moderation(client: OpenAI) -> None:
    for model in client.models.list():
        print(model.id, model.owned_by)
    print(client.models.retrieve("gpt-3.5-turbo").created)
    result = client.moderations.create(input="I want to kill them.")
    print(result.results[0].flagged, result.results[0].categories.violence)
    print([engine.id for engine in client.engines.list().data][:2], client.engines.retrieve("davinci").owner)


def errors_and_options(client: OpenAI) -> None:
    try:
        client.models.retrieve("no-such-model")
    except NotFoundError as error:
        print(error.status_code, error.code, error.param, error.message, error.request_id)
    try:
        client.with_options(max_retries=0).models.list(extra_headers={"x-mock-fault": "status=429"})
    except RateLimitError as error:
        print(error.status_code, error.response is not None)
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-3.5-turbo", messages=[{"role": "user", "content": "hi"}], max_tokens=3
    )
    print(raw.headers.get("x-ratelimit-remaining-requests"), raw.parse().choices[0].finish_reason)
    quick = client.with_options(timeout=20.0)
    print(quick.models.list(extra_query={"limit": "1"}, timeout=5).data[0].id)


def main(folder: Path, recording: bytes) -> None:
    with OpenAI() as client:
        chat(client)
        chat_maybe_streamed(client, True)
        completions_and_edits(client)
        print(search(client, "sea otters", ["Otters hold hands", "The stock market fell"]))
        images(client, folder)
        audio(client, recording)
        fine_tune(client, folder)
        models_and_moderation(client)
        errors_and_options(client)
