from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attr import define as _attrs_define

from ..models.chat_completion_role import ChatCompletionRole, check_chat_completion_role
from ..types import (
    PARSE_FAILURES,
    UNSET,
    ParseError,
    Unset,
    field_error,
    not_an_object,
    strict_enums,
    wrong_type,
)

T = TypeVar("T", bound="ChatCompletionRequestMessage")


@_attrs_define
class ChatCompletionRequestMessage:
    """
    Attributes:
        role (ChatCompletionRole): Who wrote a message.
        content (str): The text of the message.
        name (str | Unset): Name of the author; letters, digits and underscores, at most 64.
    """

    role: ChatCompletionRole
    content: str
    name: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        role: str = self.role

        content = self.content

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "role": role,
                "content": content,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Refuses (types.ParseError) keys the schema does not list and enum values the spec does not list."""
        with strict_enums():
            return cls._from_closed_dict(src_dict)

    @classmethod
    def _from_closed_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # The annotation is a promise a JSON payload need not keep; a dict is the fast path.
        if not isinstance(src_dict, dict) and not isinstance(cast(object, src_dict), Mapping):
            raise not_an_object(src_dict)
        d = dict(src_dict)
        try:
            role = check_chat_completion_role(d.pop("role"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "role")

        try:
            content = d.pop("content")
            if not isinstance(content, str):
                raise wrong_type("a string", content)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "content")

        try:
            name = d.pop("name", UNSET)
            if not isinstance(name, Unset) and not isinstance(name, str):
                raise wrong_type("a string", name)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "name")

        if d:
            raise ParseError("unknown field", [next(iter(d))])
        _instance = cls(
            role=role,
            content=content,
            name=name,
        )

        return _instance
