"""`FineTuneStatus`: the values the spec lists. A parsed response may hold a newer value, kept as received;
compare with `in FINE_TUNE_STATUS_VALUES` to tell them apart."""

from typing import Literal, cast

from ..types import enums_are_strict

FineTuneStatus = Literal["cancelled", "failed", "pending", "running", "succeeded"]

FINE_TUNE_STATUS_VALUES: set[FineTuneStatus] = {
    "cancelled",
    "failed",
    "pending",
    "running",
    "succeeded",
}


def check_fine_tune_status(value: object) -> FineTuneStatus:
    if isinstance(value, str) and (value in FINE_TUNE_STATUS_VALUES or not enums_are_strict()):
        return cast(FineTuneStatus, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(FINE_TUNE_STATUS_VALUES)!r}")
