from typing import Literal

AudioResponseFormat = Literal["json", "srt", "text", "verbose_json", "vtt"]

AUDIO_RESPONSE_FORMAT_VALUES: set[AudioResponseFormat] = {
    "json",
    "srt",
    "text",
    "verbose_json",
    "vtt",
}


def check_audio_response_format(value: str) -> AudioResponseFormat:
    if value in AUDIO_RESPONSE_FORMAT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {AUDIO_RESPONSE_FORMAT_VALUES!r}")
