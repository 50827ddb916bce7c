"""A client library for accessing OpenAI API"""

from pkgutil import extend_path
from typing import TYPE_CHECKING, Any

# Hand-written modules live in a second `openai_client` folder without __init__.py (overlays/ in the source
# tree); extend_path adds every such folder found on sys.path, so they import as openai_client.<name>.
__path__ = extend_path(__path__, __name__)

if TYPE_CHECKING:
    from . import api, models
    from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
    "api",
    "models",
)


# Submodules load on first use so that `import openai_client` stays as cheap as importing httpx.
def __getattr__(name: str) -> Any:
    if name in ("AuthenticatedClient", "Client"):
        from . import client

        return getattr(client, name)
    if name in ("api", "models"):
        from importlib import import_module

        return import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
