"""Every facade method, sync, against the mock over HTTP on 127.0.0.1 (streams arrive as they are sent)."""

from __future__ import annotations

import base64
import gc
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from facade_support import API_KEY, AUDIO, TRAINING, transparent_png

from openai_client import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    OpenAI,
    RateLimitError,
    Stream,
)
from openai_client.models import (
    ChatCompletionChunk,
    CompletionChunk,
    CreateChatCompletionResponse,
    CreateTranscriptionResponse,
    FineTune,
)
from openai_client.pages import ListModelsPage
from openai_mock.engines.tokenizer import tokenizer_for_model
from openai_mock.server import running_mock


@pytest.fixture(scope="module")
def client() -> Iterator[OpenAI]:
    # The tokenizers load here, in this thread: loading them in the server thread silences a library's
    # DeprecationWarning with catch_warnings, which is not thread-safe next to pytest's own.
    for model in ("gpt-3.5-turbo", "text-davinci-003"):
        tokenizer_for_model(model)
    with running_mock(fine_tune_duration=0.3) as url, OpenAI(api_key=API_KEY, base_url=url, max_retries=0) as client:
        yield client


def test_models(client: OpenAI) -> None:
    page = client.models.list()
    assert isinstance(page, ListModelsPage)
    ids = [model.id for model in page]
    assert "gpt-3.5-turbo" in ids and ids == [model.id for model in page.data]
    assert client.models.retrieve("gpt-3.5-turbo").id == "gpt-3.5-turbo"
    with pytest.raises(NotFoundError) as caught:
        client.models.retrieve("no-such-model")
    error = caught.value
    assert isinstance(error, APIStatusError)
    assert (error.status_code, error.status, error.param, error.code) == (404, 404, "model", "model_not_found")
    assert error.response is not None and error.response.status_code == 404
    assert error.request_id and error.body


def test_chat_completion_plain_and_streamed(client: OpenAI) -> None:
    reply = client.chat.completions.create(
        model="gpt-3.5-turbo", messages=[{"role": "user", "content": "Say hi"}], max_tokens=8, temperature=0
    )
    assert isinstance(reply, CreateChatCompletionResponse)
    assert reply.choices[0].message.role == "assistant" and reply.usage.completion_tokens <= 8
    # Fields named like builtins read under their own names, as with the official SDK (and with a trailing _).
    assert reply.object == reply.object_ == "chat.completion"
    stream = client.chat.completions.create(
        model="gpt-3.5-turbo", messages=[{"role": "user", "content": "Say hi"}], max_tokens=8, stream=True
    )
    assert isinstance(stream, Stream)
    with stream:
        chunks = list(stream)
    assert all(isinstance(chunk, ChatCompletionChunk) for chunk in chunks)
    assert chunks[-1].choices[0].finish_reason in ("stop", "length")
    assert {chunk.object for chunk in chunks} == {"chat.completion.chunk"}


def test_completion_plain_and_streamed(client: OpenAI) -> None:
    reply = client.completions.create(model="text-davinci-003", prompt="Once upon", max_tokens=5, logprobs=2)
    assert reply.choices[0].logprobs is not None
    with client.completions.create(model="text-davinci-003", prompt="Once", max_tokens=5, stream=True) as stream:
        texts = [chunk.choices[0].text for chunk in stream if isinstance(chunk, CompletionChunk)]
    assert texts


def test_edits_embeddings_moderations(client: OpenAI) -> None:
    edit = client.edits.create(model="text-davinci-edit-001", input="Helo", instruction="Fix the spelling")
    assert edit.choices[0].text
    embedded = client.embeddings.create(model="text-embedding-ada-002", input=["one", "two"])
    assert [item.index for item in embedded.data] == [0, 1]
    assert len(embedded.data[0].embedding) == 1536
    moderation = client.moderations.create(input="I want to kill them.")
    assert moderation.results[0].flagged


def test_images(client: OpenAI, tmp_path: Path) -> None:
    generated = client.images.generate(prompt="an otter", n=1, size="256x256", response_format="b64_json")
    png = base64.b64decode(str(generated.data[0].b64_json))
    assert png.startswith(b"\x89PNG")
    (tmp_path / "otter.png").write_bytes(png)
    edited = client.images.edit(image=tmp_path / "otter.png", prompt="with a hat", mask=("mask.png", transparent_png()))
    varied = client.images.create_variation(image=png, n=2, size="256x256")
    assert len(edited.data) == 1 and len(varied.data) == 2


def test_audio_as_model_and_as_text(client: OpenAI) -> None:
    result = client.audio.transcriptions.create(file=("talk.mp3", AUDIO), model="whisper-1")
    assert isinstance(result, CreateTranscriptionResponse) and result.text
    text = client.audio.transcriptions.create(file=("talk.mp3", AUDIO), model="whisper-1", response_format="srt")
    assert isinstance(text, str) and "-->" in text
    translated = client.audio.translations.create(file=("talk.mp3", AUDIO), model="whisper-1")
    assert translated.text
    plain = client.audio.translations.create(file=("talk.mp3", AUDIO), model="whisper-1", response_format="text")
    assert isinstance(plain, str)


def _finished(client: OpenAI, job: FineTune) -> FineTune:
    deadline = time.monotonic() + 30
    while job.status not in ("succeeded", "failed", "cancelled") and time.monotonic() < deadline:
        time.sleep(0.05)
        job = client.fine_tunes.retrieve(job.id)
    return job


def test_files_and_fine_tunes_to_the_end(client: OpenAI, tmp_path: Path) -> None:
    uploaded = client.files.create(file=("train.jsonl", TRAINING), purpose="fine-tune")
    assert uploaded.id in [file.id for file in client.files.list()]
    assert client.files.retrieve(uploaded.id).filename == "train.jsonl"
    content = client.files.content(uploaded.id)
    assert content.read() == TRAINING
    assert b"".join(client.files.content(uploaded.id).iter_bytes(7)) == TRAINING
    target = client.files.content(uploaded.id).write_to_file(tmp_path / "copy.jsonl")
    assert target.read_bytes() == TRAINING
    job = client.fine_tunes.create(training_file=uploaded.id, model="curie", n_epochs=1, suffix="facade")
    assert job.id in [listed.id for listed in client.fine_tunes.list()]
    with client.fine_tunes.list_events(job.id, stream=True) as events:
        messages = [event.message for event in events]
    assert messages and "succeeded" in messages[-1].lower()
    job = _finished(client, job)
    assert job.status == "succeeded" and job.fine_tuned_model
    assert [event.message for event in client.fine_tunes.list_events(job.id)] == messages
    with pytest.raises(BadRequestError):
        client.fine_tunes.cancel(job.id)
    deleted = client.models.delete(job.fine_tuned_model)
    assert deleted.deleted
    second = client.fine_tunes.create(training_file=uploaded.id)
    assert client.fine_tunes.cancel(second.id).status == "cancelled"
    assert client.files.delete(uploaded.id).deleted
    with pytest.raises(NotFoundError):
        client.files.content(uploaded.id)


def test_engines_warn_that_they_are_deprecated(client: OpenAI) -> None:
    with pytest.deprecated_call(match="engines.list is deprecated"):
        engines = client.engines.list()
    with pytest.deprecated_call(match="engines.retrieve is deprecated"):
        engine = client.engines.retrieve(engines.data[0].id)
    assert engine.id == engines.data[0].id


def test_raw_responses(client: OpenAI) -> None:
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-3.5-turbo", messages=[{"role": "user", "content": "hi"}], max_tokens=3
    )
    assert raw.status_code == 200 and raw.request_id
    assert raw.rate_limit.limit_requests is not None
    assert raw.parse() is raw.parse() and raw.parse().object_ == "chat.completion"
    streamed = client.with_raw_response.chat.completions.create(
        model="gpt-3.5-turbo", messages=[{"role": "user", "content": "hi"}], max_tokens=3, stream=True
    )
    assert streamed.headers["content-type"].startswith("text/event-stream")
    with streamed.parse() as stream:
        assert list(stream)
    models = client.models.with_raw_response.list()
    assert [model.id for model in models.parse()]


def test_errors_and_extra_options(client: OpenAI) -> None:
    with pytest.raises(BadRequestError) as caught:
        client.chat.completions.create(
            model="gpt-3.5-turbo", messages=[{"role": "user", "content": "x"}], temperature=5
        )
    assert caught.value.param == "temperature"
    with pytest.raises(BadRequestError) as unknown:
        client.chat.completions.create(
            model="gpt-3.5-turbo", messages=[{"role": "user", "content": "x"}], extra_body={"not_a_field": 1}
        )
    assert unknown.value.param == "not_a_field"
    with pytest.raises(RateLimitError) as limited:
        client.models.list(extra_headers={"x-mock-fault": "status=429; retry-after-ms=5"})
    assert limited.value.retry_after == 0.005
    with pytest.raises(AuthenticationError):
        client.with_options(api_key="not-a-key").models.list()
    assert client.models.list(extra_query={"ignored": "yes"}, timeout=10).data


def test_a_copy_outlives_its_original_and_no_connection_is_left_open(client: OpenAI) -> None:
    base_url = str(client.base_url)

    def copy_of_a_dropped_client() -> OpenAI:
        return OpenAI(api_key=API_KEY, base_url=base_url).with_options(max_retries=0)

    copy = copy_of_a_dropped_client()
    gc.collect()
    assert copy.models.list().data  # the shared connections are still open
    del copy
    gc.collect()  # an unclosed socket would warn here (ResourceWarning, an error under this suite)


def test_embeddings_arrive_as_the_same_floats_whatever_the_wire_form(client: OpenAI) -> None:
    """The facade asks for base64 unless told otherwise and decodes it; the floats equal the float answer's."""
    texts = ["The food was delicious", "and the waiter was kind"]
    raw = client.embeddings.with_raw_response.create(model="text-embedding-ada-002", input=texts)
    assert json.loads(raw.http_response.request.content)["encoding_format"] == "base64"
    assert isinstance(json.loads(raw.content)["data"][0]["embedding"], str)  # what crossed the wire
    default = raw.parse()
    as_floats = client.embeddings.create(model="text-embedding-ada-002", input=texts, encoding_format="float")
    as_base64 = client.embeddings.create(model="text-embedding-ada-002", input=texts, encoding_format="base64")
    vectors = [item.embedding for item in as_floats.data]
    assert all(isinstance(value, float) for value in vectors[0]) and len(vectors[0]) == 1536
    assert [item.embedding for item in default.data] == vectors
    assert [item.embedding for item in as_base64.data] == vectors
