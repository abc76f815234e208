from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alert_delivery import AlertDelivery
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    delivery_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/alerts/deliveries/{delivery_id}/replay".format(
            delivery_id=quote(str(delivery_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AlertDelivery | Problem | None:
    if response.status_code == 200:
        response_200 = AlertDelivery.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AlertDelivery | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    delivery_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[AlertDelivery | Problem]:
    """Replay Delivery

     Send a dead-lettered (`failed`) delivery again, from the start of the retry schedule, with the
    content it had; the answer is the delivery, `pending` again. 409 with code
    `delivery_not_failed` (and `current`, its status) for any other status, `channel_disabled`
    when its channel is disabled, and 404 (`channel_not_found`) when its channel was deleted. 404
    when the delivery does not exist or belongs to someone else.

    Args:
        delivery_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertDelivery | Problem]
    """

    kwargs = _get_kwargs(
        delivery_id=delivery_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    delivery_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> AlertDelivery | Problem | None:
    """Replay Delivery

     Send a dead-lettered (`failed`) delivery again, from the start of the retry schedule, with the
    content it had; the answer is the delivery, `pending` again. 409 with code
    `delivery_not_failed` (and `current`, its status) for any other status, `channel_disabled`
    when its channel is disabled, and 404 (`channel_not_found`) when its channel was deleted. 404
    when the delivery does not exist or belongs to someone else.

    Args:
        delivery_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertDelivery | Problem
    """

    return sync_detailed(
        delivery_id=delivery_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    delivery_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[AlertDelivery | Problem]:
    """Replay Delivery

     Send a dead-lettered (`failed`) delivery again, from the start of the retry schedule, with the
    content it had; the answer is the delivery, `pending` again. 409 with code
    `delivery_not_failed` (and `current`, its status) for any other status, `channel_disabled`
    when its channel is disabled, and 404 (`channel_not_found`) when its channel was deleted. 404
    when the delivery does not exist or belongs to someone else.

    Args:
        delivery_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertDelivery | Problem]
    """

    kwargs = _get_kwargs(
        delivery_id=delivery_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    delivery_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> AlertDelivery | Problem | None:
    """Replay Delivery

     Send a dead-lettered (`failed`) delivery again, from the start of the retry schedule, with the
    content it had; the answer is the delivery, `pending` again. 409 with code
    `delivery_not_failed` (and `current`, its status) for any other status, `channel_disabled`
    when its channel is disabled, and 404 (`channel_not_found`) when its channel was deleted. 404
    when the delivery does not exist or belongs to someone else.

    Args:
        delivery_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertDelivery | Problem
    """

    return (
        await asyncio_detailed(
            delivery_id=delivery_id,
            client=client,
        )
    ).parsed
