"""What every route needs: settings, spec, store, a results cache, and request-reading helpers."""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

import pydantic
from starlette.requests import Request
from starlette.responses import Response

from . import catalog
from .config import MockConfig
from .errors import InvalidRequestError, MockAPIError
from .faults import Fault
from .responses import error_response, server_error
from .spec import SpecDocument, load_spec
from .store import Store
from .validation import model_class, validate_json

__all__ = ["Endpoint", "Memo", "Operation", "Services", "api"]

log = logging.getLogger("openai_mock")
M = TypeVar("M", bound=pydantic.BaseModel)
V = TypeVar("V")
Endpoint = Callable[[Request], Awaitable[Response]]
# (method, path, handler) of one operation of the spec.
Operation = tuple[str, str, Endpoint]


class Memo:
    """A small thread-safe LRU map. The engine is deterministic for a given request, so a repeated
    request can reuse its result instead of sampling every token again."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self._size:
                self._data.popitem(last=False)


def _is_json(content_type: str | None) -> bool:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


class Services:
    def __init__(self, config: MockConfig) -> None:
        self.config = config
        self.spec: SpecDocument = load_spec(config.spec_path)
        self.store = Store(config.data_dir, quota_bytes=config.quota_bytes, fine_tune_seconds=config.fine_tune_duration)
        self.results = Memo(1024)
        self.clock: Callable[[], float] = time.time

    def close(self) -> None:
        self.store.close()

    async def json_body(self, request: Request, cls: type[M]) -> M:
        """The validated request model of a JSON body (400 for another content type or bad JSON)."""
        if not _is_json(request.headers.get("content-type")):
            raise InvalidRequestError(
                f"Invalid Content-Type header ({request.headers.get('content-type', 'none')}), "
                "expected application/json."
            )
        return validate_json(self.spec, cls.__name__, await request.body(), cls)

    def model_for(self, model: str, endpoint: str) -> catalog.ModelInfo:
        return catalog.require_model(model, endpoint, self.store.models.exists)

    @staticmethod
    def organization(request: Request) -> str:
        org: str = request.state.organization
        return org

    @staticmethod
    def fault(request: Request) -> Fault | None:
        fault: Fault | None = getattr(request.state, "fault", None)
        return fault

    @staticmethod
    def body_class(schema_name: str) -> type[pydantic.BaseModel]:
        return model_class(schema_name)


def api(handler: Endpoint) -> Endpoint:
    """Engine errors become their status; anything unexpected a logged 500 (bad input never gets here)."""

    @functools.wraps(handler)
    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request)
        except MockAPIError as exc:
            return error_response(exc)
        except Exception:
            log.exception("unexpected error in %s %s", request.method, request.url.path)
            return server_error()

    return wrapped
