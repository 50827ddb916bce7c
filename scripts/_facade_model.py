"""The facade as data, read from the spec: resources from `x-facade`, methods, their arguments and results.

Parameters and request-body properties become arguments named as in the spec (header parameters are left to the
client: `organization`, `extra_headers`); the 2xx content types choose the result: a JSON model (a list page
for a GET answering `object: list` with `data`), a server-sent event stream when a boolean `stream` argument
exists, text next to JSON chosen by `response_format` values (those naming JSON answer the model), or binary
content. `Method` also writes its signatures and its call, which the templates place.
"""

from __future__ import annotations

import json
import keyword
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from _facade_types import Json, Types, bounds, enum_values, literal

__all__ = ["Argument", "FacadeModel", "Method", "Page", "Resource", "Signature", "load_facade"]

METHODS = ("get", "put", "post", "delete", "patch")


def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\-.]", name) if part)


def _python_name(name: str) -> str:
    return f"{name}_" if keyword.iskeyword(name) else name


@dataclass
class Argument:
    name: str
    wire: str
    annotation: str
    required: bool
    where: str  # path, query or body
    description: str
    default: Json = None
    has_default: bool = False
    bounds: str = ""
    client_default: Json = None  # `x-client-default`: what the facade sends when the caller gives nothing

    @property
    def value(self) -> str:
        """The expression the request body holds for this argument."""
        if self.client_default is None:
            return self.name
        return f"{json.dumps(self.client_default)} if {self.name} is NOT_GIVEN else {self.name}"

    @property
    def doc(self) -> str:
        text = self.description.strip().replace("\n", " ")
        extras = []
        if self.client_default is not None:
            sent = f"When not given, sent as {json.dumps(self.client_default)}"
            extras.append(sent + (f" (the API's default is {json.dumps(self.default)})" if self.has_default else ""))
        elif self.has_default:
            extras.append(f"Default {json.dumps(self.default)}")
        if self.bounds:
            extras.append(self.bounds[:1].upper() + self.bounds[1:])
        if extras:
            text = (text.rstrip(".") + ". " if text else "") + ". ".join(extras) + "."
        return text

    def declaration(self, annotation: str | None = None, *, optional: bool | None = None) -> str:
        annotation = annotation or self.annotation
        if optional is None:
            optional = not self.required
        if optional:
            return f"{self.name}: {annotation} | NotGiven = NOT_GIVEN"
        return f"{self.name}: {annotation}"


@dataclass
class Signature:
    params: list[str]
    returns: str


@dataclass
class Method:
    facade: str
    name: str
    operation_id: str
    http_method: str
    path: str
    summary: str
    description: str
    deprecated: bool
    arguments: list[Argument]
    body_kind: str | None  # json, multipart or None
    files: list[str]
    result: str  # json, json_or_text, binary
    model: str | None
    stream: Argument | None
    chunk: str | None
    text_format: Argument | None = None
    json_formats: list[str] = field(default_factory=list)
    text_formats: list[str] = field(default_factory=list)

    @property
    def constant(self) -> str:
        """The module-level name of this method's Operation (unique within a module)."""
        return "_" + re.sub(r"(?<!^)(?=[A-Z])", "_", self.operation_id).upper()

    @property
    def positional(self) -> list[Argument]:
        return [argument for argument in self.arguments if argument.where == "path"]

    @property
    def keywords(self) -> list[Argument]:
        rest = [argument for argument in self.arguments if argument.where != "path"]
        return [a for a in rest if a.required] + [a for a in rest if not a.required]

    def grouped(self, where: str) -> list[Argument]:
        return [argument for argument in self.arguments if argument.where == where]

    def _params(self, replace: Mapping[str, str]) -> list[str]:
        params = [f"{argument.name}: {argument.annotation}" for argument in self.positional]
        params.append("*")
        for argument in self.keywords:
            params.append(replace.get(argument.name, argument.declaration()))
        params += [
            "extra_headers: Headers | None = None",
            "extra_query: Query | None = None",
            "extra_body: Body | None = None",
            "timeout: Timeout | NotGiven = NOT_GIVEN",
        ]
        return params

    def signatures(self, flavour: str) -> tuple[list[Signature], Signature]:
        """(overloads, implementation) for flavour sync, async, sync_raw or async_raw."""
        asynchronous = flavour.startswith("async")
        stream_type = "AsyncStream" if asynchronous else "Stream"
        binary = "AsyncBinaryResponse" if asynchronous else "BinaryResponse"

        def wrap(returns: str) -> str:
            return f"RawResponse[{returns}]" if flavour.endswith("raw") else returns

        if self.result == "binary":
            return [], Signature(self._params({}), wrap(binary))
        if self.stream is not None and self.chunk is not None:
            name, streamed = self.stream.name, f"{stream_type}[{self.chunk}]"
            plain = wrap(str(self.model))
            either = wrap(f"{self.model} | {streamed}")
            null = " | None" if self.stream.annotation.endswith("| None") else ""
            overloads = [
                Signature(self._params({name: f"{name}: Literal[False]{null} | NotGiven = NOT_GIVEN"}), plain),
                Signature(self._params({name: f"{name}: Literal[True]"}), wrap(streamed)),
                Signature(self._params({name: f"{name}: bool{null}"}), either),
            ]
            implementation = Signature(self._params({name: f"{name}: bool{null} | NotGiven = NOT_GIVEN"}), either)
            return overloads, implementation
        if self.text_format is not None:
            name = self.text_format.name
            overloads = [
                Signature(
                    self._params({name: f"{name}: {literal(self.json_formats)} | NotGiven = NOT_GIVEN"}),
                    wrap(str(self.model)),
                ),
                Signature(self._params({name: f"{name}: {literal(self.text_formats)}"}), wrap("str")),
                Signature(self._params({name: f"{name}: {self.text_format.annotation}"}), wrap(f"{self.model} | str")),
            ]
            impl = Signature(self._params({}), wrap(f"{self.model} | str"))
            return overloads, impl
        return [], Signature(self._params({}), wrap(str(self.model)))

    def call(self, flavour: str) -> str:
        """The implementation's body after the docstring."""
        asynchronous = flavour.startswith("async")
        send = "self._client._request_raw" if flavour.endswith("raw") else "self._client._request"
        prefix = "await " if asynchronous else ""
        pieces = [self.constant]

        def mapping(arguments: list[Argument]) -> str:
            return "{" + ", ".join(f"{json.dumps(a.wire)}: {a.value}" for a in arguments) + "}"

        keywords = []
        for where in ("path", "query", "body"):
            if self.grouped(where):
                keywords.append(f"{where}={mapping(self.grouped(where))}")
        keywords += [
            "extra_headers=extra_headers",
            "extra_query=extra_query",
            "extra_body=extra_body",
            "timeout=timeout",
        ]

        def request(parser: str) -> str:
            return f"return {prefix}{send}({', '.join([pieces[0], parser, *keywords])})"

        lines = []
        if self.deprecated:
            message = json.dumps(f"{self.facade} is deprecated by the API")
            lines.append(f"warnings.warn({message}, DeprecationWarning, stacklevel=2)")
        if self.result == "binary":
            lines.append(request("abinary_result()" if asynchronous else "binary_result()"))
        elif self.stream is not None and self.chunk is not None:
            stream_parser = "astream_result" if asynchronous else "stream_result"
            lines.append(f"if {self.stream.name} is True:")
            # Only a stream needs its chunk model: a program that never streams does not import it.
            lines.append(f"    from ..models import {self.chunk}")
            lines.append("")
            lines.append("    " + request(f"{stream_parser}({self.chunk})"))
            lines.append(request(f"json_result({self.model})"))
        elif self.result == "json_or_text":
            lines.append(request(f"json_or_text_result({self.model})"))
        else:
            lines.append(request(f"json_result({self.model})"))
        return "\n".join(lines)

    def docstring(self) -> str:
        lines = [self.summary.rstrip(".") + f" (`{self.http_method.upper()} {self.path}`)."]
        if self.description.strip() and self.description.strip() != self.summary:
            lines += ["", *self.description.strip().splitlines()]
        documented = [a for a in self.positional + self.keywords if a.doc]
        if documented:
            lines += ["", "Args:"] + [f"    {a.name}: {a.doc}" for a in documented]
        if self.deprecated:
            lines += ["", "Deprecated: calling it warns (DeprecationWarning)."]
        return "\n".join(line.rstrip() for line in lines).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


@dataclass
class Resource:
    path: str  # chat.completions
    description: str
    methods: list[Method] = field(default_factory=list)
    children: list[Resource] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    @property
    def class_name(self) -> str:
        return _camel(self.path.replace(".", "_"))

    def walk(self) -> list[Resource]:
        found = [self]
        for child in self.children:
            found += child.walk()
        return found


@dataclass
class Page:
    name: str
    model: str
    item: str


@dataclass
class FacadeModel:
    resources: list[Resource]
    methods: list[Method]
    params: dict[str, list[tuple[str, str]]]  # TypedDict name -> (field declaration, doc)
    pages: list[Page]
    models: list[str]
    title: str
    version: str

    @property
    def result_models(self) -> list[str]:
        """The models a resource module parses plain (not streamed) results into: imported when it loads."""
        named = {method.model for method in self.methods if method.result != "binary"}
        return [model for model in self.models if model in named]

    @property
    def annotation_models(self) -> list[str]:
        """The models that appear only in annotations (arguments, stream chunks): imported for type checkers."""
        named = set(self.result_models)
        return [model for model in self.models if model not in named]


def _parameter(types: Types, document: Json, raw: Json) -> Json:
    if "$ref" in raw:
        return document["components"]["parameters"][raw["$ref"].rsplit("/", 1)[-1]]
    return raw


def _argument(types: Types, name: str, schema: Json, required: bool, where: str, description: str = "") -> Argument:
    _, target = types.resolve(schema)
    description = description or schema.get("description") or target.get("description") or ""
    has_default = "default" in schema or "default" in target
    default = schema.get("default", target.get("default"))
    return Argument(
        name=_python_name(name),
        wire=name,
        annotation=types.annotation(schema),
        required=required,
        where=where,
        description=description,
        default=default,
        has_default=has_default and not required,
        bounds=bounds(target),
        client_default=None if required else schema.get("x-client-default"),
    )


def _chunk_of(types: Types, schema: Json) -> str | None:
    _, event = types.resolve(schema)
    data = (event.get("properties") or {}).get("data") or {}
    for branch in data.get("anyOf", [data]):
        if isinstance(branch, Mapping) and "contentSchema" in branch:
            name, _ = types.resolve(branch["contentSchema"])
            return name
    return None


def _page_of(types: Types, model: str) -> Page | None:
    _, schema = types.resolve({"$ref": f"#/components/schemas/{model}"})
    properties = schema.get("properties") or {}
    items = (properties.get("data") or {}).get("items") or {}
    if (properties.get("object") or {}).get("const") != "list" or "$ref" not in items:
        return None
    item, _ = types.resolve(items)
    return Page(name=re.sub(r"Response$", "", model) + "Page", model=model, item=str(item))


def _method(
    types: Types, document: Json, path: str, http_method: str, operation: Json, inherited: list[Json]
) -> tuple[Method, Page | None]:
    facade: str = operation["x-facade"]
    arguments: list[Argument] = []
    for raw in [*inherited, *(operation.get("parameters") or [])]:
        parameter = _parameter(types, document, raw)
        if parameter["in"] == "header":
            continue  # headers are the client's (organization) or extra_headers
        arguments.append(
            _argument(
                types,
                parameter["name"],
                parameter.get("schema", {}),
                bool(parameter.get("required")),
                parameter["in"],
                parameter.get("description", ""),
            )
        )
    body_kind, files = None, []
    content = (operation.get("requestBody") or {}).get("content") or {}
    for media, kind in (("application/json", "json"), ("multipart/form-data", "multipart")):
        if media in content:
            body_kind = kind
            _, body = types.resolve(content[media]["schema"])
            required = set(body.get("required") or [])
            for name, schema in (body.get("properties") or {}).items():
                argument = _argument(types, name, schema, name in required, "body")
                arguments.append(argument)
                if argument.annotation == "Upload":
                    files.append(name)
    success = next(str(code) for code in operation["responses"] if str(code).startswith("2"))
    answers = operation["responses"][success].get("content") or {}
    model = chunk = None
    result = "json"
    page = None
    if "application/json" in answers:
        model, _ = types.resolve(answers["application/json"]["schema"])
        if http_method == "get" and model is not None:
            page = _page_of(types, model)
    if "application/octet-stream" in answers and model is None:
        result = "binary"
    if "text/plain" in answers and model is not None:
        result = "json_or_text"
    # A nullable `stream` (null means the default, false) streams the same way.
    stream = next((a for a in arguments if a.wire == "stream" and a.annotation in ("bool", "bool | None")), None)
    if "text/event-stream" in answers and stream is not None:
        chunk = _chunk_of(types, answers["text/event-stream"]["schema"])
    method = Method(
        facade=facade,
        name=facade.rsplit(".", 1)[1],
        operation_id=operation["operationId"],
        http_method=http_method,
        path=path,
        summary=operation.get("summary", ""),
        description=operation.get("description", ""),
        deprecated=bool(operation.get("deprecated")),
        arguments=arguments,
        body_kind=body_kind,
        files=files,
        result=result,
        model=page.name if page is not None else model,
        stream=stream if chunk is not None else None,
        chunk=chunk,
    )
    if result == "json_or_text":
        # `response_format` picks the answer: values naming JSON answer the model, the others text.
        choice = next((a for a in arguments if a.wire == "response_format"), None)
        if choice is not None:
            media = "multipart/form-data" if "multipart/form-data" in content else "application/json"
            _, schema = types.resolve(content[media]["schema"])
            values = enum_values(types, schema["properties"]["response_format"])
            json_formats = [value for value in values if "json" in value]
            text_formats = [value for value in values if "json" not in value]
            if json_formats and text_formats:  # otherwise one overload: the model or text
                method.text_format = choice
                method.json_formats, method.text_formats = json_formats, text_formats
    if chunk is not None:
        types.models.add(chunk)
    return method, page


def load_facade(spec: Path) -> FacadeModel:
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    types = Types(document)
    tags = {tag["name"]: tag.get("description", "") for tag in document.get("tags", [])}
    resources: dict[str, Resource] = {}
    methods: list[Method] = []
    pages: dict[str, Page] = {}
    for path, item in document["paths"].items():
        for http_method in METHODS:
            operation = item.get(http_method)
            if operation is None:
                continue
            method, page = _method(types, document, path, http_method, operation, item.get("parameters") or [])
            methods.append(method)
            if page is not None:
                pages[page.name] = page
            elif method.model is not None:
                types.models.add(method.model)
            parts = method.facade.split(".")[:-1]
            for depth in range(1, len(parts) + 1):
                resource_path = ".".join(parts[:depth])
                if resource_path not in resources:
                    description = tags.get((operation.get("tags") or [""])[0], "")
                    resources[resource_path] = Resource(resource_path, description)
                    if depth > 1:
                        resources[".".join(parts[: depth - 1])].children.append(resources[resource_path])
            resources[".".join(parts)].methods.append(method)
    params: dict[str, list[tuple[str, str]]] = {}
    pending = list(types.params)
    while pending:  # nested objects inside TypedDicts are TypedDicts too
        name = pending.pop(0)
        if f"{name}Param" in params:
            continue
        schema = types.params[name]
        required = set(schema.get("required") or [])
        fields = []
        for field_name, field_schema in schema["properties"].items():
            annotation = types.annotation(field_schema, in_param=True)
            declared = f"Required[{annotation}]" if field_name in required else annotation
            fields.append((f"{field_name}: {declared}", (field_schema.get("description") or "").strip()))
        params[f"{name}Param"] = fields
        pending += [known for known in types.params if f"{known}Param" not in params]
    info = document.get("info") or {}
    return FacadeModel(
        resources=[resource for resource in resources.values() if "." not in resource.path],
        methods=methods,
        params=params,
        pages=sorted(pages.values(), key=lambda page: page.name),
        models=sorted(types.models | {page.model for page in pages.values()} | {p.item for p in pages.values()}),
        title=str(info.get("title", "")),
        version=str(info.get("version", "")),
    )
