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

T = TypeVar("T", bound="EmbeddingUsage")


@_attrs_define
class EmbeddingUsage:
    """
    Attributes:
        prompt_tokens (int):
        total_tokens (int):
    """

    prompt_tokens: int
    total_tokens: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt_tokens = self.prompt_tokens

        total_tokens = self.total_tokens

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt_tokens": prompt_tokens,
                "total_tokens": total_tokens,
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
            prompt_tokens = d.pop("prompt_tokens")
            if not (isinstance(prompt_tokens, int) and not isinstance(prompt_tokens, bool)):
                raise wrong_type("an integer", prompt_tokens)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "prompt_tokens")

        try:
            total_tokens = d.pop("total_tokens")
            if not (isinstance(total_tokens, int) and not isinstance(total_tokens, bool)):
                raise wrong_type("an integer", total_tokens)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "total_tokens")

        _instance = cls(
            prompt_tokens=prompt_tokens,
            total_tokens=total_tokens,
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
