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

T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """What went wrong.

    Attributes:
        message (str): Human-readable explanation.
        type_ (str): Error class, for example `invalid_request_error` or `server_error`.
        param (None | str): The request parameter at fault, if any.
        code (None | str): Machine-readable error code, if any.
    """

    message: str
    type_: str
    param: None | str
    code: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        type_ = self.type_

        param: None | str
        param = self.param

        code: None | str
        code = self.code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "type": type_,
                "param": param,
                "code": code,
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
            message = d.pop("message")
            if not isinstance(message, str):
                raise wrong_type("a string", message)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "message")

        try:
            type_ = d.pop("type")
            if not isinstance(type_, str):
                raise wrong_type("a string", type_)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "type")

        try:

            def _parse_param(data: object) -> None | str:
                if data is None:
                    return data
                if isinstance(data, str):
                    return data
                raise wrong_type("a string or null", data)

            param = _parse_param(d.pop("param"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "param")

        try:

            def _parse_code(data: object) -> None | str:
                if data is None:
                    return data
                if isinstance(data, str):
                    return data
                raise wrong_type("a string or null", data)

            code = _parse_code(d.pop("code"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "code")

        _instance = cls(
            message=message,
            type_=type_,
            param=param,
            code=code,
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
