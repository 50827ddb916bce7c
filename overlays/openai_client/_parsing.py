"""Parsing a decoded JSON answer into a generated model, with typed errors instead of bare ones.

`parse_model(CreateChatCompletionResponse, payload)` returns the model; anything that cannot be
parsed raises APIResponseValidationError (an OpenAIError), never a bare KeyError or TypeError.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeVar

from .exceptions import APIResponseValidationError

__all__ = ["FromDict", "parse_model"]

M = TypeVar("M", covariant=True)


class FromDict(Protocol[M]):
    """A generated model class: anything with `from_dict(mapping)`."""

    def from_dict(self, src_dict: Mapping[str, Any], /) -> M: ...


def parse_model(model: FromDict[M] | Callable[[Mapping[str, Any]], M], payload: object, *, strict: bool = False) -> M:
    """`payload` parsed by `model` (a model class or its `from_dict`).

    `strict=True` also refuses values the spec does not list (unknown enum members).
    """
    decode = model.from_dict if hasattr(model, "from_dict") else model
    name = getattr(model, "__name__", None) or getattr(decode, "__qualname__", "model").split(".")[0]
    if not isinstance(payload, Mapping):
        raise APIResponseValidationError(f"{name}: expected a JSON object, got {type(payload).__name__}", path="")
    try:
        return decode(payload)
    except KeyError as exc:
        field = str(exc.args[0]) if exc.args else "?"
        raise APIResponseValidationError(f"{name}: missing required field {field!r}", path=f"/{field}") from exc
    except (TypeError, ValueError, AttributeError) as exc:
        raise APIResponseValidationError(f"{name}: {exc}", path="") from exc
