"""``OpenAIMock``: one fresh mock for one test, its route handles, clients wired to it and seeded state."""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
from types import TracebackType
from typing import TYPE_CHECKING, Any

import httpx

from openai_models import dicts

from ..app import create_app
from ..config import MockConfig
from ..scripting.handles import Routes
from ..scripting.journal import RecordedCall
from ..server import MockServer
from .bridge import BridgeTransport
from .seeding import Seeder

if TYPE_CHECKING:
    from openai_client.config import OpenAIClient

__all__ = ["DEFAULT_API_KEY", "DEFAULT_ORGANIZATION", "IN_PROCESS_URL", "OpenAIMock"]

DEFAULT_API_KEY = "sk-openai-mock-0123456789"
DEFAULT_ORGANIZATION = "org-openai-mock"
# Requests to this URL never leave the process: the transports hand them to the app.
IN_PROCESS_URL = "http://openai-mock.invalid/v1"


class OpenAIMock(Routes):
    """The mock of one test: route handles by facade name (``mock.chat.completions.create``),
    ``transport`` / ``async_transport`` for in-process httpx clients, ``base_url`` for clients
    that need a URL (a real server on 127.0.0.1, started on first use), and ``seed_*`` for state.
    """

    def __init__(self, config: MockConfig | None = None, *, api_key: str | None = None) -> None:
        config = config or MockConfig()
        if config.default_organization is None:
            # Whatever key a test's client uses, it sees the state the test seeded.
            config = dataclasses.replace(config, default_organization=DEFAULT_ORGANIZATION)
        self.config = config
        self.app = create_app(self.config)
        scripting = self.app.state.scripting
        scripting.enabled = True
        super().__init__(scripting)
        self.api_key = api_key or (self.config.api_keys[0] if self.config.api_keys else DEFAULT_API_KEY)
        self._transport: BridgeTransport | None = None
        self._server: MockServer | None = None
        self._seeder = Seeder(self.app.state.services, self.api_key)

    # -- reaching the mock ------------------------------------------------------------------------

    @property
    def transport(self) -> httpx.BaseTransport:
        """A sync transport into the app, no socket (streamed answers arrive whole)."""
        if self._transport is None:
            self._transport = BridgeTransport(self.app)
        return self._transport

    @property
    def async_transport(self) -> httpx.AsyncBaseTransport:
        """An async transport into the app, no socket (``httpx.ASGITransport``)."""
        return httpx.ASGITransport(app=self.app)

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/v1`` of a real server over the same state and scripts."""
        if self._server is None:
            # No lifespan: its tokenizer preloading thread would change warning filters while pytest
            # changes them too (warnings.catch_warnings is not thread-safe); ``close`` shuts down.
            server = MockServer(self.config, app=self.app, lifespan="off")
            server.start()
            self._server = server
        return self._server.base_url

    def client(self, **options: Any) -> Any:
        """The facade's ``OpenAI`` client wired to the mock in process (``options`` as the facade's)."""
        facade = _facade("OpenAI")
        http_client = httpx.Client(transport=self.transport)
        return facade(api_key=self.api_key, base_url=IN_PROCESS_URL, http_client=http_client, **options)

    def async_client(self, **options: Any) -> Any:
        """The facade's ``AsyncOpenAI`` client wired to the mock in process."""
        facade = _facade("AsyncOpenAI")
        http_client = httpx.AsyncClient(transport=self.async_transport)
        return facade(api_key=self.api_key, base_url=IN_PROCESS_URL, http_client=http_client, **options)

    def function_client(self, **options: Any) -> OpenAIClient:
        """``client_from_env(...)`` wired to the mock in process, for the generated functions (sync and async).

        ``options`` are ``client_from_env``'s (``max_retries``, ``retry_policy``, ``headers``, ...);
        the environment is not read.
        """
        from openai_client.config import client_from_env

        options.setdefault("env", {})
        return client_from_env(
            options.pop("api_key", self.api_key),
            base_url=options.pop("base_url", IN_PROCESS_URL),
            transport=self.transport,
            async_transport=self.async_transport,
            **options,
        )

    # -- what happened ----------------------------------------------------------------------------

    @property
    def calls(self) -> list[RecordedCall]:
        """Every request the mock received, in order."""
        return self._scripting.recorded()

    @property
    def problems(self) -> list[str]:
        """Scripts that could not be served (a response the spec does not allow, a callable that raised)."""
        return self._scripting.found_problems()

    def pending(self) -> list[str]:
        """Scripted steps that no request used, as ``name: description``."""
        return self._scripting.pending()

    def reset(self) -> None:
        """Forget every script, call and problem (the state stays)."""
        self._scripting.reset()

    # -- state ------------------------------------------------------------------------------------

    @property
    def organization(self) -> str:
        """The organization of requests without an ``OpenAI-Organization`` header (any key), and of seeds."""
        return self._seeder.organization

    def seed_file(
        self,
        content: bytes | str,
        *,
        filename: str = "data.jsonl",
        purpose: str = "fine-tune",
        organization: str | None = None,
    ) -> dicts.OpenAIFile:
        """Store a file as if uploaded; returns its file object (``id``, ``bytes``, ...)."""
        return self._seeder.file(content, filename=filename, purpose=purpose, organization=organization)

    def seed_fine_tune(
        self,
        training_file: str | None = None,
        *,
        status: str = "succeeded",
        model: str = "curie",
        organization: str | None = None,
        **options: Any,
    ) -> dicts.FineTune:
        """A fine-tune job at ``status`` (``pending``, ``running``, ``succeeded``, ``cancelled``).

        Without ``training_file`` a small training file is seeded too; ``options`` are the
        create request's (``n_epochs``, ``suffix``, ...). A succeeded job has its fine-tuned model.
        The job then lives on with the mock's clock (see ``fine_tune_duration``).
        """
        return self._seeder.fine_tune(training_file, status=status, model=model, organization=organization, **options)

    def seed_model(
        self, base: str = "curie", *, suffix: str | None = None, organization: str | None = None
    ) -> dicts.Model:
        """A fine-tuned model of ``base`` (made by a succeeded fine-tune); returns its model object."""
        return self._seeder.model(base, suffix=suffix, organization=organization)

    # -- life -------------------------------------------------------------------------------------

    def __enter__(self) -> OpenAIMock:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Stop the server and the helper thread, and close the store."""
        if self._server is not None:
            self._server.stop()
            self._server = None
        if self._transport is not None:
            self._transport.close()
        with contextlib.suppress(Exception):
            self.app.state.services.close()


def _facade(name: str) -> Any:
    module = importlib.import_module("openai_client")
    cls = getattr(module, name, None)
    if cls is None:
        raise RuntimeError(f"openai_client.{name} (the facade) is not available in this installation")
    return cls
