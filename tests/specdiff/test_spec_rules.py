"""Each spec rule of the table fires on the smallest edit that should trigger it, at the node that holds it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from _fixtures import THING_PATH, json_content, tiny_spec
from specdiff import RULES, compare_specs, sort_changes
from specdiff.schemas import resolve_pointer

Doc = dict[str, Any]
Edit = Callable[[Doc], None]


def schema(doc: Doc, name: str) -> Doc:
    result: Doc = doc["components"]["schemas"][name]
    return result


def prop(doc: Doc, name: str, field: str) -> Doc:
    result: Doc = schema(doc, name)["properties"][field]
    return result


def get_thing(doc: Doc) -> Doc:
    result: Doc = doc["paths"][THING_PATH]["get"]
    return result


def create_thing(doc: Doc) -> Doc:
    result: Doc = doc["paths"]["/things"]["post"]
    return result


def query(name: str, required: bool) -> Doc:
    return {"name": name, "in": "query", "required": required, "schema": {"type": "string"}}


# (rule, operation, edit of the old document, edit of the new one)
CASES: list[tuple[str, str, Edit | None, Edit | None]] = [
    ("api-removed", "createThing", None, lambda d: d["paths"].pop("/things")),
    (
        "api-added",
        "listThings",
        None,
        lambda d: d["paths"]["/things"].update(get={**get_thing(d), "operationId": "listThings"}),
    ),
    ("api-operation-id-changed", "fetchThing", None, lambda d: get_thing(d).update(operationId="fetchThing")),
    ("api-deprecated", "getThing", None, lambda d: get_thing(d).update(deprecated=True)),
    ("request-parameter-removed", "getThing", None, lambda d: get_thing(d)["parameters"].pop()),
    ("new-required-request-parameter", "getThing", None, lambda d: get_thing(d)["parameters"].append(query("x", True))),
    (
        "new-optional-request-parameter",
        "getThing",
        None,
        lambda d: get_thing(d)["parameters"].append(query("x", False)),
    ),
    (
        "request-parameter-became-required",
        "getThing",
        None,
        lambda d: get_thing(d)["parameters"][0].update(required=True),
    ),
    (
        "request-parameter-became-optional",
        "getThing",
        lambda d: get_thing(d)["parameters"][0].update(required=True),
        None,
    ),
    (
        "request-body-added",
        "getThing",
        None,
        lambda d: get_thing(d).update(requestBody={"content": json_content("Parent")}),
    ),
    (
        "new-required-request-body",
        "getThing",
        None,
        lambda d: get_thing(d).update(requestBody={"required": True, "content": json_content("Parent")}),
    ),
    ("request-body-removed", "createThing", None, lambda d: create_thing(d).pop("requestBody")),
    (
        "request-media-type-removed",
        "createThing",
        lambda d: create_thing(d)["requestBody"]["content"].update({"multipart/form-data": {"schema": {}}}),
        None,
    ),
    (
        "request-media-type-added",
        "createThing",
        None,
        lambda d: create_thing(d)["requestBody"]["content"].update({"multipart/form-data": {"schema": {}}}),
    ),
    ("request-property-removed", "createThing", None, lambda d: schema(d, "CreateThing")["properties"].pop("extra")),
    (
        "new-required-request-property",
        "createThing",
        None,
        lambda d: schema(d, "CreateThing").update(
            properties={**schema(d, "CreateThing")["properties"], "owner": {"type": "string"}},
            required=["name", "owner"],
        ),
    ),
    (
        "new-optional-request-property",
        "createThing",
        None,
        lambda d: schema(d, "CreateThing")["properties"].update(owner={"type": "string"}),
    ),
    (
        "request-property-became-required",
        "createThing",
        None,
        lambda d: schema(d, "CreateThing")["required"].append("extra"),
    ),
    ("request-property-became-optional", "createThing", None, lambda d: schema(d, "CreateThing").update(required=[])),
    (
        "request-property-type-changed",
        "createThing",
        None,
        lambda d: prop(d, "CreateThing", "count").update(type="string"),
    ),
    (
        "request-property-type-widened",
        "createThing",
        None,
        lambda d: prop(d, "CreateThing", "count").update(type=["integer", "string"]),
    ),
    (
        "request-property-became-not-nullable",
        "createThing",
        None,
        lambda d: prop(d, "CreateThing", "label").update(type="string"),
    ),
    (
        "request-property-became-nullable",
        "createThing",
        None,
        lambda d: prop(d, "CreateThing", "extra").update(type=["string", "null"]),
    ),
    ("request-enum-value-removed", "createThing", None, lambda d: prop(d, "CreateThing", "size").update(enum=["s"])),
    ("request-enum-value-added", "createThing", None, lambda d: prop(d, "CreateThing", "size")["enum"].append("l")),
    (
        "request-property-constraint-narrowed",
        "createThing",
        None,
        lambda d: prop(d, "CreateThing", "name").update(maxLength=5),
    ),
    (
        "request-property-constraint-relaxed",
        "createThing",
        None,
        lambda d: prop(d, "CreateThing", "count").update(maximum=9),
    ),
    (
        "request-property-pattern-changed",
        "createThing",
        None,
        lambda d: prop(d, "CreateThing", "name").update(pattern="^.+$"),
    ),
    (
        "request-property-default-changed",
        "createThing",
        None,
        lambda d: prop(d, "CreateThing", "size").update(default="m"),
    ),
    ("response-success-status-removed", "getThing", None, lambda d: get_thing(d)["responses"].pop("200")),
    ("response-non-success-status-removed", "getThing", None, lambda d: get_thing(d)["responses"].pop("404")),
    (
        "response-status-added",
        "getThing",
        None,
        lambda d: get_thing(d)["responses"].update({"409": {"description": "x"}}),
    ),
    (
        "response-media-type-removed",
        "getThing",
        lambda d: get_thing(d)["responses"]["200"]["content"].update({"text/plain": {"schema": {"type": "string"}}}),
        None,
    ),
    (
        "response-media-type-added",
        "getThing",
        None,
        lambda d: get_thing(d)["responses"]["200"]["content"].update({"text/plain": {"schema": {"type": "string"}}}),
    ),
    ("response-property-removed", "getThing", None, lambda d: schema(d, "Thing")["properties"].pop("note")),
    (
        "response-property-added",
        "getThing",
        None,
        lambda d: schema(d, "Thing")["properties"].update(size={"type": "integer"}),
    ),
    ("response-property-became-optional", "getThing", None, lambda d: schema(d, "Thing").update(required=["id"])),
    ("response-property-became-required", "getThing", None, lambda d: schema(d, "Thing")["required"].append("note")),
    ("response-property-type-changed", "getThing", None, lambda d: prop(d, "Thing", "id").update(type="integer")),
    (
        "response-property-became-nullable",
        "getThing",
        None,
        lambda d: prop(d, "Thing", "note").update(type=["string", "null"]),
    ),
    (
        "response-property-became-not-nullable",
        "getThing",
        lambda d: prop(d, "Thing", "note").update(type=["string", "null"]),
        None,
    ),
    ("response-enum-value-added", "getThing", None, lambda d: prop(d, "Thing", "kind")["enum"].append("c")),
    ("response-enum-value-removed", "getThing", None, lambda d: prop(d, "Thing", "kind").update(enum=["a"])),
]


def diff(old_edit: Edit | None, new_edit: Edit | None) -> tuple[Doc, Doc, list[Any]]:
    old, new = tiny_spec(), tiny_spec()
    for doc, edit in ((old, old_edit), (new, new_edit)):
        if edit is not None:
            edit(doc)
    return old, new, sort_changes(compare_specs(old, new))


def test_every_spec_rule_has_a_case() -> None:
    spec_rules = {rule for rule in RULES if not rule.startswith("python-")}
    assert {case[0] for case in CASES} == spec_rules


@pytest.mark.parametrize(("rule", "operation", "old_edit", "new_edit"), CASES, ids=[case[0] for case in CASES])
def test_rule_fires(rule: str, operation: str, old_edit: Edit | None, new_edit: Edit | None) -> None:
    old, new, changes = diff(old_edit, new_edit)
    # Thing answers both operations; the case names the one it looks at.
    found = [change for change in changes if change.id == rule and change.operation == operation]
    assert len(found) == 1, changes
    change = found[0]
    assert change.level == RULES[rule].level
    # The location is a JSON pointer into the document that holds the node (the old one for removals).
    holder = old if "removed" in rule else new
    resolve_pointer(holder, change.location)
    assert change.message


def test_identical_documents_have_no_changes() -> None:
    assert diff(None, None)[2] == []
    spec = tiny_spec()
    assert compare_specs(spec, copy.deepcopy(spec)) == []


def test_changes_inside_references_arrays_and_nullable_branches_are_found() -> None:
    def edit(doc: Doc) -> None:
        prop(doc, "Thing", "tags")["items"]["type"] = "integer"
        schema(doc, "Parent")["properties"].pop("id")

    _, _, changes = diff(None, edit)
    found = {(c.id, c.operation, c.location) for c in changes}
    assert ("response-property-type-changed", "getThing", "/components/schemas/Thing/properties/tags/items") in found
    assert ("response-property-removed", "createThing", "/components/schemas/Parent/properties/id") in found
    messages = [c.message for c in changes if c.operation == "getThing"]
    assert "response 200 application/json: 'parent.id' was removed" in messages


def test_a_renamed_path_parameter_is_the_same_operation() -> None:
    def rename(doc: Doc) -> None:
        item = doc["paths"].pop(THING_PATH)
        item["parameters"][0]["name"] = "id"
        doc["paths"]["/things/{id}"] = item

    _, _, changes = diff(None, rename)
    assert {c.id for c in changes} == {"request-parameter-removed", "new-required-request-parameter"}


def test_a_rename_is_a_removal_and_an_addition() -> None:
    def rename(doc: Doc) -> None:
        properties = schema(doc, "Thing")["properties"]
        properties["label"] = properties.pop("note")

    _, _, changes = diff(None, rename)
    assert [(c.level, c.id) for c in changes if c.operation == "getThing"] == [
        ("error", "response-property-removed"),
        ("info", "response-property-added"),
    ]
