from typing import Literal

FineTuneStatus = Literal["cancelled", "failed", "pending", "running", "succeeded"]

FINE_TUNE_STATUS_VALUES: set[FineTuneStatus] = {
    "cancelled",
    "failed",
    "pending",
    "running",
    "succeeded",
}


def check_fine_tune_status(value: str) -> FineTuneStatus:
    if value in FINE_TUNE_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {FINE_TUNE_STATUS_VALUES!r}")
