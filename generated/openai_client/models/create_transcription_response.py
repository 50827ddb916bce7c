from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

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
        from ..models.transcription_segment import TranscriptionSegment  # noqa: PLC0415

        d = dict(src_dict)
        text = d.pop("text")

        task = cast(Literal["transcribe"] | Unset, d.pop("task", UNSET))
        if task != "transcribe" and not isinstance(task, Unset):
            raise ValueError(f"task must match const 'transcribe', got '{task}'")

        language = d.pop("language", UNSET)

        duration = d.pop("duration", UNSET)

        _segments = d.pop("segments", UNSET)
        segments: list[TranscriptionSegment] | Unset = UNSET
        if _segments is not UNSET:
            segments = []
            for segments_item_data in _segments:
                segments_item = TranscriptionSegment.from_dict(segments_item_data)

                segments.append(segments_item)

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
