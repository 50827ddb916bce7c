"""Contains some shared types for properties"""

import array
import base64
import binascii
import sys
from collections.abc import Generator, Mapping, MutableMapping
from contextlib import contextmanager
from contextvars import ContextVar
from http import HTTPStatus
from typing import IO, Any, BinaryIO, ClassVar, Generic, Literal, TypeVar, cast


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


# File and Response are written out rather than built by attrs.define: a class built at import costs more than
# the rest of this module, and every client import loads it. They keep what define gave them: slots, an
# __init__ taking the fields by position or name, a repr and an equality over the fields.
class File:
    """Contains information for file uploads"""

    __slots__ = ("file_name", "mime_type", "payload")
    payload: BinaryIO
    file_name: str | None
    mime_type: str | None

    def __init__(self, payload: BinaryIO, file_name: str | None = None, mime_type: str | None = None) -> None:
        self.payload = payload
        self.file_name = file_name
        self.mime_type = mime_type

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type

    def __repr__(self) -> str:
        return f"File(payload={self.payload!r}, file_name={self.file_name!r}, mime_type={self.mime_type!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, File) or other.__class__ is not self.__class__:
            return NotImplemented
        return self.to_tuple() == other.to_tuple()

    __hash__: ClassVar[None] = None  # type: ignore[assignment]  # mutable and compared by value, as attrs.define made it


T = TypeVar("T")


class Response(Generic[T]):
    """A response from an endpoint"""

    __slots__ = ("content", "headers", "parsed", "status_code")
    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None

    def __init__(
        self, status_code: HTTPStatus, content: bytes, headers: MutableMapping[str, str], parsed: T | None
    ) -> None:
        self.status_code = status_code
        self.content = content
        self.headers = headers
        self.parsed = parsed

    def _fields(self) -> tuple[object, ...]:
        return self.status_code, self.content, self.headers, self.parsed

    def __repr__(self) -> str:
        return (
            f"Response(status_code={self.status_code!r}, content={self.content!r}, headers={self.headers!r}, "
            f"parsed={self.parsed!r})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Response) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    __hash__: ClassVar[None] = None  # type: ignore[assignment]


class OpenAIError(Exception):
    """Base class of every error this package raises (re-exported by `openai_client.exceptions`)."""


class ParseError(OpenAIError, ValueError):
    """A payload given to `from_dict()` does not match its schema (the function layer raises it; the
    facade and the overlays raise `APIResponseValidationError` instead).

    `path` holds the object keys and array indexes from the outermost object down to the fault;
    `pointer` is the same as a JSON pointer (RFC 6901), such as `/choices/0/message/role`.
    """

    def __init__(self, reason: str, path: list[str | int] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path: list[str | int] = path if path is not None else []

    @property
    def pointer(self) -> str:
        return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in self.path)

    def __str__(self) -> str:
        return f"{self.pointer}: {self.reason}" if self.path else self.reason


# The errors from_dict() code can raise on a bad payload; anything else is a bug and propagates as it is.
PARSE_FAILURES = (KeyError, TypeError, ValueError, AttributeError)


def field_error(exc: Exception, key: str | int) -> ParseError:
    """`exc`, raised while parsing the member `key`, as a ParseError whose path starts at `key`."""
    if isinstance(exc, ParseError):
        exc.path.insert(0, key)
        return exc
    if isinstance(exc, KeyError) and exc.args == (key,):
        error = ParseError("missing required field", [key])
    else:
        error = ParseError(str(exc) or type(exc).__name__, [key])
    error.__cause__ = exc
    return error


_JSON_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "a boolean", list: "an array"}


def _json_name_of(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, Mapping):
        return "an object"
    for kind, name in reversed(_JSON_NAMES.items()):  # bool before int
        if isinstance(value, kind):
            return name
    return type(value).__name__


def wrong_type(expected: str, value: object) -> TypeError:
    """The error for `value` where the schema wants `expected` ("a string", "an array", ...)."""
    return TypeError(f"expected {expected}, got {_json_name_of(value)}")


def array_items(value: object) -> list[Any]:
    """`value` when it is a JSON array; wrong_type() otherwise."""
    if not isinstance(value, list):
        raise wrong_type("an array", value)
    return cast("list[object]", value)  # not list[Unknown] to pyright; a string, not an alias made per call


def float32_vector(value: object) -> list[float]:
    """A JSON array of numbers as received, or base64 of little-endian float32 values decoded to floats
    (the spec's `x-client-decode: float32-base64`)."""
    if isinstance(value, list):
        return cast(list[float], value)
    if not isinstance(value, str):
        raise wrong_type("an array of numbers or a base64 string", value)
    try:
        raw = base64.b64decode(value, validate=True)
    except binascii.Error as exc:
        raise ValueError(f"not base64 ({exc})") from None
    if len(raw) % 4:
        raise ValueError(f"{len(raw)} bytes of base64 are not a whole number of float32 values")
    vector = array.array("f", raw)  # machine byte order; the API sends little-endian
    if sys.byteorder == "big":
        vector.byteswap()
    return vector.tolist()


def not_an_object(value: object) -> ParseError:
    """The error from_dict() raises for a payload that is not a JSON object (its path grows on the way up)."""
    return ParseError(str(wrong_type("an object", value)))


# Enum values newer than the spec are kept as received unless this is set (see strict_enums()).
_STRICT_ENUMS: ContextVar[bool] = ContextVar("openai_client_strict_enums", default=False)


def enums_are_strict() -> bool:
    """Whether from_dict() refuses enum values the spec does not list (False unless inside strict_enums())."""
    return _STRICT_ENUMS.get()


@contextmanager
def strict_enums(strict: bool = True) -> Generator[None, None, None]:
    """Within the block, from_dict() refuses (`strict=True`) or keeps (`strict=False`) unknown enum values."""
    token = _STRICT_ENUMS.set(strict)
    try:
        yield
    finally:
        _STRICT_ENUMS.reset(token)


__all__ = [
    "PARSE_FAILURES",
    "UNSET",
    "File",
    "array_items",
    "FileTypes",
    "ParseError",
    "RequestFiles",
    "Response",
    "Unset",
    "enums_are_strict",
    "field_error",
    "not_an_object",
    "strict_enums",
    "wrong_type",
]
