from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.list_fine_tune_events_response import ListFineTuneEventsResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    fine_tune_id: str,
    *,
    stream: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["stream"] = stream

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/fine-tunes/{fine_tune_id}/events".format(
            fine_tune_id=quote(str(fine_tune_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ListFineTuneEventsResponse | None:
    if response.status_code == 200:
        response_200 = ListFineTuneEventsResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | ListFineTuneEventsResponse]:
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
    stream: bool | Unset = UNSET,
) -> Response[ErrorResponse | ListFineTuneEventsResponse]:
    """List fine-tune events

     Returns the status updates of a fine-tune job. With `stream=true` the answer is a
    `text/event-stream` of `FineTuneEvent` objects that stays open until the job finishes,
    fails or is cancelled, and ends with `data: [DONE]`.

    Args:
        fine_tune_id (str):
        stream (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListFineTuneEventsResponse]
    """

    kwargs = _get_kwargs(
        fine_tune_id=fine_tune_id,
        stream=stream,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    fine_tune_id: str,
    *,
    client: AuthenticatedClient | Client,
    stream: bool | Unset = UNSET,
) -> ErrorResponse | ListFineTuneEventsResponse | None:
    """List fine-tune events

     Returns the status updates of a fine-tune job. With `stream=true` the answer is a
    `text/event-stream` of `FineTuneEvent` objects that stays open until the job finishes,
    fails or is cancelled, and ends with `data: [DONE]`.

    Args:
        fine_tune_id (str):
        stream (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListFineTuneEventsResponse
    """

    return sync_detailed(
        fine_tune_id=fine_tune_id,
        client=client,
        stream=stream,
    ).parsed


async def asyncio_detailed(
    fine_tune_id: str,
    *,
    client: AuthenticatedClient | Client,
    stream: bool | Unset = UNSET,
) -> Response[ErrorResponse | ListFineTuneEventsResponse]:
    """List fine-tune events

     Returns the status updates of a fine-tune job. With `stream=true` the answer is a
    `text/event-stream` of `FineTuneEvent` objects that stays open until the job finishes,
    fails or is cancelled, and ends with `data: [DONE]`.

    Args:
        fine_tune_id (str):
        stream (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListFineTuneEventsResponse]
    """

    kwargs = _get_kwargs(
        fine_tune_id=fine_tune_id,
        stream=stream,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    fine_tune_id: str,
    *,
    client: AuthenticatedClient | Client,
    stream: bool | Unset = UNSET,
) -> ErrorResponse | ListFineTuneEventsResponse | None:
    """List fine-tune events

     Returns the status updates of a fine-tune job. With `stream=true` the answer is a
    `text/event-stream` of `FineTuneEvent` objects that stays open until the job finishes,
    fails or is cancelled, and ends with `data: [DONE]`.

    Args:
        fine_tune_id (str):
        stream (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListFineTuneEventsResponse
    """

    return (
        await asyncio_detailed(
            fine_tune_id=fine_tune_id,
            client=client,
            stream=stream,
        )
    ).parsed
