"""Scenarios for the legacy official SDK ``openai==0.27.8``, the API the 2023 reference documents use.

Run inside its own virtual environment (with numpy, which its embedding decoding needs):
``python legacy_sdk.py --base-url http://127.0.0.1:PORT/v1 --api-key sk-... --organization org-...``.
Configuration goes through the module globals exactly as the documents show.
"""

from __future__ import annotations

import asyncio
import base64
import io
import time
from typing import Any

import openai
import openai.error
from _scenario_kit import Context, Registry, fine_tune_jsonl, png_bytes, wav_bytes

scenario = Registry()

CHAT_MODEL = "gpt-3.5-turbo"
CHAT_MESSAGES = [
    {"role": "system", "content": "You are a helpful assistant."},
    {"role": "user", "content": "Tell me a short story about a lighthouse."},
]
COMPLETION_ARGS: dict[str, Any] = {
    "model": "text-davinci-003",
    "prompt": "Say this is a test",
    "max_tokens": 24,
    "temperature": 0,
}
EMBEDDING_INPUT = "The food was delicious and the waiter was very friendly."


def configure(ctx: Context) -> None:
    openai.api_base = ctx.base_url
    openai.api_key = ctx.api_key
    openai.organization = ctx.organization


def plain(obj: Any) -> Any:
    """OpenAIObject trees (and generators of them) as plain JSON values."""
    if isinstance(obj, openai.openai_object.OpenAIObject):
        return obj.to_dict_recursive()
    if isinstance(obj, list):
        return [plain(item) for item in obj]
    return obj


def error_facts(exc: openai.error.OpenAIError) -> dict[str, Any]:
    return {
        "class": type(exc).__name__,
        "module": type(exc).__module__,
        "message": exc.user_message,
        "str": str(exc),
        "status": exc.http_status,
        "code": exc.code,
        "param": getattr(exc, "param", None),
        "body": exc.json_body,
        "headers": {k.lower(): v for k, v in dict(exc.headers or {}).items()},
    }


def expect_error(call: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    try:
        outcome = call(*args, **kwargs)
        if hasattr(outcome, "__next__"):
            outcome = list(outcome)
    except openai.error.OpenAIError as exc:
        return error_facts(exc)
    return {"class": None, "unexpected_result": repr(outcome)[:500]}


def named(data: bytes, name: str) -> io.BytesIO:
    # Audio.transcribe reads the upload's file name from the file object, as with open(...).
    handle = io.BytesIO(data)
    handle.name = name
    return handle


@scenario
def model_list(ctx: Context) -> Any:
    configure(ctx)
    return plain(openai.Model.list())


@scenario
def model_retrieve(ctx: Context) -> Any:
    configure(ctx)
    return plain(openai.Model.retrieve("text-davinci-003"))


@scenario
def model_delete_base_model(ctx: Context) -> Any:
    configure(ctx)
    return expect_error(openai.Model.delete, "text-davinci-003")


@scenario
def engine_list_retrieve(ctx: Context) -> Any:
    configure(ctx)
    return {"list": plain(openai.Engine.list()), "one": plain(openai.Engine.retrieve("text-davinci-003"))}


@scenario
def completion_create(ctx: Context) -> Any:
    configure(ctx)
    return plain(openai.Completion.create(**COMPLETION_ARGS))


@scenario
def completion_stream(ctx: Context) -> Any:
    configure(ctx)
    whole = openai.Completion.create(**COMPLETION_ARGS)
    chunks = [plain(c) for c in openai.Completion.create(**COMPLETION_ARGS, stream=True)]
    return {"whole": plain(whole), "chunks": chunks}


@scenario
def completion_logprobs_echo_n(ctx: Context) -> Any:
    configure(ctx)
    result = openai.Completion.create(
        model="text-davinci-003",
        prompt=["Once upon a time", "The capital of France is"],
        max_tokens=5,
        temperature=0.7,
        n=2,
        logprobs=2,
        echo=True,
        stop=["\n"],
        user="compat-test",
    )
    return plain(result)


@scenario
def chat_completion_create(ctx: Context) -> Any:
    configure(ctx)
    return plain(openai.ChatCompletion.create(model=CHAT_MODEL, messages=CHAT_MESSAGES, temperature=0))


@scenario
def chat_completion_stream(ctx: Context) -> Any:
    configure(ctx)
    whole = openai.ChatCompletion.create(model=CHAT_MODEL, messages=CHAT_MESSAGES, temperature=0)
    stream = openai.ChatCompletion.create(model=CHAT_MODEL, messages=CHAT_MESSAGES, temperature=0, stream=True)
    return {"whole": plain(whole), "chunks": [plain(c) for c in stream]}


@scenario
def chat_completion_async(ctx: Context) -> Any:
    configure(ctx)

    async def go() -> dict[str, Any]:
        whole = await openai.ChatCompletion.acreate(model=CHAT_MODEL, messages=CHAT_MESSAGES, temperature=0)
        stream = await openai.ChatCompletion.acreate(
            model=CHAT_MODEL, messages=CHAT_MESSAGES, temperature=0, stream=True
        )
        chunks = [plain(c) async for c in stream]
        return {"whole": plain(whole), "chunks": chunks}

    return asyncio.run(go())


@scenario
def chat_completion_bad_role(ctx: Context) -> Any:
    configure(ctx)
    return expect_error(openai.ChatCompletion.create, model=CHAT_MODEL, messages=[{"role": "robot", "content": "hi"}])


@scenario
def error_wrong_key(ctx: Context) -> Any:
    configure(ctx)
    return expect_error(openai.Model.list, api_key="sk-wrong-key-0000")


@scenario
def error_rate_limit(ctx: Context) -> Any:
    configure(ctx)
    return expect_error(
        openai.ChatCompletion.create,
        model=CHAT_MODEL,
        messages=CHAT_MESSAGES,
        headers={"x-mock-fault": "status=429; retry-after=0"},
    )


@scenario
def error_server_unavailable(ctx: Context) -> Any:
    configure(ctx)
    return expect_error(openai.Completion.create, **COMPLETION_ARGS, headers={"x-mock-fault": "status=503"})


@scenario
def error_timeout(ctx: Context) -> Any:
    configure(ctx)
    started = time.monotonic()
    facts = expect_error(
        openai.ChatCompletion.create,
        model=CHAT_MODEL,
        messages=CHAT_MESSAGES,
        request_timeout=0.3,
        headers={"x-mock-fault": "delay=2000"},
    )
    facts["elapsed"] = time.monotonic() - started
    return facts


@scenario
def error_stream_interrupted(ctx: Context) -> Any:
    configure(ctx)
    chunks: list[Any] = []
    try:
        stream = openai.ChatCompletion.create(
            model=CHAT_MODEL, messages=CHAT_MESSAGES, stream=True, headers={"x-mock-fault": "stream=error"}
        )
        chunks.extend(plain(c) for c in stream)
    except openai.error.OpenAIError as exc:
        return {"chunks": len(chunks), "error": error_facts(exc)}
    return {"chunks": len(chunks), "error": None}


@scenario
def edit_create(ctx: Context) -> Any:
    configure(ctx)
    result = openai.Edit.create(
        model="text-davinci-edit-001",
        input="What day of the wek is it?",
        instruction="Fix the spelling mistakes",
        temperature=0,
    )
    return plain(result)


@scenario
def image_create_b64(ctx: Context) -> Any:
    configure(ctx)
    return plain(openai.Image.create(prompt="A cute baby sea otter", n=2, size="256x256", response_format="b64_json"))


@scenario
def image_create_url(ctx: Context) -> Any:
    configure(ctx)
    return plain(openai.Image.create(prompt="A lighthouse at dusk", size="512x512"))


@scenario
def image_create_edit(ctx: Context) -> Any:
    configure(ctx)
    result = openai.Image.create_edit(
        image=png_bytes(256, alpha=True),
        mask=png_bytes(256, alpha=True, seed=7),
        prompt="A sunlit indoor lounge area with a pool containing a flamingo",
        n=1,
        size="256x256",
        response_format="b64_json",
    )
    return plain(result)


@scenario
def image_create_variation(ctx: Context) -> Any:
    configure(ctx)
    result = openai.Image.create_variation(
        image=png_bytes(256, alpha=False), n=2, size="512x512", response_format="b64_json"
    )
    return plain(result)


@scenario
def embedding_default_base64(ctx: Context) -> Any:
    # 0.27.8 asks for base64 and decodes it with numpy; the caller sees floats.
    configure(ctx)
    return plain(openai.Embedding.create(model="text-embedding-ada-002", input=EMBEDDING_INPUT))


@scenario
def embedding_float(ctx: Context) -> Any:
    configure(ctx)
    floats = openai.Embedding.create(model="text-embedding-ada-002", input=EMBEDDING_INPUT, encoding_format="float")
    return plain(floats)


@scenario
def embedding_batch(ctx: Context) -> Any:
    configure(ctx)
    inputs = ["first text", "second, longer text about embeddings", "third"]
    return plain(openai.Embedding.create(model="text-embedding-ada-002", input=inputs))


@scenario
def audio_transcribe(ctx: Context) -> Any:
    configure(ctx)
    audio = wav_bytes()
    out: dict[str, Any] = {
        "json": plain(openai.Audio.transcribe("whisper-1", named(audio, "speech.wav"))),
        "verbose_json": plain(
            openai.Audio.transcribe(
                "whisper-1",
                named(audio, "speech.wav"),
                response_format="verbose_json",
                language="en",
                temperature=0,
                prompt="A phone call.",
            )
        ),
    }
    for fmt in ("text", "srt", "vtt"):
        value = openai.Audio.transcribe("whisper-1", named(audio, "speech.wav"), response_format=fmt)
        out[fmt] = value if isinstance(value, str) else {"unexpected_type": type(value).__name__}
    return out


@scenario
def audio_translate(ctx: Context) -> Any:
    configure(ctx)
    audio = wav_bytes()
    return {
        "json": plain(openai.Audio.translate("whisper-1", named(audio, "speech.wav"))),
        "text": plain(openai.Audio.translate("whisper-1", named(audio, "speech.wav"), response_format="text")),
    }


@scenario
def file_lifecycle(ctx: Context) -> Any:
    configure(ctx)
    data = fine_tune_jsonl()
    # As in the documents: File.create(file=open("mydata.jsonl", "rb"), purpose="fine-tune").
    created = openai.File.create(file=io.BytesIO(data), purpose="fine-tune")
    named_upload = openai.File.create(file=data, purpose="fine-tune", user_provided_filename="named.jsonl")
    listed = plain(openai.File.list())
    retrieved = openai.File.retrieve(created.id)
    downloaded = openai.File.download(created.id)
    deleted = openai.File.delete(created.id)
    return {
        "uploaded_b64": base64.b64encode(data).decode(),
        "created": plain(created),
        "named_upload": plain(named_upload),
        "listed": listed,
        "retrieved": plain(retrieved),
        "downloaded_b64": base64.b64encode(downloaded).decode(),
        "deleted": plain(deleted),
        "after_delete": expect_error(openai.File.retrieve, created.id),
    }


@scenario
def file_unknown_id(ctx: Context) -> Any:
    configure(ctx)
    return {
        "retrieve": expect_error(openai.File.retrieve, "file-doesnotexist000000000"),
        "download": expect_error(openai.File.download, "file-doesnotexist000000000"),
    }


def _wait_for_fine_tune(job_id: str, limit: float = 40.0) -> Any:
    deadline = time.monotonic() + limit
    while True:
        job = openai.FineTune.retrieve(job_id)
        if job.status in ("succeeded", "failed", "cancelled") or time.monotonic() > deadline:
            return job
        time.sleep(0.25)


@scenario
def fine_tune_lifecycle(ctx: Context) -> Any:
    configure(ctx)
    training = openai.File.create(file=fine_tune_jsonl(), purpose="fine-tune", user_provided_filename="train.jsonl")
    created = openai.FineTune.create(training_file=training.id, model="curie", n_epochs=1, suffix="compat-legacy")
    listed = plain(openai.FineTune.list())
    # Streamed while the job runs, the events arrive as they happen and the stream ends with the job.
    live_streamed = [plain(e) for e in openai.FineTune.stream_events(created.id)]
    finished = _wait_for_fine_tune(created.id)
    events = plain(openai.FineTune.list_events(created.id))
    streamed = [plain(e) for e in openai.FineTune.stream_events(created.id)]
    model = finished.get("fine_tuned_model")
    facts: dict[str, Any] = {
        "created": plain(created),
        "listed": listed,
        "finished": plain(finished),
        "events": events,
        "streamed": streamed,
        "live_streamed": live_streamed,
    }
    if model:
        facts["model_listed"] = model in [m.id for m in openai.Model.list().data]
        facts["model_retrieved"] = plain(openai.Model.retrieve(model))
        facts["completion"] = plain(
            openai.Completion.create(
                model=model, prompt="Question 3: what is 3 plus 3? ->", max_tokens=4, temperature=0
            )
        )
        facts["deleted"] = plain(openai.Model.delete(model))
        facts["model_listed_after_delete"] = model in [m.id for m in openai.Model.list().data]
        facts["retrieve_after_delete"] = expect_error(openai.Model.retrieve, model)
    return facts


@scenario
def fine_tune_cancel(ctx: Context) -> Any:
    configure(ctx)
    training = openai.File.create(file=fine_tune_jsonl(), purpose="fine-tune", user_provided_filename="train.jsonl")
    created = openai.FineTune.create(training_file=training.id, model="ada")
    cancelled = openai.FineTune.cancel(created.id)
    return {
        "created": plain(created),
        "cancelled": plain(cancelled),
        "cancel_again": expect_error(openai.FineTune.cancel, created.id),
        "unknown": expect_error(openai.FineTune.retrieve, "ft-doesnotexist0000000000"),
    }


@scenario
def moderation_create(ctx: Context) -> Any:
    configure(ctx)
    flagged = openai.Moderation.create(input="I want to kill them.")
    batch = openai.Moderation.create(input=["What a lovely day.", "I will hurt you."], model="text-moderation-stable")
    return {"flagged": plain(flagged), "batch": plain(batch)}


if __name__ == "__main__":
    scenario.main()
