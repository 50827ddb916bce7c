from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attr import define as _attrs_define
from attr import field as _attrs_field

from ..types import (
    PARSE_FAILURES,
    field_error,
    not_an_object,
)

if TYPE_CHECKING:
    from ..models.error import Error


T = TypeVar("T", bound="ErrorResponse")


@_attrs_define
class ErrorResponse:
    """Body of every non-2xx answer.

    Attributes:
        error (Error): What went wrong.
    """

    error: Error
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not _referenced_models_loaded:
            _load_referenced_models()
        # The annotation is a promise a JSON payload need not keep; a dict is the fast path.
        if not isinstance(src_dict, dict) and not isinstance(cast(object, src_dict), Mapping):
            raise not_an_object(src_dict)
        d = dict(src_dict)
        try:
            error = Error.from_dict(d.pop("error"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "error")

        _instance = cls(
            error=error,
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


# The models this one refers to are imported on its first parse, not with it: they may import this module in
# turn, and importing an operation would load every model its answer can reach. An import statement in
# from_dict() itself would run again on every call (a stream parses thousands of chunks), so they are bound
# to this module's globals once.
_referenced_models_loaded = False


def _load_referenced_models() -> None:
    global _referenced_models_loaded, Error
    from ..models.error import Error  # noqa: PLC0415

    _referenced_models_loaded = True
