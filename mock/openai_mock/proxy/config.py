"""Settings of the validating proxy, shared by ``create_proxy_app``, ``ProxyServer`` and ``openai-mock proxy``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["DEFAULT_MAX_JSON_BYTES", "ProxyConfig"]

# JSON bodies are read whole to be validated (and recorded); larger ones pass through unchecked.
DEFAULT_MAX_JSON_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class ProxyConfig:
    """``upstream`` is the API's base URL (``https://api.openai.com/v1``): a request to the proxy's
    ``/v1/chat/completions`` goes to ``{upstream}/chat/completions``."""

    upstream: str
    fail_on_violation: bool = False
    # Also report the fields of answers and events that the spec does not declare (where it leaves objects open).
    undeclared_fields: bool = False
    record_dir: Path | None = None
    spec_path: Path | None = None
    max_json_bytes: int = DEFAULT_MAX_JSON_BYTES
    connect_timeout: float = 10.0
    read_timeout: float = 600.0

    def __post_init__(self) -> None:
        parts = urlsplit(self.upstream)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"upstream must be an http(s) URL such as https://api.openai.com/v1: {self.upstream!r}")
        if self.max_json_bytes <= 0:
            raise ValueError(f"max_json_bytes must be positive, got {self.max_json_bytes}")
