from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define

from .. import types
from ..models.file_purpose import FilePurpose, check_file_purpose
from ..types import File

T = TypeVar("T", bound="CreateFileRequest")


@_attrs_define
class CreateFileRequest:
    """
    Attributes:
        file (File): The file; for fine-tuning, JSON Lines of `{"prompt": ..., "completion": ...}` records.
        purpose (FilePurpose): What an uploaded file is for: `fine-tune` for training data. `search`, `answers` and
            `classifications` belong to retired endpoints and are still accepted by the upload.
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
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        purpose = check_file_purpose(d.pop("purpose"))

        _instance = cls(
            file=file,
            purpose=purpose,
        )

        return _instance
