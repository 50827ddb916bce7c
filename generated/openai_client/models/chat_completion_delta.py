from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attr import define as _attrs_define
from attr import field as _attrs_field

from ..models.chat_completion_role import ChatCompletionRole, check_chat_completion_role
from ..types import (
    PARSE_FAILURES,
    UNSET,
    Unset,
    field_error,
    not_an_object,
    wrong_type,
)

T = TypeVar("T", bound="ChatCompletionDelta")


@_attrs_define
class ChatCompletionDelta:
    """The part of the message added by one chunk; the first chunk carries the role.

    Attributes:
        role (ChatCompletionRole | Unset): Who wrote a message.
        content (None | str | Unset): The text this chunk adds; absent or null when it adds none.
    """

    role: ChatCompletionRole | Unset = UNSET
    content: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role

        content: None | str | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        else:
            content = self.content

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if role is not UNSET:
            field_dict["role"] = role
        if content is not UNSET:
            field_dict["content"] = content

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # The annotation is a promise a JSON payload need not keep; a dict is the fast path.
        if not isinstance(src_dict, dict) and not isinstance(cast(object, src_dict), Mapping):
            raise not_an_object(src_dict)
        d = dict(src_dict)
        try:
            _role = d.pop("role", UNSET)
            role: ChatCompletionRole | Unset
            if isinstance(_role, Unset):
                role = UNSET
            else:
                role = check_chat_completion_role(_role)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "role")

        try:

            def _parse_content(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, str):
                    return data
                raise wrong_type("a string or null", data)

            content = _parse_content(d.pop("content", UNSET))

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
