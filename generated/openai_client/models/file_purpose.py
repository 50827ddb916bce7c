from typing import Literal

FilePurpose = Literal["answers", "classifications", "fine-tune", "search"]

FILE_PURPOSE_VALUES: set[FilePurpose] = {
    "answers",
    "classifications",
    "fine-tune",
    "search",
}


def check_file_purpose(value: str) -> FilePurpose:
    if value in FILE_PURPOSE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {FILE_PURPOSE_VALUES!r}")
