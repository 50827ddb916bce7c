"""Settings of one mock server, shared by ``create_app``, ``MockServer`` and the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["DEFAULT_MAX_BODY_BYTES", "MockConfig"]

DEFAULT_MAX_BODY_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class MockConfig:
    """Everything the command-line options set; the defaults suit tests (in memory, no delays).

    ``api_keys`` empty means: accept any key of the form ``sk-...``. ``fault_rate`` is the share
    of ``/v1`` requests answered 429/500/503, drawn from a generator seeded with ``fault_seed``
    so a run can be replayed. Rate-limit headers are always sent; requests beyond the budget are
    refused only with ``enforce_rate_limits``.
    """

    data_dir: Path | None = None
    api_keys: tuple[str, ...] = ()
    latency_ms: float = 0.0
    fault_rate: float = 0.0
    fault_seed: int = 0
    fine_tune_duration: float = 5.0
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    quota_bytes: int = 1 << 30
    requests_per_minute: int = 3500
    tokens_per_minute: int = 90000
    enforce_rate_limits: bool = False
    default_organization: str | None = None
    spec_path: Path | None = None
    log_level: str = "info"
    # Exchanges recorded by the validating proxy, answered as recorded before the mock sees them.
    replay_dir: Path | None = None
    # With data_dir: wait for the disk before answering a change, so that a power loss keeps what was
    # answered. Without it a killed process still loses nothing (the kernel holds what was written).
    fsync: bool = False
    # Other processes serve the same data_dir (openai-mock --workers): no crash recovery at start.
    shared_store: bool = False
    # Enables the scripting API under /__mock__/ for requests bearing this key.
    admin_key: str | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.fault_rate <= 1.0:
            raise ValueError(f"fault_rate must be between 0 and 1, got {self.fault_rate}")
        if self.latency_ms < 0:
            raise ValueError(f"latency_ms must not be negative, got {self.latency_ms}")
        if self.fine_tune_duration < 0:
            raise ValueError(f"fine_tune_duration must not be negative, got {self.fine_tune_duration}")
        if self.admin_key is not None and not self.admin_key.strip():
            raise ValueError("admin_key must not be empty")
        if self.max_body_bytes <= 0:
            raise ValueError(f"max_body_bytes must be positive, got {self.max_body_bytes}")
