"""Whether a multipart body, read the way a server reads it, matches the request schema.

A form field carries text: a generated ``null`` or ``5`` for a string field arrives as the valid
string ``"null"`` or ``"5"``. schemathesis accounts for this, but its check gives up on bodies that
hold file parts (its validator cannot read them), so every such negative case in the image and
audio operations would count as "invalid data accepted". This module does the same reading with
file parts standing in as strings.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

__all__ = ["form_fields", "multipart_is_valid_as_sent"]

_SPEC_URI = "urn:openai-conform:forms"


def form_fields(content: bytes, content_type: str) -> dict[str, list[str | None]]:
    """Each part's text by field name; ``None`` for a file part (one with a filename or its own content type)."""
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + content)
    fields: dict[str, list[str | None]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        text = None
        if isinstance(payload, bytes) and part.get_filename() is None and "content-type" not in part:
            text = payload.decode(errors="replace")
        fields.setdefault(name, []).append(text)
    return fields


def _readings(text: str) -> list[Any]:
    # A server may take the text as it is or parse it into the declared number, boolean or null.
    try:
        return [text, json.loads(text)]
    except ValueError:
        return [text]


def multipart_is_valid_as_sent(
    document: Mapping[str, Any], body_schema: Any, content: bytes, content_type: str
) -> bool:
    """True when some reading of every sent field makes the form valid against ``body_schema``."""
    try:
        fields = form_fields(content, content_type)
    except Exception:
        return False
    resource = Resource.from_contents(dict(document), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(_SPEC_URI, resource)
    schema = body_schema
    if isinstance(body_schema, Mapping) and "$ref" in body_schema:
        schema = {"$ref": _SPEC_URI + str(body_schema["$ref"])}
    validator = Draft202012Validator(schema, registry=registry)
    instance: dict[str, Any] = {}
    for name, texts in fields.items():
        if len(texts) != 1:
            return False  # a repeated field is not what the schema describes
        text = texts[0]
        if text is None:
            instance[name] = ""  # file content: any bytes are a valid `format: binary` string
            continue
        readings = _readings(text)
        instance[name] = next(
            (value for value in readings if _field_ok(validator, {**instance, name: value}, name)), readings[0]
        )
    return bool(validator.is_valid(instance))


def _field_ok(validator: Draft202012Validator, instance: dict[str, Any], name: str) -> bool:
    return not any(list(error.absolute_path)[:1] == [name] for error in validator.iter_errors(instance))
