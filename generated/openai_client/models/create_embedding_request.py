from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attr import define as _attrs_define

from ..models.embedding_encoding_format import EmbeddingEncodingFormat, check_embedding_encoding_format
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

T = TypeVar("T", bound="CreateEmbeddingRequest")


@_attrs_define
class CreateEmbeddingRequest:
    """
    Attributes:
        model (str): ID of the model to use.
        input_ (list[int] | list[list[int]] | list[str] | str): Text to embed, as a string, an array of strings, an
            array of tokens or an array of token arrays.
            No text may be empty, no array empty or longer than 2048, and each input must fit the model's
            context (8191 tokens for ada-002).
        user (str | Unset): A stable identifier of the end user, to help detect abuse.
        encoding_format (EmbeddingEncodingFormat | Unset): Return each embedding as an array of floats or as base64 of
            little-endian float32 values.
    """

    model: str
    input_: list[int] | list[list[int]] | list[str] | str
    user: str | Unset = UNSET
    encoding_format: EmbeddingEncodingFormat | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        input_: list[int] | list[list[int]] | list[str] | str
        if isinstance(self.input_, list):
            input_ = self.input_

        elif isinstance(self.input_, list):
            input_ = self.input_

        elif isinstance(self.input_, list):
            input_ = []
            for input_type_3_item_data in self.input_:
                input_type_3_item = input_type_3_item_data

                input_.append(input_type_3_item)

        else:
            input_ = self.input_

        user = self.user

        encoding_format: str | Unset = UNSET
        if not isinstance(self.encoding_format, Unset):
            encoding_format = self.encoding_format

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "model": model,
                "input": input_,
            }
        )
        if user is not UNSET:
            field_dict["user"] = user
        if encoding_format is not UNSET:
            field_dict["encoding_format"] = encoding_format

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

            def _parse_input_(data: object) -> list[int] | list[list[int]] | list[str] | str:
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    input_type_1 = cast(list[str], array_items(cast(Any, data)))

                    return input_type_1
                except PARSE_FAILURES:
                    pass
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    input_type_2 = cast(list[int], array_items(cast(Any, data)))

                    return input_type_2
                except PARSE_FAILURES:
                    pass
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    _input_type_3 = array_items(cast(Any, data))
                    input_type_3: list[list[int]] = []
                    for input_type_3_item_index, input_type_3_item_data in enumerate(_input_type_3):
                        try:
                            input_type_3_item = cast(list[int], array_items(input_type_3_item_data))

                        except PARSE_FAILURES as exc:
                            raise field_error(exc, input_type_3_item_index)
                        input_type_3.append(input_type_3_item)

                    return input_type_3
                except PARSE_FAILURES:
                    pass
                if isinstance(data, str):
                    return data
                raise wrong_type("a string or an array or an array or an array", data)

            input_ = _parse_input_(d.pop("input"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "input")

        try:
            user = d.pop("user", UNSET)
            if not isinstance(user, Unset) and not isinstance(user, str):
                raise wrong_type("a string", user)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "user")

        try:
            _encoding_format = d.pop("encoding_format", UNSET)
            encoding_format: EmbeddingEncodingFormat | Unset
            if isinstance(_encoding_format, Unset):
                encoding_format = UNSET
            else:
                encoding_format = check_embedding_encoding_format(_encoding_format)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "encoding_format")

        if d:
            raise ParseError("unknown field", [next(iter(d))])
        _instance = cls(
            model=model,
            input_=input_,
            user=user,
            encoding_format=encoding_format,
        )

        return _instance

    @property
    def input(self) -> list[int] | list[list[int]] | list[str] | str:
        """`input_` under the field's own name, as the official SDK reads it."""
        return self.input_
