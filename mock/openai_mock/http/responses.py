"""Response helpers: orjson bodies and the OpenAI error object for every failing status."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import orjson
from starlette.responses import Response

from ..errors import MockAPIError

__all__ = [
    "JSONBytes",
    "error_body",
    "error_response",
    "json_response",
    "not_found_url",
    "server_error",
]

_JSON = "application/json"


class JSONBytes(Response):
    """A JSON response serialised with orjson (several times faster than the stdlib)."""

    media_type = _JSON

    def render(self, content: Any) -> bytes:
        try:
            return orjson.dumps(content)
        except TypeError:
            # orjson stops at 64-bit integers; a request may carry a larger one that the answer echoes.
            return json.dumps(content, separators=(",", ":"), ensure_ascii=False).encode()


def json_response(content: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    return JSONBytes(content, status_code=status, headers=headers)


def error_body(message: str, type_: str, param: str | None = None, code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def error_response(exc: MockAPIError, headers: Mapping[str, str] | None = None) -> Response:
    # The spec declares no 403; a refused permission is reported as the 400 it declares.
    status = 400 if exc.status == 403 else exc.status
    return json_response(exc.to_dict(), status, headers)


def server_error() -> Response:
    return json_response(
        error_body("The server had an error while processing your request. Sorry about that!", "server_error"), 500
    )


def not_found_url(method: str, path: str) -> Response:
    return json_response(error_body(f"Invalid URL ({method} {path})", "invalid_request_error"), 404)
