"""Speech to text: transcription and translation uploads, streamed from disk like every upload.

    text = create_transcription(client, "talk.mp3", response_format="text")   # -> str
    result = create_translation(client, audio_bytes, filename="talk.m4a")    # -> CreateTranslationResponse

The server picks the audio format from the filename's extension, so pass `filename` with bytes.
json and verbose_json answers come back as the generated model; text, srt and vtt as `str`.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

from ._files import FileInput, open_upload
from ._generated_bridge import transcription_request, translation_request
from ._requests import AnyClient, asend, choice_option, given, json_or_text, send
from .models import (
    AudioLanguage,
    AudioResponseFormat,
    CreateTranscriptionRequest,
    CreateTranscriptionResponse,
    CreateTranslationRequest,
    CreateTranslationResponse,
)

__all__ = ["acreate_transcription", "acreate_translation", "create_transcription", "create_translation"]


@dataclass(frozen=True)
class _AudioOptions:
    prompt: str | None = None
    response_format: AudioResponseFormat | None = None
    temperature: float | None = None
    language: str | None = None
    filename: str | None = None
    content_type: str | None = None


def _form(stack: ExitStack, file: FileInput, model: str, translate: bool, o: _AudioOptions) -> dict[str, Any]:
    upload = open_upload(stack, file, field="file", filename=o.filename, content_type=o.content_type)
    options = given(
        prompt=o.prompt,
        response_format=choice_option(AudioResponseFormat, o.response_format, "response_format"),
        temperature=o.temperature,
    )
    if translate:
        return translation_request(CreateTranslationRequest(file=upload, model=model, **options))
    options.update(given(language=choice_option(AudioLanguage, o.language, "language")))
    return transcription_request(CreateTranscriptionRequest(file=upload, model=model, **options))


def create_transcription(
    client: AnyClient,
    file: FileInput,
    model: str = "whisper-1",
    *,
    prompt: str | None = None,
    response_format: AudioResponseFormat | None = None,
    temperature: float | None = None,
    language: str | None = None,
    filename: str | None = None,
    content_type: str | None = None,
) -> CreateTranscriptionResponse | str:
    """POST /audio/transcriptions: the text of the audio, in its own language (`language` hints it)."""
    o = _AudioOptions(prompt, response_format, temperature, language, filename, content_type)
    with ExitStack() as stack:
        return send(client, _form(stack, file, model, False, o), json_or_text(CreateTranscriptionResponse.from_dict))


async def acreate_transcription(
    client: AnyClient,
    file: FileInput,
    model: str = "whisper-1",
    *,
    prompt: str | None = None,
    response_format: AudioResponseFormat | None = None,
    temperature: float | None = None,
    language: str | None = None,
    filename: str | None = None,
    content_type: str | None = None,
) -> CreateTranscriptionResponse | str:
    o = _AudioOptions(prompt, response_format, temperature, language, filename, content_type)
    with ExitStack() as stack:
        kwargs = _form(stack, file, model, False, o)
        return await asend(client, kwargs, json_or_text(CreateTranscriptionResponse.from_dict))


def create_translation(
    client: AnyClient,
    file: FileInput,
    model: str = "whisper-1",
    *,
    prompt: str | None = None,
    response_format: AudioResponseFormat | None = None,
    temperature: float | None = None,
    filename: str | None = None,
    content_type: str | None = None,
) -> CreateTranslationResponse | str:
    """POST /audio/translations: the audio's speech, translated into English."""
    o = _AudioOptions(prompt, response_format, temperature, None, filename, content_type)
    with ExitStack() as stack:
        return send(client, _form(stack, file, model, True, o), json_or_text(CreateTranslationResponse.from_dict))


async def acreate_translation(
    client: AnyClient,
    file: FileInput,
    model: str = "whisper-1",
    *,
    prompt: str | None = None,
    response_format: AudioResponseFormat | None = None,
    temperature: float | None = None,
    filename: str | None = None,
    content_type: str | None = None,
) -> CreateTranslationResponse | str:
    o = _AudioOptions(prompt, response_format, temperature, None, filename, content_type)
    with ExitStack() as stack:
        kwargs = _form(stack, file, model, True, o)
        return await asend(client, kwargs, json_or_text(CreateTranslationResponse.from_dict))
