from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attr import define as _attrs_define
from attr import field as _attrs_field

from ..types import (
    PARSE_FAILURES,
    UNSET,
    Unset,
    array_items,
    field_error,
    not_an_object,
    wrong_type,
)

if TYPE_CHECKING:
    from ..models.transcription_segment import TranscriptionSegment


T = TypeVar("T", bound="CreateTranscriptionResponse")


@_attrs_define
class CreateTranscriptionResponse:
    """The transcription; `task`, `language`, `duration` and `segments` only with verbose_json.

    Attributes:
        text (str):
        task (Literal['transcribe'] | Unset):
        language (str | Unset): Detected or given language, in English (for example `german`).
        duration (float | Unset): Length of the audio in seconds.
        segments (list[TranscriptionSegment] | Unset):
    """

    text: str
    task: Literal["transcribe"] | Unset = UNSET
    language: str | Unset = UNSET
    duration: float | Unset = UNSET
    segments: list[TranscriptionSegment] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        task = self.task

        language = self.language

        duration = self.duration

        segments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.segments, Unset):
            segments = []
            for segments_item_data in self.segments:
                segments_item = segments_item_data.to_dict()
                segments.append(segments_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "text": text,
            }
        )
        if task is not UNSET:
            field_dict["task"] = task
        if language is not UNSET:
            field_dict["language"] = language
        if duration is not UNSET:
            field_dict["duration"] = duration
        if segments is not UNSET:
            field_dict["segments"] = segments

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not _referenced_models_loaded:
            _load_referenced_models()
        # The annotation is a promise a JSON payload need not keep; a dict is the fast path.
        if not isinstance(src_dict, dict) and not isinstance(cast(object, src_dict), Mapping):
            raise not_an_object(src_dict)
        d = dict(src_dict)
        try:
            text = d.pop("text")
            if not isinstance(text, str):
                raise wrong_type("a string", text)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "text")

        try:
            task = cast("Literal['transcribe'] | Unset", d.pop("task", UNSET))
            if task != "transcribe" and not isinstance(task, Unset):
                raise ValueError(f"task must match const 'transcribe', got '{task}'")

        except PARSE_FAILURES as exc:
            raise field_error(exc, "task")

        try:
            language = d.pop("language", UNSET)
            if not isinstance(language, Unset) and not isinstance(language, str):
                raise wrong_type("a string", language)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "language")

        try:
            duration = d.pop("duration", UNSET)
            if not isinstance(duration, Unset) and not (
                isinstance(duration, int | float) and not isinstance(duration, bool)
            ):
                raise wrong_type("a number", duration)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "duration")

        try:
            _segments = d.pop("segments", UNSET)
            segments: list[TranscriptionSegment] | Unset = UNSET
            if not isinstance(_segments, Unset):
                segments = []
                for segments_item_index, segments_item_data in enumerate(array_items(_segments)):
                    try:
                        segments_item = TranscriptionSegment.from_dict(segments_item_data)

                    except PARSE_FAILURES as exc:
                        raise field_error(exc, segments_item_index)
                    segments.append(segments_item)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "segments")

        _instance = cls(
            text=text,
            task=task,
            language=language,
            duration=duration,
            segments=segments,
        )

        _instance.additional_properties = d
        return _instance

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# The models this one refers to are imported on its first parse, not with it: they may import this module in
# turn, and importing an operation would load every model its answer can reach. An import statement in
# from_dict() itself would run again on every call (a stream parses thousands of chunks), so they are bound
# to this module's globals once.
_referenced_models_loaded = False


def _load_referenced_models() -> None:
    global _referenced_models_loaded, TranscriptionSegment
    from ..models.transcription_segment import TranscriptionSegment  # noqa: PLC0415

    _referenced_models_loaded = True
