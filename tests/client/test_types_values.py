"""openai_client.types.File and Response: plain classes that keep what attrs.define gave them."""

from __future__ import annotations

import io
from http import HTTPStatus

import httpx
import pytest

from openai_client.client import AuthenticatedClient, Client
from openai_client.types import File, Response


def test_file_fields_repr_and_equality() -> None:
    payload = io.BytesIO(b"data")
    file = File(payload, "a.jsonl", mime_type="application/jsonl")
    assert file.to_tuple() == ("a.jsonl", payload, "application/jsonl")
    assert file == File(payload=payload, file_name="a.jsonl", mime_type="application/jsonl")
    assert file != File(payload, "b.jsonl", mime_type="application/jsonl")
    assert repr(file) == f"File(payload={payload!r}, file_name='a.jsonl', mime_type='application/jsonl')"
    file.file_name = "c.jsonl"  # mutable, as a define class
    assert file.to_tuple()[0] == "c.jsonl"
    with pytest.raises(AttributeError):
        file.other = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        hash(file)


def test_response_fields_and_equality() -> None:
    response = Response(HTTPStatus.OK, b"{}", {"a": "b"}, parsed=3)
    assert (response.status_code, response.content, response.headers, response.parsed) == (200, b"{}", {"a": "b"}, 3)
    assert response == Response(status_code=HTTPStatus.OK, content=b"{}", headers={"a": "b"}, parsed=3)
    assert response != Response(HTTPStatus.OK, b"{}", {"a": "b"}, parsed=4)
    assert repr(response) == ("Response(status_code=<HTTPStatus.OK: 200>, content=b'{}', headers={'a': 'b'}, parsed=3)")
    with pytest.raises(TypeError):
        hash(response)


def test_clients_keep_the_define_constructor_and_evolve() -> None:
    client = AuthenticatedClient("https://example.test/v1", "sk-test", "Token", headers={"A": "1"}, timeout=None)
    assert (client.token, client.prefix, client.auth_header_name) == ("sk-test", "Token", "Authorization")
    with_more = client.with_headers({"B": "2"}).with_timeout(httpx.Timeout(3.0))
    assert type(with_more) is AuthenticatedClient and with_more is not client
    assert with_more.get_httpx_client().headers["Authorization"] == "Token sk-test"
    assert with_more.get_httpx_client().headers["B"] == "2"
    assert with_more.get_httpx_client().timeout == httpx.Timeout(3.0)
    assert client == AuthenticatedClient("https://example.test/v1", "sk-test", "Token", headers={"A": "1"})
    assert Client("https://example.test/v1") != Client("https://other.test/v1")
    assert repr(Client("https://example.test/v1", follow_redirects=True)).startswith(
        "Client(raise_on_unexpected_status=False, _base_url='https://example.test/v1', _cookies={}, _headers={}"
    )
    with pytest.raises(TypeError):
        hash(client)
