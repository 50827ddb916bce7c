"""Typed errors raised by the client overlays (`openai_client.errors` is the generator's own module).

    OpenAIError                          base of everything raised here
    ├── ConfigurationError (ValueError)  no API key, or a bad argument
    ├── APIError                         the server answered with an error (status or stream event)
    │   └── APIStatusError               an error status (the official SDK's name; `status_code`, `response`)
    │       ├── BadRequestError          400
    │       ├── AuthenticationError      401
    │       ├── PermissionDeniedError    403
    │       ├── NotFoundError            404
    │       ├── ConflictError            409
    │       ├── PayloadTooLargeError     413
    │       ├── UnprocessableEntityError 422
    │       ├── RateLimitError           429, with .rate_limit and .retry_after
    │       └── InternalServerError      5xx
    ├── APIConnectionError               no usable answer (also an httpx.TransportError)
    │   └── APITimeoutError              (also an httpx.TimeoutException)
    ├── APIResponseValidationError       a 2xx answer that does not match the spec (`path` names where)
    └── StreamError                      an event stream failed after it started
        ├── IncompleteStreamError        the stream ended before `data: [DONE]`
        ├── StreamIdleTimeoutError       no bytes arrived within `idle_timeout` seconds
        └── MalformedStreamEventError    an event that does not parse (also an APIResponseValidationError)

`openai_client.error_mapping` builds these from responses; the API key never reaches an
error's text there: it is cut out of the body before parsing.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from .ratelimit import RateLimit, rate_limit_of, retry_after_of

# The base class lives with the generated code, so the function layer's ParseError is an OpenAIError too.
from .types import OpenAIError

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "IncompleteStreamError",
    "InternalServerError",
    "MalformedStreamEventError",
    "NotFoundError",
    "OpenAIError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "RateLimitError",
    "StreamError",
    "StreamIdleTimeoutError",
    "UnprocessableEntityError",
]

REDACTED = "sk-***"
"""What a secret is replaced with wherever it could be shown."""


class ConfigurationError(OpenAIError, ValueError):
    """The client cannot be built or called as asked (for example: no API key)."""


class APIError(OpenAIError):
    """The server answered with an error; the fields mirror OpenAI's `{"error": {...}}` body.

    `status` is the HTTP status (also `status_code`); `response` the httpx response when there was one
    (None for an error event inside a stream that had started), `body` the decoded error body.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int,
        type: str | None = None,
        param: str | None = None,
        code: str | None = None,
        request_id: str | None = None,
        headers: Mapping[str, str] | None = None,
        body: object = None,
        response: httpx.Response | None = None,
    ) -> None:
        super().__init__(message)
        self.response = response
        self.message = message
        self.status = status
        self.type = type
        self.param = param
        self.code = code
        self.request_id = request_id
        self.headers: Mapping[str, str] = httpx.Headers(dict(headers or {}))
        self.body = body

    @property
    def status_code(self) -> int:
        """The HTTP status (the official SDK's name for `status`)."""
        return self.status

    @property
    def request(self) -> httpx.Request | None:
        """The request that failed, when the response is known."""
        return self.response.request if self.response is not None else None

    def __str__(self) -> str:
        pairs = (("type", self.type), ("code", self.code), ("param", self.param))
        detail = ", ".join(f"{k}={v}" for k, v in pairs if v)
        suffix = f" ({detail})" if detail else ""
        rid = f" [request id {self.request_id}]" if self.request_id else ""
        return f"{self.status}: {self.message}{suffix}{rid}"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status}, type={self.type!r}, code={self.code!r}, "
            f"param={self.param!r}, message={self.message!r}, request_id={self.request_id!r})"
        )


class APIStatusError(APIError):
    """The server answered with an error status; the class says which (BadRequestError, NotFoundError, ...)."""


class BadRequestError(APIStatusError):
    """400: the request was malformed; `param` names the offending field when the server says."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing, wrong or revoked."""


class PermissionDeniedError(APIStatusError):
    """403: the key may not use this resource (or this region)."""


class NotFoundError(APIStatusError):
    """404: no such model, file or fine-tune."""


class ConflictError(APIStatusError):
    """409: the resource is in a state that forbids the request (e.g. cancelling a finished fine-tune)."""


class PayloadTooLargeError(APIStatusError):
    """413: the upload or prompt is too large."""


class UnprocessableEntityError(APIStatusError):
    """422: well-formed but semantically invalid."""


class RateLimitError(APIStatusError):
    """429: a rate limit or quota was hit; `retry_after` is in seconds when the server said."""

    @property
    def rate_limit(self) -> RateLimit:
        return rate_limit_of(self.headers)

    @property
    def retry_after(self) -> float | None:
        return retry_after_of(self.headers)


class InternalServerError(APIStatusError):
    """5xx: the server failed; usually worth retrying."""


class APIConnectionError(OpenAIError, httpx.TransportError):
    """No usable answer: connection refused, reset, or a protocol error (after any retries)."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message, request=request)


class APITimeoutError(APIConnectionError, httpx.TimeoutException):
    """The request timed out (after any retries)."""


class APIResponseValidationError(OpenAIError):
    """The server answered 2xx with a body the spec does not allow; `path` is a JSON pointer to the fault."""

    def __init__(self, message: str, *, path: str = "") -> None:
        super().__init__(message if not path else f"{message} (at {path})")
        self.message = message
        self.path = path


class StreamError(OpenAIError):
    """An event stream went wrong after its response started."""


class IncompleteStreamError(StreamError):
    """The event stream ended without its final `data: [DONE]` line."""

    def __init__(self, message: str, *, events_received: int) -> None:
        super().__init__(message)
        self.events_received = events_received


class StreamIdleTimeoutError(StreamError):
    """No bytes arrived for `idle_timeout` seconds while a stream was open."""

    def __init__(self, message: str, *, idle_timeout: float | None) -> None:
        super().__init__(message)
        self.idle_timeout = idle_timeout


class MalformedStreamEventError(StreamError, APIResponseValidationError):
    """An event of a stream whose data is not the chunk the spec describes; `path` points at the fault."""
