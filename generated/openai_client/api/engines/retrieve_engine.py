import warnings
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.engine import Engine
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    engine_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/engines/{engine_id}".format(
            engine_id=quote(str(engine_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Engine | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = Engine.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Engine | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    engine_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Engine | ErrorResponse]:
    """Retrieve an engine

     Returns one engine with its owner and availability. Deprecated; use retrieveModel.

    Args:
        engine_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Engine | ErrorResponse]
    """

    warnings.warn(
        "retrieve_engine (GET /engines/{engine_id}) is deprecated by the API",
        DeprecationWarning,
        stacklevel=2,
    )

    kwargs = _get_kwargs(
        engine_id=engine_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    engine_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Engine | ErrorResponse | None:
    """Retrieve an engine

     Returns one engine with its owner and availability. Deprecated; use retrieveModel.

    Args:
        engine_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Engine | ErrorResponse
    """

    warnings.warn(
        "retrieve_engine (GET /engines/{engine_id}) is deprecated by the API",
        DeprecationWarning,
        stacklevel=2,
    )

    response = client.get_httpx_client().request(
        **_get_kwargs(
            engine_id=engine_id,
        ),
    )
    return _build_response(client=client, response=response).parsed


async def asyncio_detailed(
    engine_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Engine | ErrorResponse]:
    """Retrieve an engine

     Returns one engine with its owner and availability. Deprecated; use retrieveModel.

    Args:
        engine_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Engine | ErrorResponse]
    """

    warnings.warn(
        "retrieve_engine (GET /engines/{engine_id}) is deprecated by the API",
        DeprecationWarning,
        stacklevel=2,
    )

    kwargs = _get_kwargs(
        engine_id=engine_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    engine_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Engine | ErrorResponse | None:
    """Retrieve an engine

     Returns one engine with its owner and availability. Deprecated; use retrieveModel.

    Args:
        engine_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Engine | ErrorResponse
    """

    warnings.warn(
        "retrieve_engine (GET /engines/{engine_id}) is deprecated by the API",
        DeprecationWarning,
        stacklevel=2,
    )

    response = await client.get_async_httpx_client().request(
        **_get_kwargs(
            engine_id=engine_id,
        ),
    )
    return _build_response(client=client, response=response).parsed
