"""`FilePurpose`: the values the spec lists. A parsed response may hold a newer value, kept as received;
compare with `in FILE_PURPOSE_VALUES` to tell them apart."""

from typing import Literal, cast

from ..types import enums_are_strict

FilePurpose = Literal["answers", "classifications", "fine-tune", "search"]

FILE_PURPOSE_VALUES: set[FilePurpose] = {
    "answers",
    "classifications",
    "fine-tune",
    "search",
}


def check_file_purpose(value: object) -> FilePurpose:
    if isinstance(value, str) and (value in FILE_PURPOSE_VALUES or not enums_are_strict()):
        return cast(FilePurpose, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(FILE_PURPOSE_VALUES)!r}")
