"""A tiny OpenAPI 3.1 document with one of everything the rules look at."""

from __future__ import annotations

from typing import Any

THING_PATH = "/things/{thing_id}"


def json_content(name: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}


def tiny_spec() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "tiny", "version": "1"},
        "paths": {
            THING_PATH: {
                "parameters": [{"name": "thing_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "get": {
                    "operationId": "getThing",
                    "parameters": [{"name": "verbose", "in": "query", "schema": {"type": "boolean"}}],
                    "responses": {
                        "200": {"description": "the thing", "content": json_content("Thing")},
                        "404": {"description": "no such thing"},
                    },
                },
            },
            "/things": {
                "post": {
                    "operationId": "createThing",
                    "requestBody": {"required": True, "content": json_content("CreateThing")},
                    "responses": {"200": {"description": "made", "content": json_content("Thing")}},
                }
            },
        },
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "required": ["id", "kind"],
                    "properties": {
                        "id": {"type": "string"},
                        "kind": {"type": "string", "enum": ["a", "b"]},
                        "note": {"type": "string"},
                        "tags": {"type": "array", "items": {"type": "string"}},
                        "parent": {"anyOf": [{"$ref": "#/components/schemas/Parent"}, {"type": "null"}]},
                    },
                },
                "Parent": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
                "CreateThing": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string", "maxLength": 10, "pattern": "^[a-z]+$"},
                        "size": {"type": "string", "enum": ["s", "m"], "default": "s"},
                        "count": {"type": "integer", "minimum": 1, "maximum": 5},
                        "label": {"type": ["string", "null"]},
                        "extra": {"type": "string"},
                    },
                },
            }
        },
    }
