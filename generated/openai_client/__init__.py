"""A client library for accessing OpenAI API"""

import os
import sys
from typing import TYPE_CHECKING


def _portions(path: list[str]) -> list[str]:
    """`path` and every other `openai_client` folder on sys.path, in sys.path order.

    Hand-written modules live in a second `openai_client` folder without __init__.py (overlays/ in the source
    tree); joining it to this package's path imports them as openai_client.<name>. pkgutil.extend_path does the
    same, but importing pkgutil (and importlib.util with it) costs a tenth of what the facade's import does.
    """
    folders = list(path)
    for entry in sys.path:
        folder = os.path.join(os.path.abspath(entry), __name__) if isinstance(entry, str) else ""
        if folder and folder not in folders and os.path.isdir(folder):
            folders.append(folder)
    return folders


__path__ = _portions(__path__)

if TYPE_CHECKING:
    from . import api, models
    from ._client import AsyncOpenAI, OpenAI
    from ._facade_runtime import NOT_GIVEN, NotGiven
    from ._stream import AsyncStream, Stream
    from .client import AuthenticatedClient, Client
    from .exceptions import (
        APIConnectionError,
        APIError,
        APIResponseValidationError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ConflictError,
        InternalServerError,
        NotFoundError,
        OpenAIError,
        PermissionDeniedError,
        RateLimitError,
        UnprocessableEntityError,
    )

__all__ = (
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncOpenAI",
    "AsyncStream",
    "AuthenticatedClient",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "NotGiven",
    "OpenAI",
    "OpenAIError",
    "PermissionDeniedError",
    "RateLimitError",
    "Stream",
    "UnprocessableEntityError",
    "api",
    "models",
)

# Exported name -> the submodule defining it: loaded on first use, so `import openai_client` stays as cheap
# as importing httpx. Kept from type checkers, which read the imports above: a misspelled name is an error.
_SOURCES = {
    "AuthenticatedClient": "client",
    "Client": "client",
    "OpenAI": "_client",
    "AsyncOpenAI": "_client",
    "NOT_GIVEN": "_facade_runtime",
    "NotGiven": "_facade_runtime",
    "Stream": "_stream",
    "AsyncStream": "_stream",
}

if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        from importlib import import_module

        if name in ("api", "models"):
            return import_module(f"{__name__}.{name}")
        if name not in __all__:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(import_module(f"{__name__}.{_SOURCES.get(name, 'exceptions')}"), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
