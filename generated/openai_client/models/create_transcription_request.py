from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar, cast

from attr import define as _attrs_define

from .. import types
from ..models.audio_language import AudioLanguage, check_audio_language
from ..models.audio_response_format import AudioResponseFormat, check_audio_response_format
from ..types import (
    PARSE_FAILURES,
    UNSET,
    File,
    ParseError,
    Unset,
    field_error,
    not_an_object,
    strict_enums,
    wrong_type,
)

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
        """Refuses (types.ParseError) keys the schema does not list and enum values the spec does not list."""
        with strict_enums():
            return cls._from_closed_dict(src_dict)

    @classmethod
    def _from_closed_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # The annotation is a promise a JSON payload need not keep; a dict is the fast path.
        if not isinstance(src_dict, dict) and not isinstance(cast(object, src_dict), Mapping):
            raise not_an_object(src_dict)
        d = dict(src_dict)
        try:
            file = File(payload=BytesIO(d.pop("file")))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "file")

        try:
            model = d.pop("model")
            if not isinstance(model, str):
                raise wrong_type("a string", model)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "model")

        try:
            prompt = d.pop("prompt", UNSET)
            if not isinstance(prompt, Unset) and not isinstance(prompt, str):
                raise wrong_type("a string", prompt)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "prompt")

        try:
            _response_format = d.pop("response_format", UNSET)
            response_format: AudioResponseFormat | Unset
            if isinstance(_response_format, Unset):
                response_format = UNSET
            else:
                response_format = check_audio_response_format(_response_format)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "response_format")

        try:
            temperature = d.pop("temperature", UNSET)
            if not isinstance(temperature, Unset) and not (
                isinstance(temperature, int | float) and not isinstance(temperature, bool)
            ):
                raise wrong_type("a number", temperature)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "temperature")

        try:
            _language = d.pop("language", UNSET)
            language: AudioLanguage | Unset
            if isinstance(_language, Unset):
                language = UNSET
            else:
                language = check_audio_language(_language)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "language")

        if d:
            raise ParseError("unknown field", [next(iter(d))])
        _instance = cls(
            file=file,
            model=model,
            prompt=prompt,
            response_format=response_format,
            temperature=temperature,
            language=language,
        )

        return _instance
