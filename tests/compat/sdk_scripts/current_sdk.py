"""Scenarios for the current official ``openai`` SDK (3.x), run unchanged against the mock.

Run inside the SDK's own virtual environment:
``python current_sdk.py --base-url http://127.0.0.1:PORT/v1 --api-key sk-... --organization org-...``.
Operations the 3.x SDK no longer wraps (edits, legacy fine-tunes, engines) go through its
public generic ``client.get`` / ``client.post``, which still apply its auth, retries and errors.
"""

from __future__ import annotations

import asyncio
import base64
import time
from typing import Any

import openai
from _scenario_kit import Context, Registry, fine_tune_jsonl, png_bytes, wav_bytes
from openai import AsyncOpenAI, OpenAI

scenario = Registry()

CHAT_MODEL = "gpt-3.5-turbo"
CHAT_MESSAGES: list[Any] = [
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


def client(ctx: Context, **options: Any) -> OpenAI:
    return OpenAI(api_key=ctx.api_key, base_url=ctx.base_url, organization=ctx.organization, **options)


def error_facts(exc: openai.APIError) -> dict[str, Any]:
    """What an application can read off an SDK exception."""
    facts: dict[str, Any] = {
        "class": type(exc).__name__,
        "is_api_error": isinstance(exc, openai.APIError),
        "message": exc.message,
        "body": exc.body,
        "type": exc.type,
        "param": exc.param,
        "code": exc.code,
    }
    if isinstance(exc, openai.APIStatusError):
        facts["status"] = exc.status_code
        facts["request_id"] = exc.request_id
        facts["headers"] = dict(exc.response.headers)
        facts["request_headers"] = {k.lower(): v for k, v in exc.response.request.headers.items()}
    return facts


def expect_error(call: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    try:
        outcome = call(*args, **kwargs)
    except openai.APIError as exc:
        return error_facts(exc)
    return {"class": None, "unexpected_result": repr(outcome)[:500]}


@scenario
def models_list(ctx: Context) -> Any:
    page = client(ctx).models.list()
    return {"object": page.object, "models": [m.to_dict() for m in page.data]}


@scenario
def models_retrieve(ctx: Context) -> Any:
    return client(ctx).models.retrieve("text-davinci-003").to_dict()


@scenario
def models_delete_base_model(ctx: Context) -> Any:
    return expect_error(client(ctx).models.delete, "text-davinci-003")


@scenario
def completions_create(ctx: Context) -> Any:
    return client(ctx).completions.create(**COMPLETION_ARGS).to_dict()


@scenario
def completions_stream(ctx: Context) -> Any:
    whole = client(ctx).completions.create(**COMPLETION_ARGS)
    chunks = [c.to_dict() for c in client(ctx).completions.create(**COMPLETION_ARGS, stream=True)]
    return {"whole": whole.to_dict(), "chunks": chunks}


@scenario
def completions_logprobs_echo_n(ctx: Context) -> Any:
    result = client(ctx).completions.create(
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
    return result.to_dict()


@scenario
def completions_chat_model_rejected(ctx: Context) -> Any:
    return expect_error(client(ctx).completions.create, model=CHAT_MODEL, prompt="Hello")


@scenario
def chat_create(ctx: Context) -> Any:
    return client(ctx).chat.completions.create(model=CHAT_MODEL, messages=CHAT_MESSAGES, temperature=0).to_dict()


@scenario
def chat_stream(ctx: Context) -> Any:
    api = client(ctx)
    whole = api.chat.completions.create(model=CHAT_MODEL, messages=CHAT_MESSAGES, temperature=0)
    stream = api.chat.completions.create(model=CHAT_MODEL, messages=CHAT_MESSAGES, temperature=0, stream=True)
    return {"whole": whole.to_dict(), "chunks": [c.to_dict() for c in stream]}


@scenario
def chat_options(ctx: Context) -> Any:
    result = client(ctx).chat.completions.create(
        model=CHAT_MODEL,
        messages=CHAT_MESSAGES,
        n=2,
        max_tokens=12,
        stop=["."],
        top_p=0.9,
        presence_penalty=0.5,
        frequency_penalty=0.5,
        logit_bias={"50256": -100},
        user="compat-test",
    )
    return result.to_dict()


@scenario
def chat_bad_role(ctx: Context) -> Any:
    messages: Any = [{"role": "robot", "content": "beep"}]
    return expect_error(client(ctx).chat.completions.create, model=CHAT_MODEL, messages=messages)


@scenario
def chat_raw_response_headers(ctx: Context) -> Any:
    raw = client(ctx).chat.completions.with_raw_response.create(model=CHAT_MODEL, messages=CHAT_MESSAGES)
    parsed = raw.parse()
    return {
        "status": raw.status_code,
        "headers": dict(raw.headers),
        "request_headers": {k.lower(): v for k, v in raw.http_request.headers.items()},
        "content": parsed.choices[0].message.content,
    }


@scenario
def chat_async(ctx: Context) -> Any:
    async def go() -> dict[str, Any]:
        async with AsyncOpenAI(api_key=ctx.api_key, base_url=ctx.base_url, organization=ctx.organization) as api:
            whole = await api.chat.completions.create(model=CHAT_MODEL, messages=CHAT_MESSAGES, temperature=0)
            stream = await api.chat.completions.create(
                model=CHAT_MODEL, messages=CHAT_MESSAGES, temperature=0, stream=True
            )
            chunks = [c.to_dict() async for c in stream]
            return {"whole": whole.to_dict(), "chunks": chunks}

    return asyncio.run(go())


@scenario
def error_wrong_key(ctx: Context) -> Any:
    api = OpenAI(api_key="sk-wrong-key-0000", base_url=ctx.base_url, max_retries=0)
    return expect_error(api.models.list)


@scenario
def error_rate_limit_no_retry(ctx: Context) -> Any:
    api = client(ctx, max_retries=0)
    return expect_error(
        api.chat.completions.create,
        model=CHAT_MODEL,
        messages=CHAT_MESSAGES,
        extra_headers={"x-mock-fault": "status=429; retry-after=0"},
    )


@scenario
def error_rate_limit_after_retries(ctx: Context) -> Any:
    api = client(ctx, max_retries=2)
    started = time.monotonic()
    facts = expect_error(
        api.chat.completions.create,
        model=CHAT_MODEL,
        messages=CHAT_MESSAGES,
        extra_headers={"x-mock-fault": "status=429; retry-after-ms=20"},
    )
    facts["elapsed"] = time.monotonic() - started
    return facts


@scenario
def error_server_unavailable(ctx: Context) -> Any:
    api = client(ctx, max_retries=0)
    return expect_error(api.models.list, extra_headers={"x-mock-fault": "status=503"})


@scenario
def error_timeout(ctx: Context) -> Any:
    api = client(ctx, max_retries=0, timeout=0.3)
    started = time.monotonic()
    facts = expect_error(api.models.list, extra_headers={"x-mock-fault": "delay=2000"})
    facts["elapsed"] = time.monotonic() - started
    return facts


@scenario
def error_stream_interrupted(ctx: Context) -> Any:
    api = client(ctx, max_retries=0)
    chunks: list[Any] = []
    try:
        stream = api.chat.completions.create(
            model=CHAT_MODEL, messages=CHAT_MESSAGES, stream=True, extra_headers={"x-mock-fault": "stream=error"}
        )
        chunks.extend(c.to_dict() for c in stream)
    except openai.APIError as exc:
        return {"chunks": len(chunks), "error": error_facts(exc)}
    return {"chunks": len(chunks), "error": None}


@scenario
def edits_via_generic_post(ctx: Context) -> Any:
    body = {
        "model": "text-davinci-edit-001",
        "input": "What day of the wek is it?",
        "instruction": "Fix the spelling mistakes",
        "temperature": 0,
    }
    return client(ctx).post("/edits", body=body, cast_to=object)


@scenario
def engines_via_generic_get(ctx: Context) -> Any:
    api = client(ctx)
    return {
        "list": api.get("/engines", cast_to=object),
        "one": api.get("/engines/text-davinci-003", cast_to=object),
    }


@scenario
def images_generate_b64(ctx: Context) -> Any:
    result = client(ctx).images.generate(
        prompt="A cute baby sea otter", n=2, size="256x256", response_format="b64_json", user="compat-test"
    )
    return result.to_dict()


@scenario
def images_generate_url(ctx: Context) -> Any:
    return client(ctx).images.generate(prompt="A lighthouse at dusk", size="512x512").to_dict()


@scenario
def images_edit(ctx: Context) -> Any:
    result = client(ctx).images.edit(
        image=("otter.png", png_bytes(256, alpha=True)),
        mask=("mask.png", png_bytes(256, alpha=True, seed=7)),
        prompt="A sunlit indoor lounge area with a pool containing a flamingo",
        n=1,
        size="256x256",
        response_format="b64_json",
    )
    return result.to_dict()


@scenario
def images_variation(ctx: Context) -> Any:
    result = client(ctx).images.create_variation(
        image=("otter.png", png_bytes(256, alpha=False)), n=2, size="512x512", response_format="b64_json"
    )
    return result.to_dict()


@scenario
def embeddings_default_base64(ctx: Context) -> Any:
    # The SDK asks for base64 and decodes it itself; the caller sees floats.
    return client(ctx).embeddings.create(model="text-embedding-ada-002", input=EMBEDDING_INPUT).to_dict()


@scenario
def embeddings_float(ctx: Context) -> Any:
    api = client(ctx)
    floats = api.embeddings.create(model="text-embedding-ada-002", input=EMBEDDING_INPUT, encoding_format="float")
    b64 = api.embeddings.create(model="text-embedding-ada-002", input=EMBEDDING_INPUT, encoding_format="base64")
    return {"float": floats.to_dict(), "base64": b64.to_dict()}


@scenario
def embeddings_batch(ctx: Context) -> Any:
    inputs = ["first text", "second, longer text about embeddings", "third"]
    return client(ctx).embeddings.create(model="text-embedding-ada-002", input=inputs).to_dict()


@scenario
def audio_transcription(ctx: Context) -> Any:
    api = client(ctx)
    audio = ("speech.wav", wav_bytes())
    out: dict[str, Any] = {
        "json": api.audio.transcriptions.create(model="whisper-1", file=audio).to_dict(),
        "verbose_json": api.audio.transcriptions.create(
            model="whisper-1",
            file=audio,
            response_format="verbose_json",
            language="en",
            temperature=0,
            prompt="A phone call.",
        ).to_dict(),
    }
    for fmt in ("text", "srt", "vtt"):
        value = api.audio.transcriptions.create(model="whisper-1", file=audio, response_format=fmt)
        out[fmt] = value if isinstance(value, str) else {"unexpected_type": type(value).__name__}
    return out


@scenario
def audio_translation(ctx: Context) -> Any:
    api = client(ctx)
    audio = ("speech.wav", wav_bytes())
    return {
        "json": api.audio.translations.create(model="whisper-1", file=audio).to_dict(),
        "text": api.audio.translations.create(model="whisper-1", file=audio, response_format="text"),
    }


@scenario
def files_lifecycle(ctx: Context) -> Any:
    api = client(ctx)
    data = fine_tune_jsonl()
    created = api.files.create(file=("train.jsonl", data), purpose="fine-tune")
    listed = [f.to_dict() for f in api.files.list().data]
    retrieved = api.files.retrieve(created.id)
    processed = api.files.wait_for_processing(created.id, poll_interval=0.1, max_wait_seconds=10)
    content = api.files.content(created.id).content
    as_text = api.files.retrieve_content(created.id)
    deleted = api.files.delete(created.id)
    return {
        "uploaded_b64": base64.b64encode(data).decode(),
        "created": created.to_dict(),
        "listed": listed,
        "retrieved": retrieved.to_dict(),
        "processed_status": processed.status,
        "downloaded_b64": base64.b64encode(content).decode(),
        "downloaded_text": as_text,
        "deleted": deleted.to_dict(),
        "after_delete": expect_error(api.files.retrieve, created.id),
    }


@scenario
def files_list_iterates_to_end(ctx: Context) -> Any:
    api = client(ctx)
    uploaded = [api.files.create(file=(f"part{i}.jsonl", fine_tune_jsonl(2)), purpose="fine-tune").id for i in (1, 2)]
    seen: list[str] = []
    # Auto-pagination asks for the page after the last id until the server says there is none.
    for item in api.files.list():
        seen.append(item.id)
        if len(seen) > 1000:
            break
    return {"uploaded": uploaded, "seen": seen}


@scenario
def files_unknown_id(ctx: Context) -> Any:
    return expect_error(client(ctx).files.retrieve, "file-doesnotexist000000000")


def _wait_for_fine_tune(api: OpenAI, job_id: str, limit: float = 40.0) -> dict[str, Any]:
    deadline = time.monotonic() + limit
    while True:
        job = api.get(f"/fine-tunes/{job_id}", cast_to=object)
        assert isinstance(job, dict)
        if job["status"] in ("succeeded", "failed", "cancelled") or time.monotonic() > deadline:
            return job
        time.sleep(0.25)


@scenario
def fine_tune_lifecycle(ctx: Context) -> Any:
    api = client(ctx)
    training = api.files.create(file=("train.jsonl", fine_tune_jsonl()), purpose="fine-tune")
    created = api.post(
        "/fine-tunes",
        body={"training_file": training.id, "model": "curie", "n_epochs": 1, "suffix": "compat-current"},
        cast_to=object,
    )
    assert isinstance(created, dict)
    listed = api.get("/fine-tunes", cast_to=object)
    # Streamed while the job runs, the events arrive as they happen and the stream ends with the job.
    live = api.get(
        f"/fine-tunes/{created['id']}/events",
        cast_to=object,
        options={"params": {"stream": "true"}},
        stream=True,
        stream_cls=openai.Stream[object],
    )
    live_streamed = list(live)
    finished = _wait_for_fine_tune(api, created["id"])
    events = api.get(f"/fine-tunes/{created['id']}/events", cast_to=object)
    stream = api.get(
        f"/fine-tunes/{created['id']}/events",
        cast_to=object,
        options={"params": {"stream": "true"}},
        stream=True,
        stream_cls=openai.Stream[object],
    )
    streamed = list(stream)
    model = finished.get("fine_tuned_model")
    facts: dict[str, Any] = {
        "created": created,
        "listed": listed,
        "finished": finished,
        "events": events,
        "streamed": streamed,
        "live_streamed": live_streamed,
    }
    if model:
        facts["model_listed"] = model in [m.id for m in api.models.list().data]
        facts["model_retrieved"] = api.models.retrieve(model).to_dict()
        facts["completion"] = api.completions.create(
            model=model, prompt="Question 3: what is 3 plus 3? ->", max_tokens=4, temperature=0
        ).to_dict()
        facts["deleted"] = api.models.delete(model).to_dict()
        facts["model_listed_after_delete"] = model in [m.id for m in api.models.list().data]
        facts["retrieve_after_delete"] = expect_error(api.models.retrieve, model)
    return facts


@scenario
def fine_tune_cancel(ctx: Context) -> Any:
    api = client(ctx)
    training = api.files.create(file=("train.jsonl", fine_tune_jsonl()), purpose="fine-tune")
    created = api.post("/fine-tunes", body={"training_file": training.id, "model": "ada"}, cast_to=object)
    assert isinstance(created, dict)
    cancelled = api.post(f"/fine-tunes/{created['id']}/cancel", cast_to=object)
    again = expect_error(api.post, f"/fine-tunes/{created['id']}/cancel", cast_to=object)
    return {"created": created, "cancelled": cancelled, "cancel_again": again}


@scenario
def moderations_create(ctx: Context) -> Any:
    api = client(ctx)
    flagged = api.moderations.create(input="I want to kill them.")
    batch = api.moderations.create(input=["What a lovely day.", "I will hurt you."], model="text-moderation-stable")
    return {"flagged": flagged.to_dict(), "batch": batch.to_dict()}


if __name__ == "__main__":
    scenario.main()
