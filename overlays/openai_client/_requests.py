"""Sending a request built by the generated code, raising typed errors, parsing the answer."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, get_args

import httpx

from ._parsing import parse_model
from .client import AuthenticatedClient, Client
from .error_mapping import raise_for_response
from .exceptions import APIResponseValidationError, ConfigurationError

__all__ = ["AnyClient", "Parse", "asend", "choice_option", "given", "json_body", "json_or_text", "send"]

AnyClient = AuthenticatedClient | Client
R = TypeVar("R")
Parse = Callable[[httpx.Response], R]


def choice_option(kind: Any, value: str | None, field: str) -> Any:
    """`value` checked against a generated choice type (a Literal alias or an Enum class);
    ConfigurationError names `field` and the allowed values otherwise."""
    if value is None:
        return None
    members = [m.value for m in kind] if isinstance(kind, type) and issubclass(kind, enum.Enum) else get_args(kind)
    for member in members:
        if value == member:
            return kind(value) if isinstance(kind, type) else member
    allowed = ", ".join(sorted(repr(m) for m in members))
    raise ConfigurationError(f"{field} must be one of {allowed}, got {value!r}")


def given(**fields: Any) -> dict[str, Any]:
    """Only the options the caller set, so the generated defaults (or UNSET) apply to the rest."""
    return {k: v for k, v in fields.items() if v is not None}


def _json_of(response: httpx.Response) -> object:
    try:
        return response.json()
    except ValueError as exc:  # json.JSONDecodeError, UnicodeDecodeError
        raise APIResponseValidationError(f"the answer is not JSON: {exc}", path="") from exc


def json_body(model: Callable[[Mapping[str, Any]], R]) -> Parse[R]:
    """The JSON answer parsed by `model` (a generated from_dict) through parse_model."""
    return lambda response: parse_model(model, _json_of(response))


def json_or_text(model: Callable[[Mapping[str, Any]], R]) -> Parse[R | str]:
    """JSON answers become `model`; text/plain ones (audio as text, srt or vtt) stay text."""

    def parse(response: httpx.Response) -> R | str:
        if response.headers.get("content-type", "").startswith("application/json"):
            return parse_model(model, _json_of(response))
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
