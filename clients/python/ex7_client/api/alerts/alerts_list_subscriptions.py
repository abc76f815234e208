from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alert_subscription_list import AlertSubscriptionList
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    strategy_id: UUID | Unset = UNSET,
    channel_id: UUID | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_strategy_id: str | Unset = UNSET
    if not isinstance(strategy_id, Unset):
        json_strategy_id = str(strategy_id)
    params["strategy_id"] = json_strategy_id

    json_channel_id: str | Unset = UNSET
    if not isinstance(channel_id, Unset):
        json_channel_id = str(channel_id)
    params["channel_id"] = json_channel_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/alerts/subscriptions",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AlertSubscriptionList | Problem | None:
    if response.status_code == 200:
        response_200 = AlertSubscriptionList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AlertSubscriptionList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    strategy_id: UUID | Unset = UNSET,
    channel_id: UUID | Unset = UNSET,
) -> Response[AlertSubscriptionList | Problem]:
    """List Subscriptions

     The caller's alert subscriptions (strategy, or all strategies, → channel), newest first;
    optionally those of one strategy (its own and the all-strategies ones, which cover it too) or
    of one channel.

    Args:
        strategy_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        channel_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertSubscriptionList | Problem]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
        channel_id=channel_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    strategy_id: UUID | Unset = UNSET,
    channel_id: UUID | Unset = UNSET,
) -> AlertSubscriptionList | Problem | None:
    """List Subscriptions

     The caller's alert subscriptions (strategy, or all strategies, → channel), newest first;
    optionally those of one strategy (its own and the all-strategies ones, which cover it too) or
    of one channel.

    Args:
        strategy_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        channel_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertSubscriptionList | Problem
    """

    return sync_detailed(
        client=client,
        strategy_id=strategy_id,
        channel_id=channel_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    strategy_id: UUID | Unset = UNSET,
    channel_id: UUID | Unset = UNSET,
) -> Response[AlertSubscriptionList | Problem]:
    """List Subscriptions

     The caller's alert subscriptions (strategy, or all strategies, → channel), newest first;
    optionally those of one strategy (its own and the all-strategies ones, which cover it too) or
    of one channel.

    Args:
        strategy_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        channel_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertSubscriptionList | Problem]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
        channel_id=channel_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    strategy_id: UUID | Unset = UNSET,
    channel_id: UUID | Unset = UNSET,
) -> AlertSubscriptionList | Problem | None:
    """List Subscriptions

     The caller's alert subscriptions (strategy, or all strategies, → channel), newest first;
    optionally those of one strategy (its own and the all-strategies ones, which cover it too) or
    of one channel.

    Args:
        strategy_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        channel_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertSubscriptionList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            strategy_id=strategy_id,
            channel_id=channel_id,
        )
    ).parsed
