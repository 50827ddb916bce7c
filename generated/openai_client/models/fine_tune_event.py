from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attr import define as _attrs_define
from attr import field as _attrs_field

from ..types import (
    PARSE_FAILURES,
    field_error,
    not_an_object,
    wrong_type,
)

T = TypeVar("T", bound="FineTuneEvent")


@_attrs_define
class FineTuneEvent:
    """A status update of a fine-tune job.

    Attributes:
        object_ (Literal['fine-tune-event']):
        created_at (int): Unix time in seconds.
        level (str): Severity, for example `info`, `warn` or `error`.
        message (str):
    """

    object_: Literal["fine-tune-event"]
    created_at: int
    level: str
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        object_ = self.object_

        created_at = self.created_at

        level = self.level

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "object": object_,
                "created_at": created_at,
                "level": level,
                "message": message,
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
            object_ = cast("Literal['fine-tune-event']", d.pop("object"))
            if object_ != "fine-tune-event":
                raise ValueError(f"object must match const 'fine-tune-event', got '{object_}'")

        except PARSE_FAILURES as exc:
            raise field_error(exc, "object")

        try:
            created_at = d.pop("created_at")
            if not (isinstance(created_at, int) and not isinstance(created_at, bool)):
                raise wrong_type("an integer", created_at)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "created_at")

        try:
            level = d.pop("level")
            if not isinstance(level, str):
                raise wrong_type("a string", level)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "level")

        try:
            message = d.pop("message")
            if not isinstance(message, str):
                raise wrong_type("a string", message)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "message")

        _instance = cls(
            object_=object_,
            created_at=created_at,
            level=level,
            message=message,
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

    @property
    def object(self) -> Literal["fine-tune-event"]:
        """`object_` under the field's own name, as the official SDK reads it."""
        return self.object_
