from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

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

T = TypeVar("T", bound="TranscriptionSegment")


@_attrs_define
class TranscriptionSegment:
    """One segment of a verbose_json transcription or translation.

    Attributes:
        id (int):
        seek (int):
        start (float): Start time in seconds.
        end (float): End time in seconds.
        text (str):
        tokens (list[int]):
        temperature (float):
        avg_logprob (float):
        compression_ratio (float):
        no_speech_prob (float):
        transient (bool | Unset):
    """

    id: int
    seek: int
    start: float
    end: float
    text: str
    tokens: list[int]
    temperature: float
    avg_logprob: float
    compression_ratio: float
    no_speech_prob: float
    transient: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        seek = self.seek

        start = self.start

        end = self.end

        text = self.text

        tokens = self.tokens

        temperature = self.temperature

        avg_logprob = self.avg_logprob

        compression_ratio = self.compression_ratio

        no_speech_prob = self.no_speech_prob

        transient = self.transient

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "seek": seek,
                "start": start,
                "end": end,
                "text": text,
                "tokens": tokens,
                "temperature": temperature,
                "avg_logprob": avg_logprob,
                "compression_ratio": compression_ratio,
                "no_speech_prob": no_speech_prob,
            }
        )
        if transient is not UNSET:
            field_dict["transient"] = transient

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # The annotation is a promise a JSON payload need not keep; a dict is the fast path.
        if not isinstance(src_dict, dict) and not isinstance(cast(object, src_dict), Mapping):
            raise not_an_object(src_dict)
        d = dict(src_dict)
        try:
            id = d.pop("id")
            if not (isinstance(id, int) and not isinstance(id, bool)):
                raise wrong_type("an integer", id)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "id")

        try:
            seek = d.pop("seek")
            if not (isinstance(seek, int) and not isinstance(seek, bool)):
                raise wrong_type("an integer", seek)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "seek")

        try:
            start = d.pop("start")
            if not (isinstance(start, int | float) and not isinstance(start, bool)):
                raise wrong_type("a number", start)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "start")

        try:
            end = d.pop("end")
            if not (isinstance(end, int | float) and not isinstance(end, bool)):
                raise wrong_type("a number", end)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "end")

        try:
            text = d.pop("text")
            if not isinstance(text, str):
                raise wrong_type("a string", text)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "text")

        try:
            tokens = cast(list[int], array_items(d.pop("tokens")))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "tokens")

        try:
            temperature = d.pop("temperature")
            if not (isinstance(temperature, int | float) and not isinstance(temperature, bool)):
                raise wrong_type("a number", temperature)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "temperature")

        try:
            avg_logprob = d.pop("avg_logprob")
            if not (isinstance(avg_logprob, int | float) and not isinstance(avg_logprob, bool)):
                raise wrong_type("a number", avg_logprob)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "avg_logprob")

        try:
            compression_ratio = d.pop("compression_ratio")
            if not (isinstance(compression_ratio, int | float) and not isinstance(compression_ratio, bool)):
                raise wrong_type("a number", compression_ratio)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "compression_ratio")

        try:
            no_speech_prob = d.pop("no_speech_prob")
            if not (isinstance(no_speech_prob, int | float) and not isinstance(no_speech_prob, bool)):
                raise wrong_type("a number", no_speech_prob)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "no_speech_prob")

        try:
            transient = d.pop("transient", UNSET)
            if not isinstance(transient, Unset) and not isinstance(transient, bool):
                raise wrong_type("a boolean", transient)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "transient")

        _instance = cls(
            id=id,
            seek=seek,
            start=start,
            end=end,
            text=text,
            tokens=tokens,
            temperature=temperature,
            avg_logprob=avg_logprob,
            compression_ratio=compression_ratio,
            no_speech_prob=no_speech_prob,
            transient=transient,
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
