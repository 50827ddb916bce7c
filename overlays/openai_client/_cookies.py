"""httpx clients that read cookies only from answers that set some.

httpx hands every answer to its cookie jar, Set-Cookie or not, and first copies the request and
the answer into urllib objects for it: about a quarter of the CPU a small call costs. An answer
without Set-Cookie leaves the jar as it was, so these clients skip it; any other answer is read
exactly as httpx reads it.
"""

from __future__ import annotations

from http.cookiejar import CookieJar
from typing import Any, TypeAlias

import httpx

__all__ = ["AnswerCookies", "AsyncCookieClient", "CookieClient"]

CookieInput: TypeAlias = httpx.Cookies | CookieJar | dict[str, str] | list[tuple[str, str]] | None

_SETS_COOKIES = frozenset({b"set-cookie", b"set-cookie2"})  # the two headers http.cookiejar reads


class AnswerCookies(httpx.Cookies):
    """httpx.Cookies whose `extract_cookies` looks at the answer's header names first."""

    def extract_cookies(self, response: httpx.Response) -> None:
        if any(name.lower() in _SETS_COOKIES for name, _ in response.headers.raw):
            super().extract_cookies(response)


class _KeepsAnswerCookies:
    """Before httpx's client in the bases: its `cookies` are AnswerCookies (httpx reads them only there)."""

    def __init__(self, *, cookies: CookieInput = None, **options: Any) -> None:
        super().__init__(**options)
        self._answer_cookies = AnswerCookies(cookies)

    @property
    def cookies(self) -> httpx.Cookies:
        return self._answer_cookies

    @cookies.setter
    def cookies(self, cookies: CookieInput) -> None:
        self._answer_cookies = AnswerCookies(cookies)


class CookieClient(_KeepsAnswerCookies, httpx.Client):
    """httpx.Client keeping its cookies in AnswerCookies."""


class AsyncCookieClient(_KeepsAnswerCookies, httpx.AsyncClient):
    """httpx.AsyncClient keeping its cookies in AnswerCookies."""
