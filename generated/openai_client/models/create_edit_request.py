from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

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
        input_ (str | Unset): The text to edit. Default: ''.
        n (int | Unset): How many edits to generate. Default: 1.
        temperature (float | Unset): Sampling temperature; higher is more random. Change this or top_p, not both.
            Default: 1.0.
        top_p (float | Unset): Nucleus sampling; 0.1 keeps only the tokens in the top 10% probability mass. Default:
            1.0.
    """

    model: str
    instruction: str
    input_: str | Unset = UNSET
    n: int | Unset = UNSET
    temperature: float | Unset = UNSET
    top_p: float | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        instruction = self.instruction

        input_ = self.input_

        n = self.n

        temperature = self.temperature

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
            input_ = d.pop("input", UNSET)
            if not isinstance(input_, Unset) and not isinstance(input_, str):
                raise wrong_type("a string", input_)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "input")

        try:
            n = d.pop("n", UNSET)
            if not isinstance(n, Unset) and not (isinstance(n, int) and not isinstance(n, bool)):
                raise wrong_type("an integer", n)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "n")

        try:
            temperature = d.pop("temperature", UNSET)
            if not isinstance(temperature, Unset) and not (
                isinstance(temperature, int | float) and not isinstance(temperature, bool)
            ):
                raise wrong_type("a number", temperature)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "temperature")

        try:
            top_p = d.pop("top_p", UNSET)
            if not isinstance(top_p, Unset) and not (isinstance(top_p, int | float) and not isinstance(top_p, bool)):
                raise wrong_type("a number", top_p)

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
