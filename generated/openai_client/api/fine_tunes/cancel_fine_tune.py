from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.fine_tune import FineTune
from ...types import Response


def _get_kwargs(
    fine_tune_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/fine-tunes/{fine_tune_id}/cancel".format(
            fine_tune_id=quote(str(fine_tune_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | FineTune | None:
    if response.status_code == 200:
        response_200 = FineTune.from_dict(response.json())

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
) -> Response[ErrorResponse | FineTune]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    fine_tune_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | FineTune]:
    """Cancel a fine-tune

     Cancels a fine-tune job at once.

    Args:
        fine_tune_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FineTune]
    """

    kwargs = _get_kwargs(
        fine_tune_id=fine_tune_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    fine_tune_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | FineTune | None:
    """Cancel a fine-tune

     Cancels a fine-tune job at once.

    Args:
        fine_tune_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FineTune
    """

    return sync_detailed(
        fine_tune_id=fine_tune_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    fine_tune_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | FineTune]:
    """Cancel a fine-tune

     Cancels a fine-tune job at once.

    Args:
        fine_tune_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FineTune]
    """

    kwargs = _get_kwargs(
        fine_tune_id=fine_tune_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    fine_tune_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | FineTune | None:
    """Cancel a fine-tune

     Cancels a fine-tune job at once.

    Args:
        fine_tune_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FineTune
    """

    return (
        await asyncio_detailed(
            fine_tune_id=fine_tune_id,
            client=client,
        )
    ).parsed
