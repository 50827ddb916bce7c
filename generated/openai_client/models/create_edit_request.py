from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

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
        d = dict(src_dict)
        model = d.pop("model")

        instruction = d.pop("instruction")

        input_ = d.pop("input", UNSET)

        n = d.pop("n", UNSET)

        temperature = d.pop("temperature", UNSET)

        top_p = d.pop("top_p", UNSET)

        _instance = cls(
            model=model,
            instruction=instruction,
            input_=input_,
            n=n,
            temperature=temperature,
            top_p=top_p,
        )

        return _instance
