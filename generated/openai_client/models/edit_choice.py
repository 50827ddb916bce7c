from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attr import define as _attrs_define
from attr import field as _attrs_field

from ..models.finish_reason import FinishReason, check_finish_reason
from ..types import (
    PARSE_FAILURES,
    field_error,
    not_an_object,
    wrong_type,
)

T = TypeVar("T", bound="EditChoice")


@_attrs_define
class EditChoice:
    """
    Attributes:
        text (str):
        index (int):
        finish_reason (FinishReason): `stop`: a stop sequence or the natural end; `length`: max_tokens or the context
            was reached;
            `content_filter`: content was left out because the content filters flagged it.
    """

    text: str
    index: int
    finish_reason: FinishReason
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        index = self.index

        finish_reason: str = self.finish_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "text": text,
                "index": index,
                "finish_reason": finish_reason,
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
            text = d.pop("text")
            if not isinstance(text, str):
                raise wrong_type("a string", text)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "text")

        try:
            index = d.pop("index")
            if not (isinstance(index, int) and not isinstance(index, bool)):
                raise wrong_type("an integer", index)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "index")

        try:
            finish_reason = check_finish_reason(d.pop("finish_reason"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "finish_reason")

        _instance = cls(
            text=text,
            index=index,
            finish_reason=finish_reason,
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
