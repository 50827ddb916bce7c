"""Sending a request built by the generated code, raising typed errors, parsing the answer."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, TypeVar

import httpx

from .client import AuthenticatedClient, Client
from .error_mapping import raise_for_response
from .exceptions import ConfigurationError

__all__ = ["AnyClient", "Parse", "asend", "enum_option", "given", "json_body", "json_or_text", "send"]

AnyClient = AuthenticatedClient | Client
R = TypeVar("R")
E = TypeVar("E", bound=enum.Enum)
Parse = Callable[[httpx.Response], R]


def enum_option(cls: type[E], value: str | E | None, field: str) -> E | None:
    """`value` as the generated enum, or ConfigurationError naming `field` and the allowed values."""
    if value is None or isinstance(value, cls):
        return value
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in cls)
        raise ConfigurationError(f"{field} must be one of {allowed}, got {value!r}") from None


def given(**fields: Any) -> dict[str, Any]:
    """Only the options the caller set, so the generated defaults (or UNSET) apply to the rest."""
    return {k: v for k, v in fields.items() if v is not None}


def json_body(model: Callable[[Any], R]) -> Parse[R]:
    return lambda response: model(response.json())


def json_or_text(model: Callable[[Any], R]) -> Parse[R | str]:
    """JSON answers become `model`; text/plain ones (audio as text, srt or vtt) stay text."""

    def parse(response: httpx.Response) -> R | str:
        if response.headers.get("content-type", "").startswith("application/json"):
            return model(response.json())
        return response.text

    return parse


def send(client: AnyClient, kwargs: dict[str, Any], parse: Parse[R]) -> R:
    response = client.get_httpx_client().request(**kwargs)
    raise_for_response(response)
    return parse(response)


async def asend(client: AnyClient, kwargs: dict[str, Any], parse: Parse[R]) -> R:
    response = await client.get_async_httpx_client().request(**kwargs)
    raise_for_response(response)
    return parse(response)
