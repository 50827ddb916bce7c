"""The options both facades take, kept as given so that `with_options` can copy them, and the client built from them.

Configuration follows `client_from_env`: OPENAI_API_KEY, OPENAI_ORGANIZATION and OPENAI_BASE_URL, explicit
arguments first; requests go through the transport it installs (retries, then typed errors).
"""

from __future__ import annotations

from typing import Any

import httpx

from ._facade_runtime import NOT_GIVEN, NotGiven
from .config import DEFAULT_TIMEOUT, OpenAIClient, client_from_env
from .error_mapping import connection_error_from
from .exceptions import ConfigurationError, OpenAIError

__all__ = ["DEFAULT_MAX_RETRIES", "FacadeConfig", "facade_options", "transport_failure"]

DEFAULT_MAX_RETRIES = 2


def facade_options(**options: Any) -> dict[str, Any]:
    return options


class FacadeConfig:
    """Options shared by both facades: kept as given, so `with_options` can copy them."""

    _options: dict[str, Any]

    def _configure(
        self,
        options: dict[str, Any],
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
    ) -> OpenAIClient:
        self._options = options
        http_client: httpx.Client | httpx.AsyncClient | None = options["http_client"]
        timeout = options["timeout"]
        if isinstance(timeout, NotGiven):
            timeout = http_client.timeout if http_client is not None else DEFAULT_TIMEOUT
        base_url = options["base_url"]
        try:
            config = client_from_env(
                options["api_key"],
                organization=options["organization"],
                base_url=None if base_url is None else str(base_url),
                timeout=timeout,
                max_retries=options["max_retries"],
                headers=options["default_headers"],
                transport=transport,
                async_transport=async_transport,
                params=dict(options["default_query"] or {}),
            )
        except ConfigurationError as exc:  # the same rules, told in the facade's words
            raise ConfigurationError(str(exc).replace("client_from_env()", f"{type(self).__name__}()")) from None
        self._strict: bool = options["strict_response_validation"]
        self.api_key: str = config.token
        self.organization: str | None = config._headers.get("OpenAI-Organization")
        self.max_retries: int = options["max_retries"]
        self.timeout: httpx.Timeout = httpx.Timeout(timeout)
        return config

    def _copy_options(self, changes: dict[str, Any]) -> dict[str, Any]:
        del changes["self"]
        return {**self._options, **{name: value for name, value in changes.items() if value is not NOT_GIVEN}}


def transport_failure(exc: httpx.TransportError) -> Exception:
    # Failures past the transport (reading a body) are wrapped as the transport wraps its own.
    return exc if isinstance(exc, OpenAIError) else connection_error_from(exc)
