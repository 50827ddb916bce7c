from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attr import define as _attrs_define
from attr import field as _attrs_field

from ..models.chat_completion_role import ChatCompletionRole, check_chat_completion_role
from ..types import (
    PARSE_FAILURES,
    field_error,
    not_an_object,
    wrong_type,
)

T = TypeVar("T", bound="ChatCompletionResponseMessage")


@_attrs_define
class ChatCompletionResponseMessage:
    """
    Attributes:
        role (ChatCompletionRole): Who wrote a message.
        content (None | str): The text of the reply; null when the reply has no text.
    """

    role: ChatCompletionRole
    content: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        role: str = self.role

        content: None | str
        content = self.content

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "role": role,
                "content": content,
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
            role = check_chat_completion_role(d.pop("role"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "role")

        try:

            def _parse_content(data: object) -> None | str:
                if data is None:
                    return data
                if isinstance(data, str):
                    return data
                raise wrong_type("a string or null", data)

            content = _parse_content(d.pop("content"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "content")

        _instance = cls(
            role=role,
            content=content,
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
