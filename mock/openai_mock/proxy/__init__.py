"""A validating, recording HTTP proxy for the spec: ``openai-mock proxy --upstream URL``.

Each request is forwarded to the upstream API and checked against ``spec/openapi.yaml`` on the
way: the request (operation, parameters, body), the response (status, headers, body) and every
server-sent event. ``app`` is the ASGI application, ``checks`` the validation, ``recorder`` and
``replay`` the ``--record`` / ``--replay`` formats (docs/PROXY.md).
"""

from .app import STATUS_PATH, create_proxy_app
from .config import ProxyConfig
from .report import ProxyReport
from .server import ProxyServer, running_proxy
from .violations import Violation

__all__ = ["STATUS_PATH", "ProxyConfig", "ProxyReport", "ProxyServer", "Violation", "create_proxy_app", "running_proxy"]
