"""`ImageResponseFormat`: the values the spec lists. A parsed response may hold a newer value, kept as received;
compare with `in IMAGE_RESPONSE_FORMAT_VALUES` to tell them apart."""

from typing import Literal, cast

from ..types import enums_are_strict

ImageResponseFormat = Literal["b64_json", "url"]

IMAGE_RESPONSE_FORMAT_VALUES: set[ImageResponseFormat] = {
    "b64_json",
    "url",
}


def check_image_response_format(value: object) -> ImageResponseFormat:
    if isinstance(value, str) and (value in IMAGE_RESPONSE_FORMAT_VALUES or not enums_are_strict()):
        return cast(ImageResponseFormat, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(IMAGE_RESPONSE_FORMAT_VALUES)!r}")
