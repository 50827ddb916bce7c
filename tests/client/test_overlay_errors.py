"""openai_client.exceptions and openai_client.error_mapping: statuses to classes, any body shape, no key leaks."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import httpx
import pytest
from overlay_support import API_KEY, make_client

from openai_client import exceptions as exc_module
from openai_client.error_mapping import (
    connection_error_from,
    error_from_payload,
    error_from_response,
    raise_for_response,
)
from openai_client.exceptions import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    IncompleteStreamError,
    InternalServerError,
    NotFoundError,
    OpenAIError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    StreamError,
    StreamIdleTimeoutError,
    UnprocessableEntityError,
)

ERROR_BODY = {
    "error": {
        "message": "That model does not exist",
        "type": "invalid_request_error",
        "param": "model",
        "code": "model_not_found",
    }
}


def _response(status: int, body: object = ERROR_BODY, headers: dict[str, str] | None = None) -> httpx.Response:
    request = httpx.Request(
        "POST", "https://api.example.test/v1/chat/completions", headers={"Authorization": f"Bearer {API_KEY}"}
    )
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return httpx.Response(status, content=content, headers=headers or {}, request=request)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (413, PayloadTooLargeError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (502, InternalServerError),
        (503, InternalServerError),
        (418, APIStatusError),
    ],
)
def test_each_status_maps_to_its_class(status: int, cls: type[APIError]) -> None:
    error = error_from_response(_response(status, headers={"x-request-id": "req_42"}))
    assert type(error) is cls
    assert (error.status, error.type, error.param, error.code) == (
        status,
        "invalid_request_error",
        "model",
        "model_not_found",
    )
    assert error.message == "That model does not exist"
    assert error.request_id == "req_42"
    assert error.body == ERROR_BODY
    assert "That model does not exist" in str(error) and "req_42" in str(error)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html>Bad gateway</html>", "<html>Bad gateway</html>"),
        (b"", "502 Bad Gateway"),
        ({"error": "upstream down"}, "upstream down"),
        ({"detail": "not an error body"}, '{"detail": "not an error body"}'),
        ({"error": {"type": "server_error"}}, '{"error": {"type": "server_error"}}'),
        ([1, 2, 3], "[1, 2, 3]"),
    ],
)
def test_odd_bodies_never_raise_while_building_the_error(body: object, message: str) -> None:
    error = error_from_response(_response(502, body))
    assert isinstance(error, InternalServerError)
    assert error.message == message
    assert error.param is None and error.code is None


def test_unread_streaming_body_falls_back_to_status_line() -> None:
    response = httpx.Response(404, stream=httpx.ByteStream(b'{"error": {"message": "gone"}}'))
    error = error_from_response(response)
    assert isinstance(error, NotFoundError)
    assert error.message == "404 Not Found"


def test_raise_for_response_is_quiet_on_success() -> None:
    raise_for_response(_response(200, {"ok": True}))
    with pytest.raises(NotFoundError):
        raise_for_response(_response(404))


def test_rate_limit_error_reads_headers() -> None:
    headers = {
        "retry-after": "7",
        "x-ratelimit-limit-requests": "3500",
        "x-ratelimit-remaining-requests": "0",
        "x-ratelimit-reset-requests": "17ms",
        "x-ratelimit-reset-tokens": "6m0s",
    }
    error = error_from_response(_response(429, headers=headers))
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 7.0
    assert error.rate_limit.limit_requests == 3500
    assert error.rate_limit.remaining_requests == 0
    assert error.rate_limit.reset_requests == timedelta(milliseconds=17)
    assert error.rate_limit.reset_tokens == timedelta(minutes=6)


def test_code_and_param_are_strings_or_none() -> None:
    error = error_from_payload({"error": {"message": "m", "type": "t", "param": None, "code": 1234}}, status=400)
    assert error.code == "1234" and error.param is None


def test_api_key_is_cut_out_of_error_text() -> None:
    body = {"error": {"message": f"Incorrect API key provided: {API_KEY}.", "type": "invalid_request_error"}}
    error = error_from_response(_response(401, body))
    for text in (str(error), repr(error), error.message, json.dumps(error.body)):
        assert API_KEY not in text
    assert "sk-***" in error.message


def test_connection_errors_are_typed_and_still_httpx_errors() -> None:
    request = httpx.Request("GET", "https://api.example.test/v1/models")
    timeout = connection_error_from(httpx.ReadTimeout("timed out", request=request))
    assert isinstance(timeout, APITimeoutError)
    assert isinstance(timeout, httpx.TimeoutException) and isinstance(timeout, OpenAIError)
    assert timeout.request is request
    refused = connection_error_from(httpx.ConnectError("refused"))
    assert type(refused) is APIConnectionError and isinstance(refused, httpx.TransportError)
    assert "ConnectError: refused" in str(refused)


def test_hierarchy_matches_the_docstring() -> None:
    for cls in (ConfigurationError, APIError, APIConnectionError, StreamError):
        assert issubclass(cls, OpenAIError)
    assert issubclass(IncompleteStreamError, StreamError) and issubclass(StreamIdleTimeoutError, StreamError)
    assert issubclass(ConfigurationError, ValueError)
    doc = exc_module.__doc__ or ""
    for name in exc_module.__all__:
        if isinstance(getattr(exc_module, name), type):
            assert name in doc, f"{name} missing from the hierarchy drawing"


def test_client_raises_typed_error_and_logs_no_key(caplog: pytest.LogCaptureFixture) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["authorization"] == f"Bearer {API_KEY}"
        return httpx.Response(401, json={"error": {"message": f"bad key {API_KEY}", "type": "invalid_request_error"}})

    client = make_client(handler)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(AuthenticationError) as info:
        client.get_httpx_client().get("/models")
    texts = [str(info.value), repr(info.value), repr(client), str(client)]
    texts += [record.getMessage() for record in caplog.records]
    texts += [repr(client.get_httpx_client().headers)]
    assert all(API_KEY not in text for text in texts)
