from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attr import define as _attrs_define
from attr import field as _attrs_field

from ..models.stream_done import StreamDone, check_stream_done
from ..types import (
    PARSE_FAILURES,
    UNSET,
    Unset,
    field_error,
    not_an_object,
    wrong_type,
)

T = TypeVar("T", bound="CompletionStreamEvent")


@_attrs_define
class CompletionStreamEvent:
    """A server-sent event of createCompletion; `data` is a JSON CompletionChunk or `[DONE]`.

    Attributes:
        data (str | StreamDone):
        event (str | Unset):
        id (str | Unset):
        retry (int | Unset):
    """

    data: str | StreamDone
    event: str | Unset = UNSET
    id: str | Unset = UNSET
    retry: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: str
        if isinstance(self.data, str):
            data = self.data
        else:
            data = self.data

        event = self.event

        id = self.id

        retry = self.retry

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )
        if event is not UNSET:
            field_dict["event"] = event
        if id is not UNSET:
            field_dict["id"] = id
        if retry is not UNSET:
            field_dict["retry"] = retry

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # The annotation is a promise a JSON payload need not keep; a dict is the fast path.
        if not isinstance(src_dict, dict) and not isinstance(cast(object, src_dict), Mapping):
            raise not_an_object(src_dict)
        d = dict(src_dict)
        try:

            def _parse_data(data: object) -> str | StreamDone:
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    data_type_0 = check_stream_done(cast(Any, data))

                    return data_type_0
                except PARSE_FAILURES:
                    pass
                if isinstance(data, str):
                    return data
                raise wrong_type("a string or a string", data)

            data = _parse_data(d.pop("data"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "data")

        try:
            event = d.pop("event", UNSET)
            if not isinstance(event, Unset) and not isinstance(event, str):
                raise wrong_type("a string", event)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "event")

        try:
            id = d.pop("id", UNSET)
            if not isinstance(id, Unset) and not isinstance(id, str):
                raise wrong_type("a string", id)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "id")

        try:
            retry = d.pop("retry", UNSET)
            if not isinstance(retry, Unset) and not (isinstance(retry, int) and not isinstance(retry, bool)):
                raise wrong_type("an integer", retry)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "retry")

        _instance = cls(
            data=data,
            event=event,
            id=id,
            retry=retry,
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
