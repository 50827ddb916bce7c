"""``ProxyServer`` / ``running_proxy``: the validating proxy on a free 127.0.0.1 port in a background thread."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import httpx
from starlette.applications import Starlette

from ..server import MockServer
from .app import create_proxy_app
from .config import ProxyConfig
from .report import ProxyReport

__all__ = ["ProxyServer", "running_proxy"]


class ProxyServer(MockServer):
    """Like ``MockServer`` (``base_url`` is ``http://127.0.0.1:PORT/v1``), serving ``create_proxy_app``."""

    def __init__(
        self,
        config: ProxyConfig,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        log_level: str = "warning",
    ) -> None:
        super().__init__(None, host=host, port=port, log_level=log_level)
        self.app: Starlette = create_proxy_app(config, transport)

    @property
    def report(self) -> ProxyReport:
        report: ProxyReport = self.app.state.report
        return report

    def _app(self) -> Any:
        return self.app

    def __enter__(self) -> ProxyServer:
        self.start()
        return self


@contextlib.contextmanager
def running_proxy(
    upstream: str | ProxyConfig, *, transport: httpx.AsyncBaseTransport | None = None, **options: Any
) -> Iterator[ProxyServer]:
    """A proxy in front of ``upstream`` for the ``with`` block; ``options`` are ``ProxyConfig`` fields."""
    config = upstream if isinstance(upstream, ProxyConfig) else ProxyConfig(upstream, **options)
    with ProxyServer(config, transport=transport) as server:
        yield server
