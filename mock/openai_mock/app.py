"""``create_app``: the mock as a Starlette application (the API under ``/v1``, the spec, a health check)."""

from __future__ import annotations

import contextlib
import os
import threading
from collections import defaultdict
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from . import __version__
from .config import MockConfig
from .engines.tokenizer import tokenizer_for_model
from .errors import MockAPIError
from .http.cached import CachedAnswers
from .http.direct import DirectRoutes
from .http.gateway import Gateway
from .http.responses import error_body, error_response, json_response, not_found_url
from .http.services import Endpoint, Operation, Services
from .routes.fallback import fallback_operations
from .routes.files import file_routes
from .routes.media import media_routes
from .routes.simple import simple_routes
from .routes.text import text_routes
from .scripting.layer import ScriptingLayer
from .scripting.registry import Scripting

__all__ = ["create_app"]

# A long-running server keeps this many recorded calls for its admin API.
_SERVER_JOURNAL = 10_000


def _resource(path: str, handlers: dict[str, Endpoint]) -> Route:
    """One route per path, so a wrong method gets a 405 listing every allowed one."""
    if len(handlers) == 1:
        return Route(path, next(iter(handlers.values())), methods=list(handlers))

    async def dispatch(request: Request) -> Response:
        method = "GET" if request.method == "HEAD" else request.method
        return await handlers[method](request)

    return Route(path, dispatch, methods=list(handlers))


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status == 405:
        allow = exc.headers.get("Allow", "") if isinstance(exc, HTTPException) and exc.headers else ""
        body = error_body(f"Invalid method for URL ({request.method} {request.url.path})", "invalid_request_error")
        return json_response(body, 405, {"allow": allow})
    if status == 404:
        return not_found_url(request.method, request.url.path)
    return json_response(error_body(str(getattr(exc, "detail", "")), "invalid_request_error"), status)


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, MockAPIError)
    return error_response(exc)


def create_app(config: MockConfig | None = None) -> Starlette:
    """The mock's ASGI application; ``app.state.services`` holds its store (closed at shutdown),
    ``app.state.scripting`` its scripted routes and request journal."""
    config = config or MockConfig()
    services = Services(config)
    text = text_routes(services)
    operations: list[Operation] = [
        *text,
        *simple_routes(services),
        *media_routes(services),
        *file_routes(services),
    ]
    # Operations of the spec without a hand-written handler are answered from the spec itself.
    operations += fallback_operations(services, {(method, path) for method, path, _ in operations})
    by_path: dict[str, dict[str, Endpoint]] = defaultdict(dict)
    for method, path, handler in operations:
        by_path[path][method] = handler

    async def health(request: Request) -> Response:
        # The pid tells apart the processes of `openai-mock --workers N`.
        return json_response({"status": "ok", "service": "openai-mock", "version": __version__, "pid": os.getpid()})

    async def spec_yaml(request: Request) -> Response:
        return Response(services.spec.yaml_bytes, media_type="application/yaml")

    async def spec_json(request: Request) -> Response:
        return Response(services.spec.json_bytes, media_type="application/json")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Loading the BPE tables takes seconds: start now, in the background, so the first text
        # request finds them loaded (or waits for the load under way) while the server is up at once.
        threading.Thread(target=tokenizer_for_model, args=("gpt-3.5-turbo",), daemon=True).start()
        try:
            yield
        finally:
            services.close()

    # The router tries routes in order: the API's (chat and completions first) before the three at the root.
    routes = [
        *(_resource(path, handlers) for path, handlers in by_path.items()),
        Route("/", health, methods=["GET"]),
        Route("/openapi.yaml", spec_yaml, methods=["GET"]),
        Route("/openapi.json", spec_json, methods=["GET"]),
    ]
    # Scripting is off unless a test turns it on, or the server has an admin key for /__mock__/.
    scripting = Scripting(services.spec, enabled=config.admin_key is not None, journal_limit=_SERVER_JOURNAL)
    middleware = [
        Middleware(ScriptingLayer, scripting=scripting, admin_key=config.admin_key),
        Middleware(Gateway, config=config),
        Middleware(CachedAnswers, services=services),
        Middleware(DirectRoutes, endpoints={path: handler for method, path, handler in text if method == "POST"}),
    ]
    if config.replay_dir is not None:
        from .proxy.replay import Replay  # recorded answers come first: they stand for the real API's

        middleware.insert(0, Middleware(Replay, directory=config.replay_dir))
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={HTTPException: _http_error, MockAPIError: _api_error},
        lifespan=lifespan,
    )
    app.state.services = services
    app.state.scripting = scripting
    return app
