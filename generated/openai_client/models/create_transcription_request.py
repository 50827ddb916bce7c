from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define

from .. import types
from ..models.audio_language import AudioLanguage, check_audio_language
from ..models.audio_response_format import AudioResponseFormat, check_audio_response_format
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="CreateTranscriptionRequest")


@_attrs_define
class CreateTranscriptionRequest:
    """
    Attributes:
        file (File): The audio: mp3, mp4, mpeg, mpga, m4a, wav or webm.
        model (str): ID of the model to use; only `whisper-1` exists.
        prompt (str | Unset): Optional text to guide the style or continue a previous segment; in the audio's language.
        response_format (AudioResponseFormat | Unset): `json` and `verbose_json` answer JSON; `text`, `srt` and `vtt`
            answer text/plain.
        temperature (float | Unset): Sampling temperature; 0 lets the model raise it automatically until thresholds are
            met. Default: 0.0.
        language (AudioLanguage | Unset): Language of the audio as an ISO-639-1 code; improves accuracy and latency.
    """

    file: File
    model: str
    prompt: str | Unset = UNSET
    response_format: AudioResponseFormat | Unset = UNSET
    temperature: float | Unset = UNSET
    language: AudioLanguage | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        model = self.model

        prompt = self.prompt

        response_format: str | Unset = UNSET
        if not isinstance(self.response_format, Unset):
            response_format = self.response_format

        temperature = self.temperature

        language: str | Unset = UNSET
        if not isinstance(self.language, Unset):
            language = self.language

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "file": file,
                "model": model,
            }
        )
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if response_format is not UNSET:
            field_dict["response_format"] = response_format
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if language is not UNSET:
            field_dict["language"] = language

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        files.append(("model", (None, str(self.model).encode(), "text/plain")))

        if not isinstance(self.prompt, Unset):
            files.append(("prompt", (None, str(self.prompt).encode(), "text/plain")))

        if not isinstance(self.response_format, Unset):
            files.append(("response_format", (None, str(self.response_format).encode(), "text/plain")))

        if not isinstance(self.temperature, Unset):
            files.append(("temperature", (None, str(self.temperature).encode(), "text/plain")))

        if not isinstance(self.language, Unset):
            files.append(("language", (None, str(self.language).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        model = d.pop("model")

        prompt = d.pop("prompt", UNSET)

        _response_format = d.pop("response_format", UNSET)
        response_format: AudioResponseFormat | Unset
        if isinstance(_response_format, Unset):
            response_format = UNSET
        else:
            response_format = check_audio_response_format(_response_format)

        temperature = d.pop("temperature", UNSET)

        _language = d.pop("language", UNSET)
        language: AudioLanguage | Unset
        if isinstance(_language, Unset):
            language = UNSET
        else:
            language = check_audio_language(_language)

        _instance = cls(
            file=file,
            model=model,
            prompt=prompt,
            response_format=response_format,
            temperature=temperature,
            language=language,
        )

        return _instance
