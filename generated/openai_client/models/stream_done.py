"""`StreamDone`: the values the spec lists. A parsed response may hold a newer value, kept as received;
compare with `in STREAM_DONE_VALUES` to tell them apart."""

from typing import Literal, cast

from ..types import enums_are_strict

StreamDone = Literal["[DONE]"]

STREAM_DONE_VALUES: set[StreamDone] = {
    "[DONE]",
}


def check_stream_done(value: object) -> StreamDone:
    if isinstance(value, str) and (value in STREAM_DONE_VALUES or not enums_are_strict()):
        return cast(StreamDone, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(STREAM_DONE_VALUES)!r}")
