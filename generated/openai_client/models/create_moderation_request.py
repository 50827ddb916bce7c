from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attr import define as _attrs_define

from ..types import (
    PARSE_FAILURES,
    UNSET,
    ParseError,
    Unset,
    array_items,
    field_error,
    not_an_object,
    strict_enums,
    wrong_type,
)

T = TypeVar("T", bound="CreateModerationRequest")


@_attrs_define
class CreateModerationRequest:
    """
    Attributes:
        input_ (list[str] | str): The text(s) to classify; an array holds at least one.
        model (str | Unset): `text-moderation-latest` is upgraded over time; `text-moderation-stable` changes only with
            notice.
             Default: 'text-moderation-latest'.
    """

    input_: list[str] | str
    model: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        input_: list[str] | str
        if isinstance(self.input_, list):
            input_ = self.input_

        else:
            input_ = self.input_

        model = self.model

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "input": input_,
            }
        )
        if model is not UNSET:
            field_dict["model"] = model

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

            def _parse_input_(data: object) -> list[str] | str:
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    input_type_1 = cast(list[str], array_items(cast(Any, data)))

                    return input_type_1
                except PARSE_FAILURES:
                    pass
                if isinstance(data, str):
                    return data
                raise wrong_type("a string or an array", data)

            input_ = _parse_input_(d.pop("input"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "input")

        try:
            model = d.pop("model", UNSET)
            if not isinstance(model, Unset) and not isinstance(model, str):
                raise wrong_type("a string", model)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "model")

        if d:
            raise ParseError("unknown field", [next(iter(d))])
        _instance = cls(
            input_=input_,
            model=model,
        )

        return _instance

    @property
    def input(self) -> list[str] | str:
        """`input_` under the field's own name, as the official SDK reads it."""
        return self.input_
