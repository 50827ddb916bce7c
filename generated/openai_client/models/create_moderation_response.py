from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

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
    from ..models.moderation_result import ModerationResult


T = TypeVar("T", bound="CreateModerationResponse")


@_attrs_define
class CreateModerationResponse:
    """
    Attributes:
        id (str):
        model (str):
        results (list[ModerationResult]):
    """

    id: str
    model: str
    results: list[ModerationResult]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        model = self.model

        results: list[dict[str, Any]] = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "model": model,
                "results": results,
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
            id = d.pop("id")
            if not isinstance(id, str):
                raise wrong_type("a string", id)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "id")

        try:
            model = d.pop("model")
            if not isinstance(model, str):
                raise wrong_type("a string", model)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "model")

        try:
            _results = array_items(d.pop("results"))
            results: list[ModerationResult] = []
            for results_item_index, results_item_data in enumerate(_results):
                try:
                    results_item = ModerationResult.from_dict(results_item_data)

                except PARSE_FAILURES as exc:
                    raise field_error(exc, results_item_index)
                results.append(results_item)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "results")

        _instance = cls(
            id=id,
            model=model,
            results=results,
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
    global _referenced_models_loaded, ModerationResult
    from ..models.moderation_result import ModerationResult  # noqa: PLC0415

    _referenced_models_loaded = True
