"""From responses and transport failures to the typed errors of `openai_client.exceptions`.

Any body is tolerated: OpenAI's `{"error": {"message", "type", "param", "code"}}`, a bare
`{"error": "text"}`, other JSON, plain text or nothing; the message falls back to the text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import httpx

from .exceptions import (
    REDACTED,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)

__all__ = ["connection_error_from", "error_from_payload", "error_from_response", "raise_for_response", "redact_secret"]


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def _class_for(status: int) -> type[APIStatusError]:
    if status >= 500:
        return InternalServerError
    return _BY_STATUS.get(status, APIStatusError)


def _secret_of(response: httpx.Response) -> str | None:
    try:
        auth = response.request.headers.get("authorization")
    except RuntimeError:  # a response built by hand has no request
        return None
    if not auth:
        return None
    scheme, _, credentials = auth.partition(" ")
    return credentials.strip() or scheme.strip() or None


def redact_secret(text: str, response: httpx.Response) -> str:
    """`text` with the credentials of the response's request cut out."""
    secret = _secret_of(response)
    return text.replace(secret, REDACTED) if secret else text


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def error_from_payload(
    payload: object,
    *,
    status: int,
    headers: Mapping[str, str] | None = None,
    fallback_message: str = "",
) -> APIStatusError:
    """Build the APIError subclass for `status` from a decoded body such as `{"error": {...}}`."""
    error = payload.get("error") if isinstance(payload, Mapping) else None
    fields: Mapping[str, object] = error if isinstance(error, Mapping) else {}
    message = fields.get("message")
    if not isinstance(message, str) or not message:
        message = error if isinstance(error, str) and error else (fallback_message or f"HTTP status {status}")
    hdrs = httpx.Headers(dict(headers or {}))
    return _class_for(status)(
        message,
        status=status,
        type=_str_or_none(fields.get("type")),
        param=_str_or_none(fields.get("param")),
        code=_str_or_none(fields.get("code")),
        request_id=hdrs.get("x-request-id"),
        headers=hdrs,
        body=payload,
    )


def error_from_response(response: httpx.Response) -> APIStatusError:
    """Build the APIError subclass for an error response; any body shape is tolerated.

    The body must have been read (`response.read()` / `await response.aread()`); an unread
    body falls back to the status line.
    """
    try:
        text = response.text
    except httpx.ResponseNotRead:
        text = ""
    text = redact_secret(text, response)
    payload: object
    try:
        payload = json.loads(text)
    except ValueError:
        payload = text or None
    fallback = text.strip()[:2000] or f"{response.status_code} {response.reason_phrase}".strip()
    status = response.status_code
    error = error_from_payload(payload, status=status, headers=response.headers, fallback_message=fallback)
    error.response = response
    return error


def raise_for_response(response: httpx.Response) -> None:
    """Raise the typed APIError for any non-2xx response; return quietly otherwise."""
    if not response.is_success:
        raise error_from_response(response)


def connection_error_from(exc: httpx.TransportError) -> APIConnectionError:
    """Wrap an httpx transport failure in the typed error (timeouts become APITimeoutError)."""
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    try:
        request: httpx.Request | None = exc.request
    except RuntimeError:
        request = None
    return cls(message, request=request)
