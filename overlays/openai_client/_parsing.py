"""Parsing a decoded JSON answer into a generated model, with typed errors instead of bare ones.

`parse_model(CreateChatCompletionResponse, payload)` returns the model; anything that cannot be
parsed raises APIResponseValidationError (an OpenAIError) whose `path` is a JSON pointer to the
fault (`/choices/0/message/role`), never a bare KeyError or TypeError. Enum values and fields the
spec does not know yet are kept as received; `strict=True` refuses unknown enum values too.

`request_from_mapping(CreateChatCompletionRequest, {...})` builds a request model from a caller's
dict the other way round: every enum value must be one the spec lists, and an unknown or
misspelled key or a value of the wrong type raises ConfigurationError naming it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, TypeVar, cast

from .exceptions import APIResponseValidationError, ConfigurationError
from .types import PARSE_FAILURES, ParseError, enums_are_strict, strict_enums

__all__ = ["FromDict", "RequestModel", "model_parser", "parse_model", "request_from_mapping"]

M = TypeVar("M", covariant=True)
R = TypeVar("R", bound="RequestModel")


class FromDict(Protocol[M]):
    """A generated model class: anything with `from_dict(mapping)`."""

    def from_dict(self, src_dict: Mapping[str, Any], /) -> M: ...


class RequestModel(Protocol):
    """A generated request model: built by `from_dict`, sent as `to_dict()`."""

    @classmethod
    def from_dict(cls: type[R], src_dict: Mapping[str, Any], /) -> R: ...

    def to_dict(self) -> dict[str, Any]: ...


def parse_model(model: FromDict[M] | Callable[[Mapping[str, Any]], M], payload: object, *, strict: bool = False) -> M:
    """`payload` parsed by `model` (a model class or its `from_dict`).

    `strict=True` also refuses values the spec does not list (unknown enum members).
    """
    key = (model, strict)
    parse = _PARSERS.get(key)
    if parse is None:
        if len(_PARSERS) >= _MAX_PARSERS:  # models are few; a caller passing new callables must not grow this
            _PARSERS.clear()
        parse = _PARSERS[key] = model_parser(model, strict=strict)
    return cast(M, parse(payload))


# A call's answer is parsed once: setting its parser up is a good part of a small answer's cost.
_PARSERS: dict[tuple[object, bool], Callable[[object], Any]] = {}
_MAX_PARSERS = 1024


def model_parser(
    model: FromDict[M] | Callable[[Mapping[str, Any]], M], *, strict: bool = False
) -> Callable[[object], M]:
    """`parse_model` for one model, set up once for the many payloads of a stream."""
    decode: Callable[[Mapping[str, Any]], M] = getattr(model, "from_dict", None) or cast(Any, model)

    def parse(payload: object) -> M:
        if type(payload) is not dict and not isinstance(payload, Mapping):
            raise APIResponseValidationError(
                f"{_name_of(model, decode)}: expected a JSON object, got {type(payload).__name__}", path=""
            )
        try:
            if enums_are_strict() is strict:  # already in force (always, in the default lenient mode)
                return decode(cast(Mapping[str, Any], payload))
            with strict_enums(strict):
                return decode(cast(Mapping[str, Any], payload))
        except ParseError as exc:
            raise APIResponseValidationError(f"{_name_of(model, decode)}: {exc.reason}", path=exc.pointer) from exc
        except KeyError as exc:  # a decoder other than a generated from_dict
            field = str(exc.args[0]) if exc.args else "?"
            message = f"{_name_of(model, decode)}: missing required field {field!r}"
            raise APIResponseValidationError(message, path=f"/{field}") from exc
        except PARSE_FAILURES as exc:
            raise APIResponseValidationError(f"{_name_of(model, decode)}: {exc}", path="") from exc

    return parse


def _name_of(model: object, decode: object) -> str:
    name = getattr(model, "__name__", None) or getattr(decode, "__qualname__", "model").split(".")[0]
    return str(name)


def request_from_mapping(model: type[R], body: Mapping[str, Any]) -> R:
    """`body` (a caller's dict) as the request model `model`; ConfigurationError names what does not fit.

    Request schemas are closed (additionalProperties: false), so their from_dict refuses unknown keys.
    """
    try:
        with strict_enums(True):
            return model.from_dict(_as_json(body))
    except ParseError as exc:
        where = _display(exc.path)
        if exc.reason == "missing required field":
            raise ConfigurationError(f"{model.__name__} is missing required field {where!r}") from None
        if exc.reason == "unknown field":
            raise ConfigurationError(f"{model.__name__} has no field {where!r}") from None
        raise ConfigurationError(f"invalid {model.__name__} field {where!r}: {exc.reason}") from exc


def _as_json(value: Any) -> Any:
    # Callers write tuples where JSON has arrays; from_dict parses what json.loads returns (lists).
    if isinstance(value, Mapping):
        return {key: _as_json(item) for key, item in cast(Mapping[str, Any], value).items()}
    if isinstance(value, tuple | list):
        return [_as_json(item) for item in cast(Sequence[Any], value)]
    return value


def _display(path: list[str | int]) -> str:
    """`messages[0].role` for the path ["messages", 0, "role"]."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "body"
