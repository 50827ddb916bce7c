"""Building a ready client from the environment: key, organization, base URL, timeouts, retries.

    client = client_from_env()                       # OPENAI_API_KEY, OPENAI_ORGANIZATION, OPENAI_BASE_URL
    models = list_models.sync(client=client)         # any generated operation, sync ...
    models = await list_models.asyncio(client=client)  # ... or async, same client object

Explicit arguments win over the environment. The key is sent as `Authorization: Bearer ...`
and never shown: `repr(client)` masks it, and error texts have it cut out. A key, organization
or default header holding what a header cannot carry (whitespace in a key, a zero-width space,
a BOM, any control or non-ASCII character) is refused here with a ConfigurationError that names
the field and the character's position, never the value.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, ClassVar

import httpx

from ._client_fields import base_url_of
from ._cookies import AsyncCookieClient, CookieClient
from ._headers import check_credential, check_headers
from .client import AuthenticatedClient
from .exceptions import REDACTED, ConfigurationError
from .retries import RetryPolicy
from .transports import OpenAITransport

__all__ = ["DEFAULT_BASE_URL", "DEFAULT_TIMEOUT", "OpenAIClient", "client_from_env"]

DEFAULT_BASE_URL = "https://api.openai.com/v1"
# Completions can take minutes to generate; connecting should not.
DEFAULT_TIMEOUT = httpx.Timeout(600.0, connect=5.0)


class OpenAIClient(AuthenticatedClient):
    """The generated AuthenticatedClient with a repr that cannot leak the key."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={base_url_of(self)!r}, token={REDACTED!r})"

    __str__ = __repr__

    # httpx clients that differ from plain ones only in their cookie jar (see `_cookies`).
    httpx_client_class: ClassVar[type[httpx.Client]] = CookieClient
    async_httpx_client_class: ClassVar[type[httpx.AsyncClient]] = AsyncCookieClient


def _pick(explicit: str | None, env: Mapping[str, str], name: str) -> str | None:
    if explicit is not None:
        return explicit
    value = env.get(name, "").strip()
    return value or None


def _timeout(value: httpx.Timeout | float | None) -> httpx.Timeout:
    if isinstance(value, httpx.Timeout):
        return value
    return httpx.Timeout(value)


def client_from_env(
    api_key: str | None = None,
    *,
    organization: str | None = None,
    base_url: str | None = None,
    timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT,
    max_retries: int | None = None,
    retry_policy: RetryPolicy | None = None,
    raise_api_errors: bool = True,
    headers: Mapping[str, str] | None = None,
    transport: httpx.BaseTransport | None = None,
    async_transport: httpx.AsyncBaseTransport | None = None,
    verify: bool | str = True,
    proxy: str | None = None,
    env: Mapping[str, str] | None = None,
    **httpx_args: Any,
) -> OpenAIClient:
    """Build an OpenAIClient; raises ConfigurationError naming what is missing or wrong.

    - `api_key` / `organization` / `base_url` default to OPENAI_API_KEY / OPENAI_ORGANIZATION /
      OPENAI_BASE_URL (then https://api.openai.com/v1); `env` replaces `os.environ` (tests).
    - `timeout`: a float or httpx.Timeout; default 5 s to connect, 600 s for the rest.
    - `retry_policy` (default RetryPolicy()) with `max_retries` overriding its count; 0 disables.
    - `raise_api_errors`: 4xx/5xx raise typed APIError subclasses from every generated operation.
    - `transport` / `async_transport`: innermost transports (httpx.MockTransport in tests);
      otherwise httpx's own, built with `verify` and `proxy`. Proxy variables in the environment
      are not read (they would mount transports that bypass retries): pass `proxy` instead.
    - other keyword arguments go to httpx.Client / httpx.AsyncClient (`limits`, `event_hooks`, ...).
    """
    source = os.environ if env is None else env
    key = _pick(api_key, source, "OPENAI_API_KEY")
    if not key:
        raise ConfigurationError(
            "No API key: pass api_key=... to client_from_env() or set the OPENAI_API_KEY environment variable"
        )
    # Whitespace or an invisible character (a pasted zero-width space, a BOM) would corrupt or break
    # the Authorization header on the first request; refused here, the key itself is not echoed.
    check_credential(key, field="api_key", source="OPENAI_API_KEY")
    org = _pick(organization, source, "OPENAI_ORGANIZATION")
    if org:
        check_credential(org, field="organization", source="OPENAI_ORGANIZATION")
    url = _pick(base_url, source, "OPENAI_BASE_URL") or DEFAULT_BASE_URL
    if not url.startswith(("http://", "https://")):
        raise ConfigurationError(f"base_url must start with http:// or https://, got {url!r}")

    policy = retry_policy if retry_policy is not None else RetryPolicy()
    if max_retries is not None:
        if max_retries < 0:
            raise ConfigurationError(f"max_retries must be >= 0, got {max_retries!r}")
        policy = policy._replace(max_retries=max_retries)

    all_headers = dict(headers or {})
    check_headers(all_headers)
    if org:
        all_headers["OpenAI-Organization"] = org
    args: dict[str, Any] = {"trust_env": False, **httpx_args}
    args["transport"] = OpenAITransport(
        policy=policy,
        transport=transport,
        async_transport=async_transport,
        raise_api_errors=raise_api_errors,
        verify=verify,
        proxy=proxy,
    )
    return OpenAIClient(
        base_url=url.rstrip("/"),
        token=key,
        headers=all_headers,
        timeout=_timeout(timeout),
        raise_on_unexpected_status=True,
        httpx_args=args,
    )
