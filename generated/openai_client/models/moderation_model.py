from typing import Literal

ModerationModel = Literal["text-moderation-latest", "text-moderation-stable"]

MODERATION_MODEL_VALUES: set[ModerationModel] = {
    "text-moderation-latest",
    "text-moderation-stable",
}


def check_moderation_model(value: str) -> ModerationModel:
    if value in MODERATION_MODEL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MODERATION_MODEL_VALUES!r}")
