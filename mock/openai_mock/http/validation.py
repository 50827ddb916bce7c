"""Request bodies checked against the spec, through the generated pydantic models.

The fast path is one strict ``model_validate_json`` call. Anything it refuses, and any body
that carries a ``null`` the models would let through, is re-checked with jsonschema against
the spec, which decides validity and gives the wording (the real API's messages were
jsonschema's). JSON Schema reads ``1.0`` as an integer, pydantic's strict mode does not:
such a body passes jsonschema and is then read leniently after integral floats become ints.

Wording and ``param`` (see docs/MOCK.md):

* unknown top-level argument: ``Unrecognized request argument supplied: NAME``, param ``NAME``;
* any other schema error: jsonschema's message, then `` - 'dotted.path'`` when the error is
  below the top level object; param is the argument's name when the error is about a
  top-level argument (missing, range, type, enum), ``null`` when it is nested deeper
  (``messages.0.role``), as the real API answered;
* a body that is not JSON: ``We could not parse the JSON body of your request. ...``, param null.

An explicit ``null`` for a field that has another default (``temperature``, ``n``, ``stream``, ...)
means that default, as the API and its SDKs read it: the field is treated as not sent, so the model
holds the default and the field is not in ``model_fields_set``. ``given`` narrows such a field's
type for the handlers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any, TypeVar

import orjson
import pydantic
from jsonschema import ValidationError
from jsonschema.exceptions import best_match

from ..errors import InvalidRequestError
from ..spec import SpecDocument

__all__ = ["PARSE_ERROR", "given", "model_class", "schema_error", "validate_form", "validate_json"]

M = TypeVar("M", bound=pydantic.BaseModel)
T = TypeVar("T")

PARSE_ERROR = (
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP "
    "library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you "
    "have trouble figuring out how to fix this, please send an email to support@openai.com and include any "
    "relevant code you'd like help with.)"
)


@cache
def model_class(schema_name: str) -> type[pydantic.BaseModel]:
    """The generated model of a spec schema (same name)."""
    import openai_models

    cls: type[pydantic.BaseModel] = getattr(openai_models, schema_name)
    return cls


def _dotted(path: Iterator[Any] | list[Any]) -> str:
    return ".".join(str(p) for p in path)


def schema_error(error: ValidationError) -> InvalidRequestError:
    """The real API's 400 for one jsonschema error."""
    path = list(error.absolute_path)
    instance = error.instance
    if error.validator == "additionalProperties" and isinstance(instance, dict):
        allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        extra = next((k for k in instance if k not in allowed), None)
        if not path and extra is not None:
            return InvalidRequestError(f"Unrecognized request argument supplied: {extra}", param=extra)
    if error.validator == "required" and not path and isinstance(instance, dict):
        required: list[str] = list(error.validator_value) if isinstance(error.validator_value, list) else []
        missing = next((k for k in required if k not in instance), None)
        return InvalidRequestError(error.message, param=missing)
    suffix = f" - '{_dotted(path)}'" if path else ""
    param = str(path[0]) if len(path) == 1 else None
    return InvalidRequestError(_message(error) + suffix, param=param)


def _message(error: ValidationError) -> str:
    # The API's schema marked nullable fields apart from their type, so its type errors never list 'null'.
    kinds = error.validator_value
    if error.validator == "type" and isinstance(kinds, list) and "null" in kinds and len(kinds) > 1:
        return f"{_shown(error.instance)} is not of type {', '.join(repr(k) for k in kinds if k != 'null')}"
    if error.validator == "anyOf" and isinstance(error.instance, list):
        # Say which bound an array broke rather than echoing it whole (it may hold 2049 inputs).
        for branch in error.validator_value if isinstance(error.validator_value, list) else ():
            most = branch.get("maxItems") if isinstance(branch, dict) else None
            if isinstance(most, int) and len(error.instance) > most:
                return f"Too many inputs: {len(error.instance)} given, at most {most} allowed"
    full = repr(error.instance)
    if len(full) > _SHOWN and error.message.startswith(full):
        return _shown(error.instance) + error.message[len(full) :]
    return error.message


_SHOWN = 200


def _shown(value: Any) -> str:
    """A value as jsonschema would print it, cut short: messages must not echo a huge request."""
    text = repr(value)
    return text if len(text) <= _SHOWN else text[:_SHOWN] + " ..."


def _check_schema(spec: SpecDocument, schema_name: str, data: Any) -> None:
    error = best_match(spec.validator(schema_name).iter_errors(data))
    if error is not None:
        raise schema_error(error)


def _null_paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if value is None:
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _null_paths(item, (*path, key))
    elif isinstance(value, list):
        for item in value:
            yield from _null_paths(item, (*path, 0))


def _integral_floats_to_int(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _integral_floats_to_int(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_integral_floats_to_int(v) for v in value]
    return value


def _fallback(exc: pydantic.ValidationError) -> InvalidRequestError:
    # Only reached when pydantic refuses what the spec allows: report pydantic's first complaint.
    first = exc.errors(include_url=False)[0]
    loc = [p for p in first["loc"] if isinstance(p, int) or p.isidentifier()]
    suffix = f" - '{_dotted(loc)}'" if loc else ""
    return InvalidRequestError(f"{first['msg']}{suffix}", param=str(loc[0]) if len(loc) == 1 else None)


def given(value: T | None, name: str) -> T:
    """A field with a default, after validation: its null was read as the default, so it is never None."""
    if value is None:  # only reachable if a handler reads a field the spec gives no default
        raise InvalidRequestError(f"None is not allowed - '{name}'", param=name)
    return value


def _without_null_defaults(spec: SpecDocument, schema_name: str, data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    defaults = spec.null_defaults(schema_name)
    return {key: value for key, value in data.items() if value is not None or key not in defaults}


def _lenient(cls: type[M], data: Any) -> M:
    try:
        return cls.model_validate(_integral_floats_to_int(data))
    except pydantic.ValidationError as exc:
        raise _fallback(exc) from None


def validate_json(spec: SpecDocument, schema_name: str, body: bytes, cls: type[M]) -> M:
    """The request model for a JSON body, or the 400 the real API gives."""
    try:
        model = cls.model_validate_json(body, strict=True)
    except pydantic.ValidationError:
        data = _loads(body)
        _check_schema(spec, schema_name, data)
        return _lenient(cls, _without_null_defaults(spec, schema_name, data))
    if b"null" in body or b"NaN" in body or b"Infinity" in body:
        data = _loads(body)  # rejects NaN and Infinity, which are not JSON
        nulls = list(_null_paths(data))
        if any(not spec.allows_null(schema_name, p) for p in nulls):
            _check_schema(spec, schema_name, data)
        if any(len(p) == 1 and p[0] in spec.null_defaults(schema_name) for p in nulls):
            return _lenient(cls, _without_null_defaults(spec, schema_name, data))
    return model


def _loads(body: bytes) -> Any:
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        raise InvalidRequestError(PARSE_ERROR) from None


def _coerce(spec: SpecDocument, schema_name: str, name: str, text: str) -> Any:
    # A form has no null; a client sends its JSON spelling, which is not a value of a nullable field.
    if text == "null" and spec.allows_null(schema_name, (name,)) and not spec.accepts(schema_name, name, text):
        return None
    kind = spec.scalar_type(schema_name, name)
    try:
        if kind == "integer":
            return int(text)
        if kind == "number":
            return float(text)
    except ValueError:
        return text
    if kind == "boolean" and text in ("true", "false"):
        return text == "true"
    return text


def validate_form(spec: SpecDocument, schema_name: str, fields: Mapping[str, str], files: set[str], cls: type[M]) -> M:
    """The request model for a multipart body; file parts count as present and hold no bytes.

    Text parts are read as the type the spec gives their property, so ``n=2`` is the integer 2, and
    ``null`` is null where the property allows it.
    """
    data: dict[str, Any] = {k: _coerce(spec, schema_name, k, v) for k, v in fields.items()}
    for name in files:
        data[name] = ""
    _check_schema(spec, schema_name, data)
    for name in files:
        data[name] = b""
    return _lenient(cls, _without_null_defaults(spec, schema_name, data))
