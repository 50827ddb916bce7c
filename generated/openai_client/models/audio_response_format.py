"""`AudioResponseFormat`: the values the spec lists. A parsed response may hold a newer value, kept as received;
compare with `in AUDIO_RESPONSE_FORMAT_VALUES` to tell them apart."""

from typing import Literal, cast

from ..types import enums_are_strict

AudioResponseFormat = Literal["json", "srt", "text", "verbose_json", "vtt"]

AUDIO_RESPONSE_FORMAT_VALUES: set[AudioResponseFormat] = {
    "json",
    "srt",
    "text",
    "verbose_json",
    "vtt",
}


def check_audio_response_format(value: object) -> AudioResponseFormat:
    if isinstance(value, str) and (value in AUDIO_RESPONSE_FORMAT_VALUES or not enums_are_strict()):
        return cast(AudioResponseFormat, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(AUDIO_RESPONSE_FORMAT_VALUES)!r}")
