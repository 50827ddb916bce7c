from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attr import define as _attrs_define
from attr import field as _attrs_field

from ..types import (
    PARSE_FAILURES,
    field_error,
    not_an_object,
    wrong_type,
)

if TYPE_CHECKING:
    from ..models.moderation_categories import ModerationCategories
    from ..models.moderation_category_scores import ModerationCategoryScores


T = TypeVar("T", bound="ModerationResult")


@_attrs_define
class ModerationResult:
    """
    Attributes:
        flagged (bool): True when any category is violated.
        categories (ModerationCategories): Whether the input violates each category.
        category_scores (ModerationCategoryScores): The model's confidence, from 0 to 1, for each category.
    """

    flagged: bool
    categories: ModerationCategories
    category_scores: ModerationCategoryScores
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        flagged = self.flagged

        categories = self.categories.to_dict()

        category_scores = self.category_scores.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "flagged": flagged,
                "categories": categories,
                "category_scores": category_scores,
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
            flagged = d.pop("flagged")
            if not isinstance(flagged, bool):
                raise wrong_type("a boolean", flagged)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "flagged")

        try:
            categories = ModerationCategories.from_dict(d.pop("categories"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "categories")

        try:
            category_scores = ModerationCategoryScores.from_dict(d.pop("category_scores"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "category_scores")

        _instance = cls(
            flagged=flagged,
            categories=categories,
            category_scores=category_scores,
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
    global _referenced_models_loaded, ModerationCategories, ModerationCategoryScores
    from ..models.moderation_categories import ModerationCategories  # noqa: PLC0415
    from ..models.moderation_category_scores import ModerationCategoryScores  # noqa: PLC0415

    _referenced_models_loaded = True
