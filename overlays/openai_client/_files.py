"""Turning what callers have (a path, bytes, an open binary file) into the generated `File`."""

from __future__ import annotations

import io
import mimetypes
import os
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any, Union

from .exceptions import ConfigurationError
from .types import File

__all__ = ["FileInput", "guess_content_type", "open_upload"]

FileInput = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, IO[bytes]]

# Types the platform's mime table may lack but the API's uploads use.
_EXTRA_TYPES = {".jsonl": "application/jsonl", ".m4a": "audio/mp4", ".mpga": "audio/mpeg", ".webm": "audio/webm"}


def guess_content_type(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix in _EXTRA_TYPES:
        return _EXTRA_TYPES[suffix]
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def _name_of(file: object) -> str | None:
    name = getattr(file, "name", None)
    return Path(name).name if isinstance(name, str) and name else None


def open_upload(
    stack: ExitStack,
    file: FileInput,
    *,
    field: str,
    filename: str | None = None,
    content_type: str | None = None,
) -> File:
    """A generated File for `file`; a path is opened (and closed by `stack`), never read whole.

    Open file objects are left open: the caller owns them. Raises ConfigurationError naming
    `field` for anything else (text-mode files included).
    """
    payload: Any
    if isinstance(file, (str, os.PathLike)):
        path = Path(file)
        if not path.is_file():
            raise ConfigurationError(f"{field}: no such file: {str(path)!r}")
        payload = stack.enter_context(path.open("rb"))
        name = filename or path.name
    elif isinstance(file, (bytes, bytearray, memoryview)):
        payload = io.BytesIO(bytes(file))
        name = filename or field
    elif isinstance(file, io.TextIOBase):
        raise ConfigurationError(f"{field}: open the file in binary mode ('rb'), not text mode")
    elif callable(getattr(file, "read", None)):
        payload = file
        name = filename or _name_of(file) or field
    else:
        raise ConfigurationError(f"{field} must be a path, bytes or a binary file object, not {type(file).__name__}")
    return File(payload=payload, file_name=name, mime_type=content_type or guess_content_type(name))
