"""The proxy's async tests run on asyncio (uvicorn's loop in production)."""

from __future__ import annotations

import pytest


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
