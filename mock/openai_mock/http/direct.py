"""ASGI middleware sending a POST to a fixed API path straight to its handler, before the router.

The router tries each route's pattern in turn and wraps every call in Starlette's exception
handling; the hot JSON operations (chat, completions) need neither: their path is fixed, and
their handlers (``services.api``) turn every error into its answer themselves. Other methods on
those paths still reach the router, which answers 405 with the allowed methods.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from .services import Endpoint

__all__ = ["DirectRoutes"]


class DirectRoutes:
    def __init__(self, app: ASGIApp, endpoints: Mapping[str, Endpoint]) -> None:
        self.app = app
        self.endpoints = dict(endpoints)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        endpoint = self.endpoints.get(scope["path"]) if scope["type"] == "http" and scope["method"] == "POST" else None
        if endpoint is None:
            await self.app(scope, receive, send)
            return
        response = await endpoint(Request(scope, receive, send))
        await response(scope, receive, send)
