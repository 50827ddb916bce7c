"""The generated client's base URL, read from its private field (the generator gives it no getter). With
`_generated_bridge`, the only module using the generator's private names (pinned by
tests/client/test_overlay_bridge.py); it imports no operation, so the client's own setup stays light.
"""

from __future__ import annotations

from .client import AuthenticatedClient, Client

__all__ = ["base_url_of"]


def base_url_of(client: AuthenticatedClient | Client) -> str:
    """The base URL a generated client was built with."""
    return str(client._base_url)
