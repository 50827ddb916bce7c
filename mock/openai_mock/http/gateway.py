"""ASGI middleware in front of every route: request ids, body limit, API keys, faults, rate limits, latency.

Per-request facts the routes need (organization, requested stream fault) travel in
``scope["state"]`` so that ``request.state.organization`` works in handlers.
"""

from __future__ import annotations

import hashlib
import logging
import random

import anyio
import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..config import MockConfig
from ..errors import AuthenticationError, MockAPIError, PayloadTooLargeError
from .faults import Fault, FaultDice, fault_error, parse_fault
from .ratelimit import RateLimiter
from .responses import error_body

__all__ = ["Gateway", "default_organization", "mask_key"]

log = logging.getLogger("openai_mock")

_NO_KEY = (
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer "
    "auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from "
    "https://platform.openai.com/account/api-keys."
)
# Image URLs stand for the real API's pre-signed blob URLs: fetchable without a key.
_PUBLIC_PREFIX = "/v1/images/content/"
_KEPT_ACCOUNTS = 4096
_LONGEST_KEPT_AUTHORIZATION = 256  # bytes: the accounts kept stay small whatever the headers sent


def mask_key(key: str) -> str:
    """The key as the real API echoes it: a few characters kept, never the whole."""
    if len(key) <= 8:
        return key[:2] + "*" * max(len(key) - 2, 1)
    return key[:3] + "*" * (len(key) - 7) + key[-4:]


def default_organization(key: str, config: MockConfig) -> str:
    """The organization of a request without an ``OpenAI-Organization`` header."""
    return config.default_organization or "org-" + hashlib.sha256(key.encode()).hexdigest()[:24]


# The request headers the gateway reads; the first of each name counts.
_READ = frozenset({b"authorization", b"openai-organization", b"content-length", b"x-mock-fault", b"prefer"})


def _headers(scope: Scope) -> dict[bytes, bytes]:
    """The gateway's headers in one pass over the request's."""
    found: dict[bytes, bytes] = {}
    for key, value in scope["headers"]:
        if key in _READ and key not in found:
            found[key] = value
    return found


def _text(value: bytes | None) -> str | None:
    return None if value is None else value.decode("latin-1")


class Gateway:
    def __init__(self, app: ASGIApp, config: MockConfig) -> None:
        self.app = app
        self.config = config
        self.keys = frozenset(config.api_keys)
        self.limiter = RateLimiter(
            config.requests_per_minute, config.tokens_per_minute, enforce=config.enforce_rate_limits
        )
        self.dice = FaultDice(config.fault_rate, config.fault_seed)
        # By Authorization header: its accepted key and that key's default organization (a digest).
        self._accounts: dict[bytes, tuple[str, str]] = {}

    def _check_key(self, auth: str | None) -> str:
        scheme, _, key = (auth or "").partition(" ")
        key = key.strip()
        if scheme.lower() != "bearer" or not key:
            raise AuthenticationError(_NO_KEY, code="invalid_api_key")
        if (key not in self.keys) if self.keys else not key.startswith("sk-"):
            raise AuthenticationError(
                f"Incorrect API key provided: {mask_key(key)}. You can find your API key at "
                "https://platform.openai.com/account/api-keys.",
                code="invalid_api_key",
            )
        return key

    def _account(self, auth: bytes | None) -> tuple[str, str]:
        """The API key of an ``Authorization`` header and its default organization (401 for a refused key)."""
        account = self._accounts.get(auth) if auth is not None else None
        if account is None:
            key = self._check_key(_text(auth))
            account = (key, default_organization(key, self.config))
            if auth is not None and len(auth) <= _LONGEST_KEPT_AUTHORIZATION:
                if len(self._accounts) >= _KEPT_ACCOUNTS:
                    self._accounts.clear()
                self._accounts[auth] = account
        return account

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # Unique, not secret: the random module's generator is a tenth of the cost of the system's.
        request_id = (b"x-request-id", b"req_%032x" % random.getrandbits(128))
        path: str = scope["path"]
        headers = _headers(scope)
        key = "anonymous"
        declared = headers.get(b"content-length")
        size = int(declared) if declared is not None and declared.isdigit() else None
        limit = self.config.max_body_bytes
        try:
            if size is not None and size > limit:
                raise _too_large(limit, size)
            fault: Fault | None = None
            api = path.startswith("/v1") and not path.startswith(_PUBLIC_PREFIX)
            if api:
                key, organization = self._account(headers.get(b"authorization"))
                given = headers.get(b"openai-organization")
                state = scope.setdefault("state", {})
                state["organization"] = given.decode("latin-1") if given else organization
                if b"x-mock-fault" in headers or b"prefer" in headers:
                    fault = parse_fault(_text(headers.get(b"x-mock-fault")), _text(headers.get(b"prefer")))
                if fault is None and self.dice.rate > 0:
                    fault = self.dice.roll()
                state["fault"] = fault
        except MockAPIError as exc:
            pairs = [*self.limiter.take(key, 0).header_pairs, request_id]
            await _reply(send, exc.status, exc.to_dict(), pairs)
            return
        budget = self.limiter.take(key, size // 4 if size else 0)
        extra = [request_id, *budget.header_pairs]
        if fault is not None:
            if fault.delay_ms:
                await anyio.sleep(fault.delay_ms / 1000)
            if fault.status is not None:
                status, body, fault_headers = fault_error(fault)
                fault_pairs = [(k.encode(), v.encode()) for k, v in fault_headers.items()]
                await _reply(send, status, body, [*fault_pairs, *extra])
                return
        if api and not budget.allowed:
            wait = max(1, int(budget.retry_after + 0.999))
            message = f"Rate limit reached for requests. Please retry after {wait}s."
            body = error_body(message, "requests", None, "rate_limit_exceeded")
            await _reply(send, 429, body, [(b"retry-after", b"%d" % wait), *extra])
            return
        if api and self.config.latency_ms:
            await anyio.sleep(self.config.latency_ms / 1000)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *extra]
            await send(message)

        # The server frames a body by its Content-Length: a declared size within the limit is the size read.
        await self.app(scope, receive if size is not None else _counting(receive, limit), send_with_headers)


async def _reply(send: Send, status: int, body: object, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    raw = orjson.dumps(body)
    pairs = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(raw)), *(headers or ())]
    await send({"type": "http.response.start", "status": status, "headers": pairs})
    await send({"type": "http.response.body", "body": raw})


def _too_large(limit: int, seen: int) -> PayloadTooLargeError:
    return PayloadTooLargeError(f"Maximum content size limit ({limit}) exceeded ({seen} bytes read)")


def _counting(receive: Receive, limit: int) -> Receive:
    """``receive`` that refuses a body growing past ``limit`` (bodies without a Content-Length too)."""
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _too_large(limit, seen)
        return message

    return wrapped
