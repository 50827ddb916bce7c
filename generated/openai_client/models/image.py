from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attr import define as _attrs_define
from attr import field as _attrs_field

from ..types import (
    PARSE_FAILURES,
    UNSET,
    Unset,
    field_error,
    not_an_object,
    wrong_type,
)

T = TypeVar("T", bound="Image")


@_attrs_define
class Image:
    """One generated image, as a URL or as base64 PNG data depending on response_format.

    Attributes:
        url (str | Unset):
        b64_json (str | Unset):
    """

    url: str | Unset = UNSET
    b64_json: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        b64_json = self.b64_json

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if url is not UNSET:
            field_dict["url"] = url
        if b64_json is not UNSET:
            field_dict["b64_json"] = b64_json

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # The annotation is a promise a JSON payload need not keep; a dict is the fast path.
        if not isinstance(src_dict, dict) and not isinstance(cast(object, src_dict), Mapping):
            raise not_an_object(src_dict)
        d = dict(src_dict)
        try:
            url = d.pop("url", UNSET)
            if not isinstance(url, Unset) and not isinstance(url, str):
                raise wrong_type("a string", url)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "url")

        try:
            b64_json = d.pop("b64_json", UNSET)
            if not isinstance(b64_json, Unset) and not isinstance(b64_json, str):
                raise wrong_type("a string", b64_json)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "b64_json")

        _instance = cls(
            url=url,
            b64_json=b64_json,
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
