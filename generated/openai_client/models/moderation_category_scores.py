from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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
        d = dict(src_dict)
        hate = d.pop("hate")

        hatethreatening = d.pop("hate/threatening")

        self_harm = d.pop("self-harm")

        sexual = d.pop("sexual")

        sexualminors = d.pop("sexual/minors")

        violence = d.pop("violence")

        violencegraphic = d.pop("violence/graphic")

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
