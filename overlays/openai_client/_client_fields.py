"""The generated client's settings, read from its private fields (the generator gives them no
getters). With `_generated_bridge`, the only module using the generator's private names (pinned by
tests/client/test_overlay_bridge.py); it imports no operation, so the client's own setup stays light.
"""

from __future__ import annotations

from typing import Any

from .client import AuthenticatedClient, Client

__all__ = ["base_url_of", "httpx_client_options"]


def base_url_of(client: AuthenticatedClient | Client) -> str:
    """The base URL a generated client was built with."""
    return str(client._base_url)


def httpx_client_options(client: AuthenticatedClient) -> dict[str, Any]:
    """The keyword arguments the generated `get_httpx_client` builds its httpx client with (auth header set)."""
    client._headers[client.auth_header_name] = f"{client.prefix} {client.token}" if client.prefix else client.token
    return {
        "base_url": client._base_url,
        "cookies": client._cookies,
        "headers": client._headers,
        "timeout": client._timeout,
        "verify": client._verify_ssl,
        "follow_redirects": client._follow_redirects,
        **client._httpx_args,
    }
