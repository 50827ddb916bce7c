"""`ModerationModel`: the values the spec lists. A parsed response may hold a newer value, kept as received;
compare with `in MODERATION_MODEL_VALUES` to tell them apart."""

from typing import Literal, cast

from ..types import enums_are_strict

ModerationModel = Literal["text-moderation-latest", "text-moderation-stable"]

MODERATION_MODEL_VALUES: set[ModerationModel] = {
    "text-moderation-latest",
    "text-moderation-stable",
}


def check_moderation_model(value: object) -> ModerationModel:
    if isinstance(value, str) and (value in MODERATION_MODEL_VALUES or not enums_are_strict()):
        return cast(ModerationModel, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(MODERATION_MODEL_VALUES)!r}")
