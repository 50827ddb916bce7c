from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar, cast

from attr import define as _attrs_define

from .. import types
from ..models.file_purpose import FilePurpose, check_file_purpose
from ..types import (
    PARSE_FAILURES,
    File,
    ParseError,
    field_error,
    not_an_object,
    strict_enums,
)

T = TypeVar("T", bound="CreateFileRequest")


@_attrs_define
class CreateFileRequest:
    """
    Attributes:
        file (File): JSON Lines in the format of the file's `purpose` (see `FilePurpose`).
        purpose (FilePurpose): What an uploaded file is for, which fixes its format: JSON Lines, one JSON object a line,
            whose values are strings and whose keys are only these. `fine-tune`: training data,
            `prompt` and `completion`. `search` and `answers`: documents, `text` and optionally
            `metadata`. `classifications`: labelled examples, `text`, `label` and optionally
            `metadata`. The last three belong to retired endpoints and are still accepted by the
            upload. A file that breaks its purpose's format is refused (400 naming `file` and the line).
    """

    file: File
    purpose: FilePurpose

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        purpose: str = self.purpose

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "file": file,
                "purpose": purpose,
            }
        )

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        files.append(("purpose", (None, str(self.purpose).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Refuses (types.ParseError) keys the schema does not list and enum values the spec does not list."""
        with strict_enums():
            return cls._from_closed_dict(src_dict)

    @classmethod
    def _from_closed_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # The annotation is a promise a JSON payload need not keep; a dict is the fast path.
        if not isinstance(src_dict, dict) and not isinstance(cast(object, src_dict), Mapping):
            raise not_an_object(src_dict)
        d = dict(src_dict)
        try:
            file = File(payload=BytesIO(d.pop("file")))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "file")

        try:
            purpose = check_file_purpose(d.pop("purpose"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "purpose")

        if d:
            raise ParseError("unknown field", [next(iter(d))])
        _instance = cls(
            file=file,
            purpose=purpose,
        )

        return _instance
