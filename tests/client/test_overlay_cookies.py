"""Cookies: an answer's Set-Cookie is kept and sent back, an answer without one changes nothing, and the
client built by client_from_env has every setting of the generated client's httpx client."""

from __future__ import annotations

import asyncio

import httpx
from overlay_support import API_KEY

from openai_client import AsyncOpenAI, OpenAI
from openai_client._cookies import AnswerCookies, AsyncCookieClient, CookieClient
from openai_client.api.models import list_models
from openai_client.client import AuthenticatedClient
from openai_client.config import client_from_env

MODELS = {"object": "list", "data": [{"id": "davinci", "object": "model", "created": 1, "owned_by": "openai"}]}
BASE = "http://api.test/v1"


class CookieServer:
    """Sets `session=1` on the first answer, then answers without Set-Cookie; records what it was sent."""

    def __init__(self) -> None:
        self.sent: list[str | None] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request.headers.get("cookie"))
        headers = {"set-cookie": "session=1; Path=/"} if len(self.sent) == 1 else {}
        return httpx.Response(200, json=MODELS, headers=headers)


def test_the_function_layer_sends_back_what_an_answer_set() -> None:
    server = CookieServer()
    client = client_from_env(api_key=API_KEY, base_url=BASE, transport=httpx.MockTransport(server))
    for _ in range(3):
        list_models.sync(client=client)
    assert server.sent == [None, "session=1", "session=1"]
    assert isinstance(client.get_httpx_client(), CookieClient)


def test_the_facade_sends_back_what_an_answer_set() -> None:
    server = CookieServer()
    with OpenAI(api_key=API_KEY, base_url=BASE, http_client=httpx.Client(transport=httpx.MockTransport(server))) as c:
        for _ in range(3):
            c.models.list()
    assert server.sent == [None, "session=1", "session=1"]


def test_the_async_facade_sends_back_what_an_answer_set() -> None:
    server = CookieServer()

    async def main() -> None:
        transport = httpx.MockTransport(server)
        async with AsyncOpenAI(api_key=API_KEY, base_url=BASE, http_client=httpx.AsyncClient(transport=transport)) as c:
            for _ in range(3):
                await c.models.list()

    asyncio.run(main())
    assert server.sent == [None, "session=1", "session=1"]


def test_set_cookie2_and_any_case_are_read() -> None:
    request = httpx.Request("GET", "http://api.test/v1/models")
    cookies = AnswerCookies()
    cookies.extract_cookies(httpx.Response(200, headers={"SET-COOKIE": "a=1; Path=/"}, request=request))
    assert dict(cookies) == {"a": "1"}
    cookies.extract_cookies(httpx.Response(200, headers={"content-type": "application/json"}, request=request))
    assert dict(cookies) == {"a": "1"}


def test_the_client_has_every_setting_of_the_generated_one() -> None:
    ours = client_from_env(api_key=API_KEY, base_url=BASE, headers={"X-Team": "a"}).with_cookies({"c": "1"})
    plain = AuthenticatedClient(
        base_url=BASE,
        token=API_KEY,
        headers={"X-Team": "a"},
        cookies={"c": "1"},
        timeout=ours.get_httpx_client().timeout,
        httpx_args={"trust_env": False},
    )
    built, reference = ours.get_httpx_client(), plain.get_httpx_client()
    assert isinstance(built, CookieClient)
    assert built.base_url == reference.base_url
    assert dict(built.headers) == dict(reference.headers)
    assert built.timeout == reference.timeout
    assert built.follow_redirects == reference.follow_redirects
    assert built.trust_env == reference.trust_env
    assert dict(built.cookies) == dict(reference.cookies) == {"c": "1"}
    assert isinstance(ours.get_async_httpx_client(), AsyncCookieClient)
    assert dict(ours.get_async_httpx_client().cookies) == {"c": "1"}
