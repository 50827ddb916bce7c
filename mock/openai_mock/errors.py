"""Typed errors the web layer turns into OpenAI-style ``{"error": {...}}`` bodies.

Hierarchy::

    MockAPIError                      (status 500, type "server_error")
    ├── InvalidRequestError           (400, "invalid_request_error"; also a ValueError)
    │   └── ContextLengthError        (400, code "context_length_exceeded")
    ├── AuthenticationError           (401, "invalid_request_error")
    ├── PermissionDeniedError         (403, "invalid_request_error")
    ├── NotFoundError                 (404, "invalid_request_error")
    ├── ConflictError                 (409, "invalid_request_error")
    ├── PayloadTooLargeError          (413, "invalid_request_error")
    └── RateLimitError                (429, "requests")
"""

from __future__ import annotations

__all__ = [
    "AuthenticationError",
    "ConflictError",
    "ContextLengthError",
    "InvalidRequestError",
    "MockAPIError",
    "NotFoundError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "RateLimitError",
]


class MockAPIError(Exception):
    """An API error carrying every field of the real API's error object."""

    status: int = 500
    error_type: str = "server_error"

    def __init__(self, message: str, *, param: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.param = param
        self.code = code

    @property
    def type(self) -> str:
        return self.error_type

    def to_dict(self) -> dict[str, dict[str, str | None]]:
        """The response body the real API sends for this error."""
        return {"error": {"message": self.message, "type": self.error_type, "param": self.param, "code": self.code}}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status}, message={self.message!r}, param={self.param!r})"


class InvalidRequestError(MockAPIError, ValueError):
    status = 400
    error_type = "invalid_request_error"


class ContextLengthError(InvalidRequestError):
    """Prompt plus completion exceed the model's context window."""

    def __init__(self, message: str, *, param: str | None = "messages") -> None:
        super().__init__(message, param=param, code="context_length_exceeded")


class AuthenticationError(MockAPIError):
    status = 401
    error_type = "invalid_request_error"


class PermissionDeniedError(MockAPIError):
    status = 403
    error_type = "invalid_request_error"


class NotFoundError(MockAPIError):
    status = 404
    error_type = "invalid_request_error"


class ConflictError(MockAPIError):
    status = 409
    error_type = "invalid_request_error"


class PayloadTooLargeError(MockAPIError):
    status = 413
    error_type = "invalid_request_error"


class RateLimitError(MockAPIError):
    status = 429
    error_type = "requests"
