"""Checking what goes into request headers before the first request, without echoing secrets.

HTTP header values are ASCII (RFC 9110 section 5.5): httpx cannot encode a zero-width space or a
BOM and raises UnicodeEncodeError on the first request, with the whole `Bearer ...` header in its
repr. Checked at configuration instead, the fault is named by position and code point only.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from .exceptions import ConfigurationError

__all__ = ["check_credential", "check_headers"]

# RFC 9110 section 5.6.2: a header name is a token. A set, not a regex: compiling one costs more at import
# than most of this package's modules.
_TOKEN = frozenset("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_VISIBLE = frozenset(chr(code) for code in range(0x21, 0x7F))
_IN_VALUE = _VISIBLE | {" ", "\t"}


def _describe(text: str, position: int) -> str:
    char = text[position]
    name = unicodedata.name(char, "")
    label = f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X}"
    return f"{label} at position {position}"


def _first_outside(text: str, allowed: frozenset[str]) -> int | None:
    for position, char in enumerate(text):
        if char not in allowed:
            return position
    return None


def check_credential(value: str, *, field: str, source: str) -> None:
    """Refuse a key or organization id holding anything but visible ASCII; the value is never shown.

    `field` names the argument (`api_key`), `source` where it may have come from (`OPENAI_API_KEY`).
    """
    position = _first_outside(value, _VISIBLE)
    if position is not None:
        raise ConfigurationError(
            f"{field} contains {_describe(value, position)}, which cannot be sent in an HTTP header"
            f" (only visible ASCII can); check {source}"
        )


def check_headers(headers: Mapping[str, object]) -> None:
    """Refuse default headers that httpx or the wire would refuse later, naming the header, not its value."""
    for name, value in headers.items():
        if not isinstance(name, str) or not name or not _TOKEN.issuperset(name):
            raise ConfigurationError(f"headers: {name!r} is not a valid HTTP header name")
        if not isinstance(value, str):
            raise ConfigurationError(f"headers: the value of {name} must be a string, not {type(value).__name__}")
        position = _first_outside(value, _IN_VALUE)
        if position is not None:
            raise ConfigurationError(
                f"headers: the value of {name} contains {_describe(value, position)},"
                " which cannot be sent in an HTTP header (only printable ASCII can)"
            )
        if value != value.strip(" \t"):
            raise ConfigurationError(f"headers: the value of {name} starts or ends with whitespace")
