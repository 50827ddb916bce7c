"""`ImageSize`: the values the spec lists. A parsed response may hold a newer value, kept as received;
compare with `in IMAGE_SIZE_VALUES` to tell them apart."""

from typing import Literal, cast

from ..types import enums_are_strict

ImageSize = Literal["1024x1024", "256x256", "512x512"]

IMAGE_SIZE_VALUES: set[ImageSize] = {
    "1024x1024",
    "256x256",
    "512x512",
}


def check_image_size(value: object) -> ImageSize:
    if isinstance(value, str) and (value in IMAGE_SIZE_VALUES or not enums_are_strict()):
        return cast(ImageSize, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(IMAGE_SIZE_VALUES)!r}")
