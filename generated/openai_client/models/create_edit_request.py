from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attr import define as _attrs_define

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

T = TypeVar("T", bound="CreateEditRequest")


@_attrs_define
class CreateEditRequest:
    """
    Attributes:
        model (str): ID of the model to use.
        instruction (str): How the model should edit the input.
        input_ (None | str | Unset): The text to edit. Default: ''.
        n (int | None | Unset): How many edits to generate. Default: 1.
        temperature (float | None | Unset): Sampling temperature; higher is more random. Change this or top_p, not both.
            Default: 1.0.
        top_p (float | None | Unset): Nucleus sampling; 0.1 keeps only the tokens in the top 10% probability mass.
            Default: 1.0.
    """

    model: str
    instruction: str
    input_: None | str | Unset = UNSET
    n: int | None | Unset = UNSET
    temperature: float | None | Unset = UNSET
    top_p: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        instruction = self.instruction

        input_: None | str | Unset
        if isinstance(self.input_, Unset):
            input_ = UNSET
        else:
            input_ = self.input_

        n: int | None | Unset
        if isinstance(self.n, Unset):
            n = UNSET
        else:
            n = self.n

        temperature: float | None | Unset
        if isinstance(self.temperature, Unset):
            temperature = UNSET
        else:
            temperature = self.temperature

        top_p: float | None | Unset
        if isinstance(self.top_p, Unset):
            top_p = UNSET
        else:
            top_p = self.top_p

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "model": model,
                "instruction": instruction,
            }
        )
        if input_ is not UNSET:
            field_dict["input"] = input_
        if n is not UNSET:
            field_dict["n"] = n
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if top_p is not UNSET:
            field_dict["top_p"] = top_p

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
            model = d.pop("model")
            if not isinstance(model, str):
                raise wrong_type("a string", model)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "model")

        try:
            instruction = d.pop("instruction")
            if not isinstance(instruction, str):
                raise wrong_type("a string", instruction)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "instruction")

        try:

            def _parse_input_(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, str):
                    return data
                raise wrong_type("a string or null", data)

            input_ = _parse_input_(d.pop("input", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "input")

        try:

            def _parse_n(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, int) and not isinstance(data, bool):
                    return data
                raise wrong_type("an integer or null", data)

            n = _parse_n(d.pop("n", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "n")

        try:

            def _parse_temperature(data: object) -> float | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, int | float) and not isinstance(data, bool):
                    return data
                raise wrong_type("a number or null", data)

            temperature = _parse_temperature(d.pop("temperature", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "temperature")

        try:

            def _parse_top_p(data: object) -> float | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, int | float) and not isinstance(data, bool):
                    return data
                raise wrong_type("a number or null", data)

            top_p = _parse_top_p(d.pop("top_p", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "top_p")

        if d:
            raise ParseError("unknown field", [next(iter(d))])
        _instance = cls(
            model=model,
            instruction=instruction,
            input_=input_,
            n=n,
            temperature=temperature,
            top_p=top_p,
        )

        return _instance

    @property
    def input(self) -> None | str | Unset:
        """`input_` under the field's own name, as the official SDK reads it."""
        return self.input_
