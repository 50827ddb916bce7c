from typing import Literal

StreamDone = Literal["[DONE]"]

STREAM_DONE_VALUES: set[StreamDone] = {
    "[DONE]",
}


def check_stream_done(value: str) -> StreamDone:
    if value in STREAM_DONE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STREAM_DONE_VALUES!r}")
