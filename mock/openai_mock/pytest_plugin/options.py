"""The ``openai_mock`` marker's keywords: ``MockConfig`` fields plus the plugin's own."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import MockConfig

__all__ = ["PluginOptions", "parse_marker"]

# Shorter names for the command line's options.
_ALIASES = {"latency": "latency_ms"}
_CONFIG_FIELDS = frozenset(f.name for f in dataclasses.fields(MockConfig))


@dataclass(frozen=True)
class PluginOptions:
    config: MockConfig
    api_key: str | None = None
    # Scripted steps no request used fail the test at teardown.
    strict: bool = True


def parse_marker(kwargs: Mapping[str, Any]) -> PluginOptions:
    """``@pytest.mark.openai_mock(fine_tune_duration=1, api_keys=["sk-a"], latency=20, strict=False)``."""
    config: dict[str, Any] = {}
    plugin: dict[str, Any] = {}
    for key, value in kwargs.items():
        name = _ALIASES.get(key, key)
        if name in ("api_key", "strict"):
            plugin[name] = value
        elif name in _CONFIG_FIELDS:
            config[name] = value
        else:
            known = sorted({*_CONFIG_FIELDS, *_ALIASES, "api_key", "strict"})
            raise TypeError(f"openai_mock marker: unknown option {key!r}; known: {', '.join(known)}")
    if isinstance(config.get("api_keys"), str):
        config["api_keys"] = (config["api_keys"],)
    elif "api_keys" in config:
        config["api_keys"] = tuple(config["api_keys"])
    for name in ("data_dir", "spec_path"):
        if isinstance(config.get(name), str):
            config[name] = Path(config[name])
    try:
        mock_config = MockConfig(**config)
    except ValueError as exc:
        raise TypeError(f"openai_mock marker: {exc}") from None
    return PluginOptions(mock_config, **plugin)
