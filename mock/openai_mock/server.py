"""``MockServer`` / ``running_mock``: the mock on a free 127.0.0.1 port in a background thread."""

from __future__ import annotations

import contextlib
import dataclasses
import socket
import threading
import time
from collections.abc import Iterator
from types import TracebackType
from typing import Any, Literal

import uvicorn
from starlette.types import ASGIApp

from .app import create_app
from .config import MockConfig

__all__ = ["MockServer", "running_mock"]


class MockServer:
    """Starts uvicorn serving ``create_app(config)``; ``base_url`` is ``http://127.0.0.1:PORT/v1``.

    The socket is bound before the thread starts (port 0 picks a free port), so there is no race
    between choosing a port and listening on it. ``app`` serves an app already made (its state
    shared with other users of it) instead of a new one; ``lifespan="off"`` leaves its start-up
    and shut-down to the caller.
    """

    def __init__(
        self,
        config: MockConfig | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        log_level: str = "warning",
        startup_timeout: float = 30.0,
        app: ASGIApp | None = None,
        lifespan: Literal["auto", "on", "off"] = "auto",
    ) -> None:
        self.config = config or MockConfig()
        self.app = app
        self.lifespan = lifespan
        self.host, self._port, self.log_level = host, port, log_level
        self.startup_timeout = startup_timeout
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self.port = 0

    @property
    def url(self) -> str:
        """The server root (health check, ``/openapi.yaml``)."""
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    def _app(self) -> Any:
        """The ASGI application to serve: the one given, else a new mock (subclasses serve another)."""
        return self.app or create_app(self.config)

    def start(self) -> str:
        if self._server is not None:
            raise RuntimeError("the server is already running")
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self._port))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            self._app(),
            log_level=self.log_level,
            access_log=False,
            timeout_graceful_shutdown=2,
            lifespan=self.lifespan,
        )
        server = self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="openai-mock", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + self.startup_timeout
        self._socket = sock
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the mock server did not start")
            time.sleep(0.01)
        return self.base_url

    def stop(self) -> None:
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            server.should_exit = True
        if thread is not None:
            thread.join(timeout=10)
        if self._socket is not None:
            self._socket.close()
            self._socket = None

    def __enter__(self) -> MockServer:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


@contextlib.contextmanager
def running_mock(config: MockConfig | None = None, **options: Any) -> Iterator[str]:
    """Yields the base URL of a mock started for the ``with`` block, stopped cleanly after it.

    ``options`` are ``MockConfig`` fields, for short calls such as ``running_mock(latency_ms=5)``.
    """
    if options:
        config = dataclasses.replace(config or MockConfig(), **options)
    with MockServer(config) as server:
        yield server.base_url
