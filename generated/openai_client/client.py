import ssl
from typing import Any, ClassVar, Self

import httpx

_NO_INIT = frozenset({"_client", "_async_client"})


class Client:
    """A class for keeping track of data related to the API

    The following are accepted as keyword arguments and will be used to construct httpx Clients internally:

        ``base_url``: The base URL for the API, all requests are made to a relative path to this URL

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request

        ``timeout``: The maximum amount of a time a request can take. API functions will raise
        httpx.TimeoutException if this is exceeded.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.


    Attributes:
        raise_on_unexpected_status: Whether or not to raise an errors.UnexpectedStatus if the API returns a
            status code that was not documented in the source OpenAPI document. Can also be provided as a keyword
            argument to the constructor.
    """

    __slots__ = (
        "raise_on_unexpected_status",
        "_base_url",
        "_cookies",
        "_headers",
        "_timeout",
        "_verify_ssl",
        "_follow_redirects",
        "_httpx_args",
        "_client",
        "_async_client",
    )

    raise_on_unexpected_status: bool
    _base_url: str
    _cookies: dict[str, str]
    _headers: dict[str, str]
    _timeout: httpx.Timeout | None
    _verify_ssl: str | bool | ssl.SSLContext
    _follow_redirects: bool
    _httpx_args: dict[str, Any]
    _client: httpx.Client | None
    _async_client: httpx.AsyncClient | None
    # The httpx client classes built on first use (same constructor as httpx's): a subclass can name its own.
    httpx_client_class: ClassVar[type[httpx.Client]] = httpx.Client
    async_httpx_client_class: ClassVar[type[httpx.AsyncClient]] = httpx.AsyncClient

    def _evolve(self, **changes: Any) -> Self:
        # What attrs.evolve did: the same constructor arguments but `changes`, and no httpx clients yet. The
        # fields are read from this class's __slots__: a subclass's own (OpenAIClient's) are empty.
        arguments = {name.lstrip("_"): getattr(self, name) for name in Client.__slots__ if name not in _NO_INIT}
        return type(self)(**{**arguments, **changes})

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in Client.__slots__)
        return f"{type(self).__qualname__}({fields})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Client) or other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in Client.__slots__)

    __hash__: ClassVar[None] = None  # type: ignore[assignment]  # mutable and compared by value, as attrs.define made it

    def with_headers(self, headers: dict[str, str]) -> "Client":
        """Get a new client matching this one with additional headers"""
        if self._client is not None:
            self._client.headers.update(headers)
        if self._async_client is not None:
            self._async_client.headers.update(headers)
        return self._evolve(headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> "Client":
        """Get a new client matching this one with additional cookies"""
        if self._client is not None:
            self._client.cookies.update(cookies)
        if self._async_client is not None:
            self._async_client.cookies.update(cookies)
        return self._evolve(cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> "Client":
        """Get a new client matching this one with a new timeout configuration"""
        if self._client is not None:
            self._client.timeout = timeout
        if self._async_client is not None:
            self._async_client.timeout = timeout
        return self._evolve(timeout=timeout)

    def __init__(
        self,
        base_url: str,
        *,
        raise_on_unexpected_status: bool = False,
        cookies: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        timeout: httpx.Timeout | None = None,
        verify_ssl: str | bool | ssl.SSLContext = True,
        follow_redirects: bool = False,
        httpx_args: dict[str, Any] | None = None,
    ) -> None:
        self.raise_on_unexpected_status = raise_on_unexpected_status
        self._base_url = base_url
        self._cookies = {} if cookies is None else cookies
        self._headers = {} if headers is None else headers
        self._timeout = timeout
        self._verify_ssl = verify_ssl
        self._follow_redirects = follow_redirects
        self._httpx_args = {} if httpx_args is None else httpx_args
        self._client = None
        self._async_client = None

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._client is None:
            self._client = self.httpx_client_class(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self._headers,
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                **self._httpx_args,
            )
        return self._client

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs)"""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs)"""
        self.get_httpx_client().__exit__(*args, **kwargs)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
        if self._async_client is None:
            self._async_client = self.async_httpx_client_class(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self._headers,
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                **self._httpx_args,
            )
        return self._async_client

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs)"""
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)


class AuthenticatedClient:
    """A Client which has been authenticated for use on secured endpoints

    The following are accepted as keyword arguments and will be used to construct httpx Clients internally:

        ``base_url``: The base URL for the API, all requests are made to a relative path to this URL

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request

        ``timeout``: The maximum amount of a time a request can take. API functions will raise
        httpx.TimeoutException if this is exceeded.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.


    Attributes:
        raise_on_unexpected_status: Whether or not to raise an errors.UnexpectedStatus if the API returns a
            status code that was not documented in the source OpenAPI document. Can also be provided as a keyword
            argument to the constructor.
        token: The token to use for authentication
        prefix: The prefix to use for the Authorization header
        auth_header_name: The name of the Authorization header
    """

    __slots__ = (
        "raise_on_unexpected_status",
        "_base_url",
        "_cookies",
        "_headers",
        "_timeout",
        "_verify_ssl",
        "_follow_redirects",
        "_httpx_args",
        "_client",
        "_async_client",
        "token",
        "prefix",
        "auth_header_name",
    )

    raise_on_unexpected_status: bool
    _base_url: str
    _cookies: dict[str, str]
    _headers: dict[str, str]
    _timeout: httpx.Timeout | None
    _verify_ssl: str | bool | ssl.SSLContext
    _follow_redirects: bool
    _httpx_args: dict[str, Any]
    _client: httpx.Client | None
    _async_client: httpx.AsyncClient | None
    # The httpx client classes built on first use (same constructor as httpx's): a subclass can name its own.
    httpx_client_class: ClassVar[type[httpx.Client]] = httpx.Client
    async_httpx_client_class: ClassVar[type[httpx.AsyncClient]] = httpx.AsyncClient

    def _evolve(self, **changes: Any) -> Self:
        # What attrs.evolve did: the same constructor arguments but `changes`, and no httpx clients yet. The
        # fields are read from this class's __slots__: a subclass's own (OpenAIClient's) are empty.
        arguments = {
            name.lstrip("_"): getattr(self, name) for name in AuthenticatedClient.__slots__ if name not in _NO_INIT
        }
        return type(self)(**{**arguments, **changes})

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in AuthenticatedClient.__slots__)
        return f"{type(self).__qualname__}({fields})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AuthenticatedClient) or other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in AuthenticatedClient.__slots__)

    __hash__: ClassVar[None] = None  # type: ignore[assignment]  # mutable and compared by value, as attrs.define made it

    def with_headers(self, headers: dict[str, str]) -> "AuthenticatedClient":
        """Get a new client matching this one with additional headers"""
        if self._client is not None:
            self._client.headers.update(headers)
        if self._async_client is not None:
            self._async_client.headers.update(headers)
        return self._evolve(headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> "AuthenticatedClient":
        """Get a new client matching this one with additional cookies"""
        if self._client is not None:
            self._client.cookies.update(cookies)
        if self._async_client is not None:
            self._async_client.cookies.update(cookies)
        return self._evolve(cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> "AuthenticatedClient":
        """Get a new client matching this one with a new timeout configuration"""
        if self._client is not None:
            self._client.timeout = timeout
        if self._async_client is not None:
            self._async_client.timeout = timeout
        return self._evolve(timeout=timeout)

    token: str
    prefix: str
    auth_header_name: str

    def __init__(
        self,
        base_url: str,
        token: str,
        prefix: str = "Bearer",
        auth_header_name: str = "Authorization",
        *,
        raise_on_unexpected_status: bool = False,
        cookies: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        timeout: httpx.Timeout | None = None,
        verify_ssl: str | bool | ssl.SSLContext = True,
        follow_redirects: bool = False,
        httpx_args: dict[str, Any] | None = None,
    ) -> None:
        self.raise_on_unexpected_status = raise_on_unexpected_status
        self._base_url = base_url
        self._cookies = {} if cookies is None else cookies
        self._headers = {} if headers is None else headers
        self._timeout = timeout
        self._verify_ssl = verify_ssl
        self._follow_redirects = follow_redirects
        self._httpx_args = {} if httpx_args is None else httpx_args
        self._client = None
        self._async_client = None

        self.token = token
        self.prefix = prefix
        self.auth_header_name = auth_header_name

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._client is None:
            self._headers[self.auth_header_name] = f"{self.prefix} {self.token}" if self.prefix else self.token
            self._client = self.httpx_client_class(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self._headers,
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                **self._httpx_args,
            )
        return self._client

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs)"""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs)"""
        self.get_httpx_client().__exit__(*args, **kwargs)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
        if self._async_client is None:
            self._headers[self.auth_header_name] = f"{self.prefix} {self.token}" if self.prefix else self.token
            self._async_client = self.async_httpx_client_class(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self._headers,
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                **self._httpx_args,
            )
        return self._async_client

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs)"""
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)
