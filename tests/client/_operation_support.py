"""The spec read as data, an in-process client that records what it sends, and a multipart reader.

Shared by the generated-client tests: each endpoint is found from its operationId and tag exactly as the
generator names it, and every canned answer is an example from the spec unless a test says otherwise.
"""

from __future__ import annotations

import email
import email.policy
import importlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import yaml

from openai_client import AuthenticatedClient

__all__ = [
    "BASE_URL",
    "SPEC",
    "Operation",
    "Part",
    "Recorder",
    "endpoint_module",
    "example",
    "make_client",
    "operations",
    "parse_multipart",
    "resolve",
]

SPEC: dict[str, Any] = yaml.safe_load((Path(__file__).resolve().parents[2] / "spec" / "openapi.yaml").read_text())
BASE_URL = "https://api.example.test/v1"
TOKEN = "sk-test"
ORGANIZATION = "org-test"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    tag: str
    deprecated: bool
    spec: dict[str, Any] = field(repr=False, compare=False)


def resolve(node: Any) -> Any:
    """Follow local `$ref`s (`#/components/...`) until a plain node is reached."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = SPEC
        for key in node["$ref"].removeprefix("#/").split("/"):
            target = target[key]
        node = target
    return node


def operations() -> dict[str, Operation]:
    found: dict[str, Operation] = {}
    for path, item in SPEC["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                op = item[method]
                found[op["operationId"]] = Operation(
                    op["operationId"], method.upper(), path, op["tags"][0], bool(op.get("deprecated")), op
                )
    return found


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def endpoint_module(operation_id: str) -> ModuleType:
    """openai_client.api.<tag>.<operation>, named as the generator names them (Fine-tunes -> fine_tunes)."""
    tag = operations()[operation_id].tag
    folder = re.sub(r"[^a-z0-9]+", "_", tag.lower())
    return importlib.import_module(f"openai_client.api.{folder}.{_snake(operation_id)}")


def example(operation_id: str, status: str = "200", media_type: str = "application/json", name: str = "") -> Any:
    """The named example (or the first one) of a response of an operation."""
    response = resolve(operations()[operation_id].spec["responses"][status])
    examples = response["content"][media_type]["examples"]
    chosen = examples[name] if name else next(iter(examples.values()))
    return resolve(chosen)["value"]


@dataclass
class Recorder:
    """A MockTransport handler that keeps every request and answers with one canned response."""

    status: int = 200
    json: Any = None
    content: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.content is not None:
            return httpx.Response(self.status, content=self.content, headers=self.headers)
        return httpx.Response(self.status, json=self.json, headers=self.headers)

    @property
    def only(self) -> httpx.Request:
        assert len(self.requests) == 1, f"expected one request, got {len(self.requests)}"
        return self.requests[0]


def make_client(handler: Callable[[httpx.Request], httpx.Response], **kwargs: Any) -> AuthenticatedClient:
    # httpx_args reaches both the sync and the async httpx client the generated client builds lazily.
    return AuthenticatedClient(
        base_url=BASE_URL,
        token=TOKEN,
        headers={"OpenAI-Organization": ORGANIZATION},
        httpx_args={"transport": httpx.MockTransport(handler)},
        **kwargs,
    )


@dataclass(frozen=True)
class Part:
    filename: str | None
    content_type: str | None
    data: bytes


def _parts(request: httpx.Request) -> Iterator[tuple[str, Part]]:
    # The stdlib MIME parser, independent of the python-multipart parser the mock server uses.
    head = b"Content-Type: " + request.headers["content-type"].encode() + b"\r\n\r\n"
    message = email.message_from_bytes(head + request.content, policy=email.policy.HTTP)
    assert message.is_multipart(), request.headers["content-type"]
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        assert isinstance(name, str), part["content-disposition"]
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        yield name, Part(part.get_filename(), part["content-type"], payload)


def parse_multipart(request: httpx.Request) -> dict[str, Part]:
    parts = list(_parts(request))
    names = [name for name, _ in parts]
    assert len(names) == len(set(names)), f"repeated multipart fields: {names}"
    return dict(parts)
