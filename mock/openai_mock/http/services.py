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
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from ..config import MockConfig
from ..engines import catalog
from ..errors import InvalidRequestError, MockAPIError
from ..spec import SpecDocument, load_spec
from ..store import Store
from .faults import Fault
from .responses import error_response, server_error
from .validation import model_class, validate_json

__all__ = ["RESULT_CACHE_BYTES", "RESULT_CACHE_ENTRIES", "Endpoint", "Memo", "Operation", "Services", "api", "is_json"]

log = logging.getLogger("openai_mock")
M = TypeVar("M", bound=pydantic.BaseModel)
V = TypeVar("V")
Endpoint = Callable[[Request], Awaitable[Response]]
# (method, path, handler) of one operation of the spec.
Operation = tuple[str, str, Endpoint]
# Repeated requests skip the engine; the budget keeps a burst of large unique answers from growing the RSS.
RESULT_CACHE_ENTRIES = 1024
RESULT_CACHE_BYTES = 64 * 1024 * 1024


class Memo:
    """A small thread-safe LRU map, bounded by entries and by bytes. The engine is deterministic for a
    given request, so a repeated request can reuse its result instead of sampling every token again.

    ``put`` is told what an entry costs (its key and value, roughly as held in memory); the least
    recently used entries go until both bounds hold, and a value larger than the whole budget is
    not kept at all.
    """

    def __init__(self, max_entries: int, max_bytes: int) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._data: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def bytes_used(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._data)

    def get(self, key: Hashable) -> Any:
        with self._lock:
            entry = self._data.get(key)
            if entry is None:
                return None
            self._data.move_to_end(key)
            return entry[0]

    def put(self, key: Hashable, value: Any, nbytes: int) -> None:
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            if nbytes > self.max_bytes:
                return
            self._data[key] = (value, nbytes)
            self._bytes += nbytes
            while len(self._data) > self.max_entries or self._bytes > self.max_bytes:
                _, (_, size) = self._data.popitem(last=False)
                self._bytes -= size


def is_json(content_type: str | None) -> bool:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


class Services:
    def __init__(self, config: MockConfig) -> None:
        self.config = config
        self.spec: SpecDocument = load_spec(config.spec_path)
        self.store = Store(
            config.data_dir,
            quota_bytes=config.quota_bytes,
            fine_tune_seconds=config.fine_tune_duration,
            recover=not config.shared_store,
            fsync=config.fsync,
        )
        self.results = Memo(RESULT_CACHE_ENTRIES, RESULT_CACHE_BYTES)
        self.clock: Callable[[], float] = time.time

    def close(self) -> None:
        self.store.close()

    async def json_body(self, request: Request, cls: type[M]) -> M:
        """The validated request model of a JSON body (400 for another content type or bad JSON)."""
        if not is_json(request.headers.get("content-type")):
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
    """Engine errors become their status; anything unexpected a logged 500 (bad input never gets here).

    A client that goes away mid-request is no error of the server's: it is logged at debug level,
    so a real 500 stays visible in the log.
    """

    @functools.wraps(handler)
    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request)
        except MockAPIError as exc:
            return error_response(exc)
        except (ClientDisconnect, ConnectionError) as exc:
            log.debug("client went away during %s %s: %r", request.method, request.url.path, exc)
            return Response(status_code=499)  # nginx's "client closed request"; nobody reads it
        except Exception:
            log.exception("unexpected error in %s %s", request.method, request.url.path)
            return server_error()

    return wrapped
