from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

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

T = TypeVar("T", bound="OpenAIFile")


@_attrs_define
class OpenAIFile:
    """An uploaded file.

    Attributes:
        id (str):
        object_ (Literal['file']):
        bytes_ (int): Size in bytes.
        created_at (int): Unix time in seconds.
        filename (str):
        purpose (str): What the file is for, for example `fine-tune`, `fine-tune-results` or `search`.
        status (str | Unset): Processing state, for example `uploaded`, `processed` or `error`; `deleted` for a file a
            fine-tune names that was deleted since (the job keeps listing it as it was).
        status_details (None | str | Unset): Why processing failed, when it did.
    """

    id: str
    object_: Literal["file"]
    bytes_: int
    created_at: int
    filename: str
    purpose: str
    status: str | Unset = UNSET
    status_details: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        bytes_ = self.bytes_

        created_at = self.created_at

        filename = self.filename

        purpose = self.purpose

        status = self.status

        status_details: None | str | Unset
        if isinstance(self.status_details, Unset):
            status_details = UNSET
        else:
            status_details = self.status_details

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "bytes": bytes_,
                "created_at": created_at,
                "filename": filename,
                "purpose": purpose,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status
        if status_details is not UNSET:
            field_dict["status_details"] = status_details

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # The annotation is a promise a JSON payload need not keep; a dict is the fast path.
        if not isinstance(src_dict, dict) and not isinstance(cast(object, src_dict), Mapping):
            raise not_an_object(src_dict)
        d = dict(src_dict)
        try:
            id = d.pop("id")
            if not isinstance(id, str):
                raise wrong_type("a string", id)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "id")

        try:
            object_ = cast("Literal['file']", d.pop("object"))
            if object_ != "file":
                raise ValueError(f"object must match const 'file', got '{object_}'")

        except PARSE_FAILURES as exc:
            raise field_error(exc, "object")

        try:
            bytes_ = d.pop("bytes")
            if not (isinstance(bytes_, int) and not isinstance(bytes_, bool)):
                raise wrong_type("an integer", bytes_)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "bytes")

        try:
            created_at = d.pop("created_at")
            if not (isinstance(created_at, int) and not isinstance(created_at, bool)):
                raise wrong_type("an integer", created_at)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "created_at")

        try:
            filename = d.pop("filename")
            if not isinstance(filename, str):
                raise wrong_type("a string", filename)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "filename")

        try:
            purpose = d.pop("purpose")
            if not isinstance(purpose, str):
                raise wrong_type("a string", purpose)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "purpose")

        try:
            status = d.pop("status", UNSET)
            if not isinstance(status, Unset) and not isinstance(status, str):
                raise wrong_type("a string", status)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "status")

        try:

            def _parse_status_details(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, str):
                    return data
                raise wrong_type("a string or null", data)

            status_details = _parse_status_details(d.pop("status_details", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "status_details")

        _instance = cls(
            id=id,
            object_=object_,
            bytes_=bytes_,
            created_at=created_at,
            filename=filename,
            purpose=purpose,
            status=status,
            status_details=status_details,
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
    def object(self) -> Literal["file"]:
        """`object_` under the field's own name, as the official SDK reads it."""
        return self.object_

    @property
    def bytes(self) -> int:
        """`bytes_` under the field's own name, as the official SDK reads it."""
        return self.bytes_
