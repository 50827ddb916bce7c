"""``openai-mock --workers N``: one data directory served by N uvicorn worker processes.

uvicorn starts each worker from an import string, so the configuration travels in the
``OPENAI_MOCK_CONFIG`` environment variable as JSON. The workers share their state through the
store alone: SQLite in WAL mode (every write in a ``BEGIN IMMEDIATE`` transaction, waiting for the
others) and blobs on disk. Without ``--data-dir`` a temporary folder is shared and removed at exit.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from starlette.applications import Starlette

from .config import MockConfig
from .store import Store

__all__ = ["CONFIG_VARIABLE", "app_from_environment", "config_from_json", "config_to_json", "serve_workers"]

CONFIG_VARIABLE = "OPENAI_MOCK_CONFIG"


def config_to_json(config: MockConfig) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, Path):
            return str(value)
        if isinstance(value, tuple):
            return list(value)
        return value

    return json.dumps({f.name: plain(getattr(config, f.name)) for f in dataclasses.fields(config)})


def config_from_json(text: str) -> MockConfig:
    raw: dict[str, Any] = json.loads(text)
    values: dict[str, Any] = {}
    for f in dataclasses.fields(MockConfig):
        if f.name not in raw:
            continue
        value = raw[f.name]
        kind = str(f.type)
        if value is not None and "Path" in kind:
            value = Path(value)
        elif isinstance(value, list) and kind.startswith("tuple"):
            value = tuple(value)
        values[f.name] = value
    return MockConfig(**values)


def app_from_environment() -> Starlette:
    """The app of one worker process, built from ``OPENAI_MOCK_CONFIG`` (uvicorn's ``factory``)."""
    from .app import create_app

    return create_app(config_from_json(os.environ[CONFIG_VARIABLE]))


def serve_workers(config: MockConfig, *, workers: int, host: str, port: int, log_level: str) -> None:
    """Serve ``config`` from ``workers`` processes until interrupted."""
    import uvicorn

    with tempfile.TemporaryDirectory(prefix="openai-mock-") as scratch:
        if config.data_dir is None:
            # State must live where every worker sees it.
            config = dataclasses.replace(config, data_dir=Path(scratch))
        # Recover the store from a crash once, here: a worker starting late must not sweep away the
        # upload another worker is writing.
        Store(config.data_dir).close()
        config = dataclasses.replace(config, shared_store=True)
        os.environ[CONFIG_VARIABLE] = config_to_json(config)
        uvicorn.run(
            "openai_mock.workers:app_from_environment",
            factory=True,
            workers=workers,
            host=host,
            port=port,
            log_level=log_level,
            access_log=log_level == "debug",
            timeout_graceful_shutdown=2,
        )
