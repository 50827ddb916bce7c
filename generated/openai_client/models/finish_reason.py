"""`FinishReason`: the values the spec lists. A parsed response may hold a newer value, kept as received;
compare with `in FINISH_REASON_VALUES` to tell them apart."""

from typing import Literal, cast

from ..types import enums_are_strict

FinishReason = Literal["content_filter", "length", "stop"]

FINISH_REASON_VALUES: set[FinishReason] = {
    "content_filter",
    "length",
    "stop",
}


def check_finish_reason(value: object) -> FinishReason:
    if isinstance(value, str) and (value in FINISH_REASON_VALUES or not enums_are_strict()):
        return cast(FinishReason, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(FINISH_REASON_VALUES)!r}")
