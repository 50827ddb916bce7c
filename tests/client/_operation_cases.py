"""One row per call of a generated endpoint: what the caller passes, what must go over the wire, what comes back.

The canned answer is the operation's first 200 example in the spec unless a row names another one; `probe`
picks a few fields out of the parsed result and `expected` is what they must be (values copied from the spec
examples by hand, so a parser that drops or renames a field fails here).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from _operation_support import Part, Recorder, example

from openai_client.models import (
    ChatCompletionRequestMessage,
    CreateChatCompletionRequest,
    CreateChatCompletionResponse,
    CreateCompletionRequest,
    CreateCompletionResponse,
    CreateEditRequest,
    CreateEditResponse,
    CreateEmbeddingRequest,
    CreateEmbeddingResponse,
    CreateFileRequest,
    CreateFineTuneRequest,
    CreateImageEditRequest,
    CreateImageRequest,
    CreateImageVariationRequest,
    CreateModerationRequest,
    CreateModerationResponse,
    CreateTranscriptionRequest,
    CreateTranscriptionResponse,
    CreateTranslationRequest,
    CreateTranslationResponse,
    DeleteFileResponse,
    DeleteModelResponse,
    Engine,
    FineTune,
    ImagesResponse,
    ListEnginesResponse,
    ListFilesResponse,
    ListFineTuneEventsResponse,
    ListFineTunesResponse,
    ListModelsResponse,
    Model,
    OpenAIFile,
)
from openai_client.types import UNSET, File

__all__ = ["AUDIO", "CASES", "JSONL", "PNG", "Case", "upload"]

# Payloads with CR LF, NUL and non-UTF-8 bytes: multipart must carry them untouched.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
MASK = b"\x89PNG\r\n\x1a\n" + bytes(reversed(range(256)))
AUDIO = b"\x00\x00\x00\x20ftypM4A \r\n--not-a-boundary\r\n" + bytes(range(128, 256))
JSONL = b'{"prompt": "Say this is a test ->", "completion": " This is a test\\n"}\n'
FILE_ID = "file-XjGxS3KTG0uNmNOK362iJua3"
FINE_TUNE_ID = "ft-AF1WoRqd3aJAHsqc9NY7iL8F"
TEXT = "text/plain"


def upload(data: bytes, name: str, mime: str) -> File:
    return File(payload=io.BytesIO(data), file_name=name, mime_type=mime)


@dataclass(frozen=True)
class Case:
    operation_id: str
    request: str  # "METHOD /v1/path" as it must reach the server
    returns: type[Any]
    probe: Callable[[Any], Any]
    expected: Any
    args: tuple[str, ...] = ()  # path parameters, positional as the generator declares them
    body: Callable[[], Any] | None = None  # a factory: file payloads can be read only once
    params: dict[str, Any] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)
    json: Any = None  # the exact JSON body, or None for a request without one
    multipart: dict[str, Part] | None = None
    answer_example: str = ""
    answer: Callable[[], Recorder] | None = None
    label: str = ""

    @property
    def id(self) -> str:
        return f"{self.operation_id}-{self.label}" if self.label else self.operation_id

    def recorder(self) -> Recorder:
        if self.answer is not None:
            return self.answer()
        return Recorder(json=example(self.operation_id, name=self.answer_example))

    def kwargs(self) -> dict[str, Any]:
        return {**self.params, **({"body": self.body()} if self.body is not None else {})}


def _urls(result: Any) -> list[str]:
    return [image.url.rsplit("/", 1)[1] for image in result.data]


_CHAT = [
    ChatCompletionRequestMessage(role="system", content="You are a helpful assistant."),
    ChatCompletionRequestMessage(role="user", content="Say this is a test!", name="tester"),
]

CASES: list[Case] = [
    Case(
        "listModels",
        "GET /v1/models",
        ListModelsResponse,
        lambda r: [(m.id, m.owned_by) for m in r.data],
        [("model-id-0", "organization-owner"), ("model-id-1", "organization-owner"), ("model-id-2", "openai")],
    ),
    Case(
        "retrieveModel",
        "GET /v1/models/text-davinci-003",
        Model,
        lambda r: (r.id, r.created, r.permission[0].allow_sampling, r.parent),
        ("text-davinci-003", 1669599635, True, None),
        args=("text-davinci-003",),
    ),
    Case(
        "deleteModel",
        "DELETE /v1/models/curie:ft-acmeco-2021-03-03-21-44-20",
        DeleteModelResponse,
        lambda r: (r.id, r.deleted),
        ("curie:ft-acmeco-2021-03-03-21-44-20", True),
        args=("curie:ft-acmeco-2021-03-03-21-44-20",),
    ),
    Case(
        "createCompletion",
        "POST /v1/completions",
        CreateCompletionResponse,
        lambda r: (r.choices[0].text, r.choices[0].finish_reason, r.usage.total_tokens),
        ("\n\nThis is indeed a test", "length", 12),
        body=lambda: CreateCompletionRequest(model="text-davinci-003", prompt="Say this is a test", n=3),
        json={"model": "text-davinci-003", "prompt": "Say this is a test", "n": 3},
    ),
    Case(
        "createChatCompletion",
        "POST /v1/chat/completions",
        CreateChatCompletionResponse,
        lambda r: (r.choices[0].message.role, r.choices[0].message.content, r.usage.prompt_tokens),
        ("assistant", "\n\nThis is a test!", 13),
        body=lambda: CreateChatCompletionRequest(model="gpt-3.5-turbo", messages=_CHAT, temperature=0.7, stop=None),
        json={
            "model": "gpt-3.5-turbo",
            "temperature": 0.7,
            "stop": None,
            "messages": [
                {"role": "system", "content": "You are a helpful assistant."},
                {"role": "user", "content": "Say this is a test!", "name": "tester"},
            ],
        },
    ),
    Case(
        "createEdit",
        "POST /v1/edits",
        CreateEditResponse,
        lambda r: (r.choices[0].text, r.usage.completion_tokens),
        ("What day of the week is it?", 32),
        body=lambda: CreateEditRequest(
            model="text-davinci-edit-001", instruction="Fix the spelling mistakes", input_="What day of the wek is it?"
        ),
        json={
            "model": "text-davinci-edit-001",
            "instruction": "Fix the spelling mistakes",
            "input": "What day of the wek is it?",
        },
    ),
    Case(
        "createImage",
        "POST /v1/images/generations",
        ImagesResponse,
        _urls,
        ["img-otter-1.png", "img-otter-2.png"],
        body=lambda: CreateImageRequest(prompt="A cute baby sea otter", n=2, size="1024x1024"),
        json={"prompt": "A cute baby sea otter", "n": 2, "size": "1024x1024"},
    ),
    Case(
        "createImageEdit",
        "POST /v1/images/edits",
        ImagesResponse,
        _urls,
        ["img-beret-1.png", "img-beret-2.png"],
        body=lambda: CreateImageEditRequest(
            image=upload(PNG, "otter.png", "image/png"),
            mask=upload(MASK, "mask.png", "image/png"),
            prompt="A cute baby sea otter wearing a beret",
            n=2,
        ),
        multipart={
            "image": Part("otter.png", "image/png", PNG),
            "mask": Part("mask.png", "image/png", MASK),
            "prompt": Part(None, TEXT, b"A cute baby sea otter wearing a beret"),
            "n": Part(None, TEXT, b"2"),
        },
    ),
    Case(
        "createImageVariation",
        "POST /v1/images/variations",
        ImagesResponse,
        _urls,
        ["img-variation-1.png", "img-variation-2.png"],
        body=lambda: CreateImageVariationRequest(
            image=upload(PNG, "otter.png", "image/png"), size="256x256", response_format="url"
        ),
        multipart={
            "image": Part("otter.png", "image/png", PNG),
            "size": Part(None, TEXT, b"256x256"),
            "response_format": Part(None, TEXT, b"url"),
        },
    ),
    Case(
        "createEmbedding",
        "POST /v1/embeddings",
        CreateEmbeddingResponse,
        lambda r: (r.data[0].index, r.data[0].embedding[:2], r.usage.total_tokens),
        (0, [0.0023064255, -0.009327292], 8),
        body=lambda: CreateEmbeddingRequest(
            model="text-embedding-ada-002", input_=["The food was delicious"], encoding_format="float"
        ),
        json={"model": "text-embedding-ada-002", "input": ["The food was delicious"], "encoding_format": "float"},
    ),
    Case(
        "createTranscription",
        "POST /v1/audio/transcriptions",
        CreateTranscriptionResponse,
        lambda r: (r.text, r.language, r.segments[0].end, r.segments[0].tokens[:2]),
        ("Guten Tag, wie geht es Ihnen?", "german", 2.5, [50364, 30573]),
        body=lambda: CreateTranscriptionRequest(
            file=upload(AUDIO, "german.m4a", "audio/mp4"),
            model="whisper-1",
            language="de",
            response_format="verbose_json",
        ),
        multipart={
            "file": Part("german.m4a", "audio/mp4", AUDIO),
            "model": Part(None, TEXT, b"whisper-1"),
            "language": Part(None, TEXT, b"de"),
            "response_format": Part(None, TEXT, b"verbose_json"),
        },
        answer_example="verboseJson",
    ),
    Case(
        "createTranslation",
        "POST /v1/audio/translations",
        CreateTranslationResponse,
        lambda r: r.text,
        "Hello, how are you?",
        body=lambda: CreateTranslationRequest(
            file=upload(AUDIO, "german.m4a", "audio/mp4"), model="whisper-1", prompt="Grüße", temperature=0.2
        ),
        multipart={
            "file": Part("german.m4a", "audio/mp4", AUDIO),
            "model": Part(None, TEXT, b"whisper-1"),
            "prompt": Part(None, TEXT, "Grüße".encode()),
            "temperature": Part(None, TEXT, b"0.2"),
        },
    ),
    Case(
        "listFiles",
        "GET /v1/files",
        ListFilesResponse,
        lambda r: [(f.filename, f.bytes_, f.purpose) for f in r.data],
        [("train.jsonl", 175, "search"), ("puppy.jsonl", 140, "search")],
    ),
    Case(
        "createFile",
        "POST /v1/files",
        OpenAIFile,
        lambda r: (r.id, r.filename, r.purpose),
        (FILE_ID, "mydata.jsonl", "fine-tune"),
        body=lambda: CreateFileRequest(
            file=upload(JSONL, "mydata.jsonl", "application/octet-stream"), purpose="fine-tune"
        ),
        multipart={
            "file": Part("mydata.jsonl", "application/octet-stream", JSONL),
            "purpose": Part(None, TEXT, b"fine-tune"),
        },
    ),
    Case(
        "retrieveFile",
        f"GET /v1/files/{FILE_ID}",
        OpenAIFile,
        lambda r: (r.id, r.bytes_, r.created_at),
        (FILE_ID, 140, 1613779657),
        args=(FILE_ID,),
    ),
    Case(
        "deleteFile",
        f"DELETE /v1/files/{FILE_ID}",
        DeleteFileResponse,
        lambda r: (r.id, r.object_, r.deleted),
        (FILE_ID, "file", True),
        args=(FILE_ID,),
    ),
    Case(
        "downloadFile",
        f"GET /v1/files/{FILE_ID}/content",
        File,
        lambda r: (r.payload.read(), r.file_name, r.mime_type),
        (JSONL + PNG, None, None),
        args=(FILE_ID,),
        answer=lambda: Recorder(content=JSONL + PNG, headers={"content-type": "application/octet-stream"}),
    ),
    Case(
        "createFineTune",
        "POST /v1/fine-tunes",
        FineTune,
        lambda r: (r.id, r.status, r.fine_tuned_model, r.hyperparams.n_epochs, r.events[0].level),
        (FINE_TUNE_ID, "pending", None, 4, "info"),
        body=lambda: CreateFineTuneRequest(
            training_file="file-XGinujblHPwGLSztz8cPS8XY", model="curie", n_epochs=4, validation_file=None
        ),
        json={
            "training_file": "file-XGinujblHPwGLSztz8cPS8XY",
            "model": "curie",
            "n_epochs": 4,
            "validation_file": None,
        },
    ),
    Case(
        "listFineTunes",
        "GET /v1/fine-tunes",
        ListFineTunesResponse,
        lambda r: [(job.status, job.fine_tuned_model, job.events) for job in r.data],
        [("pending", None, UNSET), ("succeeded", "ada:ft-acmeco-2021-03-02-16-01-10", UNSET)],
    ),
    Case(
        "retrieveFineTune",
        f"GET /v1/fine-tunes/{FINE_TUNE_ID}",
        FineTune,
        lambda r: (r.fine_tuned_model, [e.message for e in r.events][-1], r.result_files[0].purpose),
        ("curie:ft-acmeco-2021-03-03-21-44-20", "Job succeeded.", "fine-tune-results"),
        args=(FINE_TUNE_ID,),
    ),
    Case(
        "cancelFineTune",
        "POST /v1/fine-tunes/ft-xhrpBbvVUzYGo8oUO1FY4nI7/cancel",
        FineTune,
        lambda r: (r.id, r.status, r.events[-1].message),
        ("ft-xhrpBbvVUzYGo8oUO1FY4nI7", "cancelled", "Job cancelled."),
        args=("ft-xhrpBbvVUzYGo8oUO1FY4nI7",),
    ),
    # `stream` is sent only when set, as the lowercase JSON spelling the server's bool parser expects.
    *(
        Case(
            "listFineTuneEvents",
            f"GET /v1/fine-tunes/{FINE_TUNE_ID}/events",
            ListFineTuneEventsResponse,
            lambda r: (len(r.data), r.data[1].message, r.data[1].created_at),
            (5, "Job started.", 1614807356),
            args=(FINE_TUNE_ID,),
            params=params,
            query=query,
            label=label,
        )
        for label, params, query in [
            ("stream-unset", {}, {}),
            ("stream-false", {"stream": False}, {"stream": "false"}),
            ("stream-true", {"stream": True}, {"stream": "true"}),
        ]
    ),
    Case(
        "createModeration",
        "POST /v1/moderations",
        CreateModerationResponse,
        lambda r: (
            r.results[0].flagged,
            r.results[0].categories.violence,
            r.results[0].categories.hatethreatening,
            r.results[0].category_scores.violence,
        ),
        (True, True, True, 0.9223177433013916),
        body=lambda: CreateModerationRequest(input_=["I want to kill them.", "Hello"], model="text-moderation-stable"),
        json={"input": ["I want to kill them.", "Hello"], "model": "text-moderation-stable"},
    ),
    Case(
        "listEngines",
        "GET /v1/engines",
        ListEnginesResponse,
        lambda r: [(e.id, e.ready) for e in r.data],
        [("engine-id-0", True), ("engine-id-2", True), ("engine-id-3", False)],
    ),
    Case(
        "retrieveEngine",
        "GET /v1/engines/text-davinci-003",
        Engine,
        lambda r: (r.id, r.owner, r.ready),
        ("text-davinci-003", "openai", True),
        args=("text-davinci-003",),
    ),
]
