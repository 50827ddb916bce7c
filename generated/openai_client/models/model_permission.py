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

T = TypeVar("T", bound="ModelPermission")


@_attrs_define
class ModelPermission:
    """What the organization may do with a model.

    Attributes:
        id (str):
        object_ (Literal['model_permission']):
        created (int): Unix time in seconds.
        allow_create_engine (bool):
        allow_sampling (bool):
        allow_logprobs (bool):
        allow_search_indices (bool):
        allow_view (bool):
        allow_fine_tuning (bool):
        organization (str): Organization the permission applies to; `*` for all.
        group (None | str):
        is_blocking (bool):
    """

    id: str
    object_: Literal["model_permission"]
    created: int
    allow_create_engine: bool
    allow_sampling: bool
    allow_logprobs: bool
    allow_search_indices: bool
    allow_view: bool
    allow_fine_tuning: bool
    organization: str
    group: None | str
    is_blocking: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        created = self.created

        allow_create_engine = self.allow_create_engine

        allow_sampling = self.allow_sampling

        allow_logprobs = self.allow_logprobs

        allow_search_indices = self.allow_search_indices

        allow_view = self.allow_view

        allow_fine_tuning = self.allow_fine_tuning

        organization = self.organization

        group: None | str
        group = self.group

        is_blocking = self.is_blocking

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "created": created,
                "allow_create_engine": allow_create_engine,
                "allow_sampling": allow_sampling,
                "allow_logprobs": allow_logprobs,
                "allow_search_indices": allow_search_indices,
                "allow_view": allow_view,
                "allow_fine_tuning": allow_fine_tuning,
                "organization": organization,
                "group": group,
                "is_blocking": is_blocking,
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
            id = d.pop("id")
            if not isinstance(id, str):
                raise wrong_type("a string", id)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "id")

        try:
            object_ = cast("Literal['model_permission']", d.pop("object"))
            if object_ != "model_permission":
                raise ValueError(f"object must match const 'model_permission', got '{object_}'")

        except PARSE_FAILURES as exc:
            raise field_error(exc, "object")

        try:
            created = d.pop("created")
            if not (isinstance(created, int) and not isinstance(created, bool)):
                raise wrong_type("an integer", created)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "created")

        try:
            allow_create_engine = d.pop("allow_create_engine")
            if not isinstance(allow_create_engine, bool):
                raise wrong_type("a boolean", allow_create_engine)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "allow_create_engine")

        try:
            allow_sampling = d.pop("allow_sampling")
            if not isinstance(allow_sampling, bool):
                raise wrong_type("a boolean", allow_sampling)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "allow_sampling")

        try:
            allow_logprobs = d.pop("allow_logprobs")
            if not isinstance(allow_logprobs, bool):
                raise wrong_type("a boolean", allow_logprobs)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "allow_logprobs")

        try:
            allow_search_indices = d.pop("allow_search_indices")
            if not isinstance(allow_search_indices, bool):
                raise wrong_type("a boolean", allow_search_indices)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "allow_search_indices")

        try:
            allow_view = d.pop("allow_view")
            if not isinstance(allow_view, bool):
                raise wrong_type("a boolean", allow_view)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "allow_view")

        try:
            allow_fine_tuning = d.pop("allow_fine_tuning")
            if not isinstance(allow_fine_tuning, bool):
                raise wrong_type("a boolean", allow_fine_tuning)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "allow_fine_tuning")

        try:
            organization = d.pop("organization")
            if not isinstance(organization, str):
                raise wrong_type("a string", organization)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "organization")

        try:

            def _parse_group(data: object) -> None | str:
                if data is None:
                    return data
                if isinstance(data, str):
                    return data
                raise wrong_type("a string or null", data)

            group = _parse_group(d.pop("group"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "group")

        try:
            is_blocking = d.pop("is_blocking")
            if not isinstance(is_blocking, bool):
                raise wrong_type("a boolean", is_blocking)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "is_blocking")

        _instance = cls(
            id=id,
            object_=object_,
            created=created,
            allow_create_engine=allow_create_engine,
            allow_sampling=allow_sampling,
            allow_logprobs=allow_logprobs,
            allow_search_indices=allow_search_indices,
            allow_view=allow_view,
            allow_fine_tuning=allow_fine_tuning,
            organization=organization,
            group=group,
            is_blocking=is_blocking,
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
    def object(self) -> Literal["model_permission"]:
        """`object_` under the field's own name, as the official SDK reads it."""
        return self.object_
