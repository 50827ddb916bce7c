from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attr import define as _attrs_define
from attr import field as _attrs_field

from ..types import (
    PARSE_FAILURES,
    field_error,
    float32_vector,
    not_an_object,
    wrong_type,
)

T = TypeVar("T", bound="Embedding")


@_attrs_define
class Embedding:
    """
    Attributes:
        object_ (Literal['embedding']):
        embedding (list[float]): The vector (1536 floats for ada-002), or its base64 form when encoding_format is
            base64. Decoded to floats either way.
        index (int):
    """

    object_: Literal["embedding"]
    embedding: list[float]
    index: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        object_ = self.object_

        embedding = self.embedding

        index = self.index

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "object": object_,
                "embedding": embedding,
                "index": index,
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
            object_ = cast("Literal['embedding']", d.pop("object"))
            if object_ != "embedding":
                raise ValueError(f"object must match const 'embedding', got '{object_}'")

        except PARSE_FAILURES as exc:
            raise field_error(exc, "object")

        try:
            embedding = float32_vector(d.pop("embedding"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "embedding")

        try:
            index = d.pop("index")
            if not (isinstance(index, int) and not isinstance(index, bool)):
                raise wrong_type("an integer", index)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "index")

        _instance = cls(
            object_=object_,
            embedding=embedding,
            index=index,
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
    def object(self) -> Literal["embedding"]:
        """`object_` under the field's own name, as the official SDK reads it."""
        return self.object_
