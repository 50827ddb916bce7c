"""What every generated facade method shares: the NOT_GIVEN sentinel and building one request from its arguments.

A generated method hands over its operation (method, path template, multipart file fields) and its arguments as
dicts; arguments left at NOT_GIVEN are not sent, None is sent as JSON null, and `extra_headers`, `extra_query`
and `extra_body` are merged over what the method built.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from typing import IO, Any, Final, Literal, TypeAlias, cast
from urllib.parse import quote

import httpx

from ._files import FileInput, open_upload
from ._values import FrozenValue
from .exceptions import ConfigurationError
from .retries import STREAM_RESPONSE

__all__ = [
    "NOT_GIVEN",
    "Body",
    "Headers",
    "NotGiven",
    "Operation",
    "Query",
    "Timeout",
    "Upload",
    "build_request",
]


class NotGiven:
    """The default of every optional facade argument: the argument is not sent at all.

    Distinct from None, which nullable arguments send as JSON `null`.
    """

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()

Headers: TypeAlias = Mapping[str, str]
Query: TypeAlias = Mapping[str, object]
Body: TypeAlias = Mapping[str, object]
Timeout: TypeAlias = float | httpx.Timeout | None
# A path, bytes, an open binary file, or (filename, bytes or binary file).
Upload: TypeAlias = FileInput | tuple[str, bytes | IO[bytes]]


class Operation(FrozenValue):
    """One HTTP operation of the spec as the facade calls it."""

    _fields = ("method", "path", "files", "multipart")
    __slots__ = _fields
    method: str
    path: str
    # Form fields holding files; set only for multipart/form-data bodies.
    files: frozenset[str]
    multipart: bool

    def __init__(self, method: str, path: str, files: frozenset[str] = frozenset(), multipart: bool = False) -> None:
        init = object.__setattr__
        init(self, "method", method)
        init(self, "path", path)
        init(self, "files", files)
        init(self, "multipart", multipart)


def _path_segment(name: str, value: object) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigurationError(f"{name} must be a non-empty string, got {value!r}")
    return quote(value, safe="")


_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def _jsonable(value: object) -> object:
    """Attrs models become their dicts, inside sequences and mappings too; everything else stays."""
    kind = type(value)
    # Exact types first: the ABC checks below cost more than the rest of a small chat body's walk.
    if kind in _PLAIN_TYPES:
        return value
    plain = _PLAIN_TYPES
    if kind is dict:
        items = cast(dict[object, object], value).items()
        return {key: item if type(item) in plain else _jsonable(item) for key, item in items}
    if kind is list or kind is tuple:
        return [item if type(item) in plain else _jsonable(item) for item in cast(Sequence[object], value)]
    if isinstance(value, str | int | float | bool):
        return value
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if isinstance(value, Mapping):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, Sequence | tuple):
        return [_jsonable(item) for item in value]
    return value


def _given(arguments: Mapping[str, object]) -> dict[str, object]:
    return {name: value for name, value in arguments.items() if value is not NOT_GIVEN}


def _json_content(body: dict[str, object]) -> bytes:
    try:
        return json.dumps(body, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()
    except (TypeError, ValueError) as exc:
        for name, value in body.items():  # name the argument at fault
            try:
                json.dumps(value, allow_nan=False)
            except (TypeError, ValueError):
                raise ConfigurationError(f"{name}: cannot be sent as JSON ({exc})") from exc
        raise ConfigurationError(f"request body cannot be sent as JSON ({exc})") from exc


def _form_value(name: str, value: object) -> str | list[str]:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    if isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        return [str(_form_value(name, item)) for item in value]
    raise ConfigurationError(f"{name}: cannot be sent as a form field: {type(value).__name__}")


def _file_part(stack: ExitStack, name: str, value: Any) -> Any:
    # open_upload refuses anything that is not a path, bytes or a binary file, naming the field.
    filename: str | None = None
    if isinstance(value, tuple):
        if len(value) != 2 or not isinstance(value[0], str):
            raise ConfigurationError(f"{name}: a tuple must be (filename, content)")
        filename, value = value
    return open_upload(stack, value, field=name, filename=filename).to_tuple()


def _multipart(
    operation: Operation, body: dict[str, object], stack: ExitStack
) -> tuple[dict[str, str | list[str]], list[tuple[str, Any]]]:
    data: dict[str, str | list[str]] = {}
    files: list[tuple[str, Any]] = []
    for name, value in body.items():
        if name in operation.files:
            files.append((name, _file_part(stack, name, value)))
        elif value is not None:
            data[name] = _form_value(name, value)
    return data, files


def build_request(
    http: httpx.Client | httpx.AsyncClient,
    operation: Operation,
    *,
    path: Mapping[str, object] | None = None,
    query: Mapping[str, object] | None = None,
    body: Mapping[str, object] | None = None,
    extra_headers: Headers | None = None,
    extra_query: Query | None = None,
    extra_body: Body | None = None,
    timeout: Timeout | NotGiven = NOT_GIVEN,
    accept: str | None = None,
    streamed: bool = False,
    stack: ExitStack | None = None,
) -> httpx.Request:
    """The request for `operation`; paths opened for uploads are closed by `stack`.

    `streamed`: the caller reads the body as it arrives (SSE, downloads), so the retrying
    transport must hand it back unread instead of reading it inside its retry loop.
    """
    url = operation.path
    if path:
        url = url.format_map({name: _path_segment(name, value) for name, value in path.items()})
    params: dict[str, Any] = _given(query) if query else {}
    if extra_query:
        params.update(extra_query)
    headers: dict[str, str] = {"Accept": accept} if accept else {}
    options: dict[str, Any] = {}
    if body is not None or extra_body:
        fields = _given(body) if body else {}
        if extra_body:
            fields.update(extra_body)
        if operation.multipart:
            opened = stack if stack is not None else ExitStack()
            options["data"], options["files"] = _multipart(operation, fields, opened)
        else:
            options["content"] = _json_content({name: _jsonable(value) for name, value in fields.items()})
            headers["Content-Type"] = "application/json"
    if extra_headers:
        headers.update(extra_headers)
    if not isinstance(timeout, NotGiven):
        options["timeout"] = timeout
    if streamed:
        options["extensions"] = {STREAM_RESPONSE: True}
    return http.build_request(operation.method, url, params=params or None, headers=headers, **options)
