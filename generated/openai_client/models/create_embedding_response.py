from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attr import define as _attrs_define
from attr import field as _attrs_field

from ..types import (
    PARSE_FAILURES,
    array_items,
    field_error,
    not_an_object,
    wrong_type,
)

if TYPE_CHECKING:
    from ..models.embedding import Embedding
    from ..models.embedding_usage import EmbeddingUsage


T = TypeVar("T", bound="CreateEmbeddingResponse")


@_attrs_define
class CreateEmbeddingResponse:
    """
    Attributes:
        object_ (Literal['list']):
        data (list[Embedding]):
        model (str):
        usage (EmbeddingUsage):
    """

    object_: Literal["list"]
    data: list[Embedding]
    model: str
    usage: EmbeddingUsage
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        object_ = self.object_

        data: list[dict[str, Any]] = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        model = self.model

        usage = self.usage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "object": object_,
                "data": data,
                "model": model,
                "usage": usage,
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
            object_ = cast("Literal['list']", d.pop("object"))
            if object_ != "list":
                raise ValueError(f"object must match const 'list', got '{object_}'")

        except PARSE_FAILURES as exc:
            raise field_error(exc, "object")

        try:
            _data = array_items(d.pop("data"))
            data: list[Embedding] = []
            for data_item_index, data_item_data in enumerate(_data):
                try:
                    data_item = Embedding.from_dict(data_item_data)

                except PARSE_FAILURES as exc:
                    raise field_error(exc, data_item_index)
                data.append(data_item)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "data")

        try:
            model = d.pop("model")
            if not isinstance(model, str):
                raise wrong_type("a string", model)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "model")

        try:
            usage = EmbeddingUsage.from_dict(d.pop("usage"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "usage")

        _instance = cls(
            object_=object_,
            data=data,
            model=model,
            usage=usage,
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
    def object(self) -> Literal["list"]:
        """`object_` under the field's own name, as the official SDK reads it."""
        return self.object_


# The models this one refers to are imported on its first parse, not with it: they may import this module in
# turn, and importing an operation would load every model its answer can reach. An import statement in
# from_dict() itself would run again on every call (a stream parses thousands of chunks), so they are bound
# to this module's globals once.
_referenced_models_loaded = False


def _load_referenced_models() -> None:
    global _referenced_models_loaded, Embedding, EmbeddingUsage
    from ..models.embedding import Embedding  # noqa: PLC0415
    from ..models.embedding_usage import EmbeddingUsage  # noqa: PLC0415

    _referenced_models_loaded = True
