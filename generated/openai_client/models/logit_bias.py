from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attr import define as _attrs_define
from attr import field as _attrs_field

from ..types import (
    not_an_object,
)

T = TypeVar("T", bound="LogitBias")


@_attrs_define
class LogitBias:
    """Map of token id (as a decimal string) to a bias from -100 to 100 added to its logit before sampling.
    Ids run from 0 to 100276 (cl100k_base, the largest vocabulary); each must be an id of the model's own
    vocabulary (50257 ids for the GPT-3 models, 50281 for text-davinci-002/003, 100277 for the chat models).

    """

    additional_properties: dict[str, int] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # The annotation is a promise a JSON payload need not keep; a dict is the fast path.
        if not isinstance(src_dict, dict) and not isinstance(cast(object, src_dict), Mapping):
            raise not_an_object(src_dict)
        d = dict(src_dict)
        _instance = cls()

        _instance.additional_properties = d
        return _instance

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> int:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: int) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
