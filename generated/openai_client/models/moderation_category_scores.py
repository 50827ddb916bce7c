from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attr import define as _attrs_define
from attr import field as _attrs_field

from ..types import (
    PARSE_FAILURES,
    field_error,
    not_an_object,
    wrong_type,
)

T = TypeVar("T", bound="ModerationCategoryScores")


@_attrs_define
class ModerationCategoryScores:
    """The model's confidence, from 0 to 1, for each category.

    Attributes:
        hate (float):
        hatethreatening (float):
        self_harm (float):
        sexual (float):
        sexualminors (float):
        violence (float):
        violencegraphic (float):
    """

    hate: float
    hatethreatening: float
    self_harm: float
    sexual: float
    sexualminors: float
    violence: float
    violencegraphic: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        hate = self.hate

        hatethreatening = self.hatethreatening

        self_harm = self.self_harm

        sexual = self.sexual

        sexualminors = self.sexualminors

        violence = self.violence

        violencegraphic = self.violencegraphic

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "hate": hate,
                "hate/threatening": hatethreatening,
                "self-harm": self_harm,
                "sexual": sexual,
                "sexual/minors": sexualminors,
                "violence": violence,
                "violence/graphic": violencegraphic,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # The annotation is a promise a JSON payload need not keep; a dict is the fast path.
        if not isinstance(src_dict, dict) and not isinstance(cast(object, src_dict), Mapping):
            raise not_an_object(src_dict)
        d = dict(src_dict)
        try:
            hate = d.pop("hate")
            if not (isinstance(hate, int | float) and not isinstance(hate, bool)):
                raise wrong_type("a number", hate)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "hate")

        try:
            hatethreatening = d.pop("hate/threatening")
            if not (isinstance(hatethreatening, int | float) and not isinstance(hatethreatening, bool)):
                raise wrong_type("a number", hatethreatening)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "hate/threatening")

        try:
            self_harm = d.pop("self-harm")
            if not (isinstance(self_harm, int | float) and not isinstance(self_harm, bool)):
                raise wrong_type("a number", self_harm)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "self-harm")

        try:
            sexual = d.pop("sexual")
            if not (isinstance(sexual, int | float) and not isinstance(sexual, bool)):
                raise wrong_type("a number", sexual)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "sexual")

        try:
            sexualminors = d.pop("sexual/minors")
            if not (isinstance(sexualminors, int | float) and not isinstance(sexualminors, bool)):
                raise wrong_type("a number", sexualminors)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "sexual/minors")

        try:
            violence = d.pop("violence")
            if not (isinstance(violence, int | float) and not isinstance(violence, bool)):
                raise wrong_type("a number", violence)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "violence")

        try:
            violencegraphic = d.pop("violence/graphic")
            if not (isinstance(violencegraphic, int | float) and not isinstance(violencegraphic, bool)):
                raise wrong_type("a number", violencegraphic)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "violence/graphic")

        _instance = cls(
            hate=hate,
            hatethreatening=hatethreatening,
            self_harm=self_harm,
            sexual=sexual,
            sexualminors=sexualminors,
            violence=violence,
            violencegraphic=violencegraphic,
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
