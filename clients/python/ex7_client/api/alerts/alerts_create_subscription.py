from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alert_subscription import AlertSubscription
from ...models.alert_subscription_create_request import AlertSubscriptionCreateRequest
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: AlertSubscriptionCreateRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/alerts/subscriptions",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AlertSubscription | Problem | None:
    if response.status_code == 201:
        response_201 = AlertSubscription.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = Problem.from_dict(response.json())

        return response_408

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

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
) -> Response[AlertSubscription | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AlertSubscriptionCreateRequest,
) -> Response[AlertSubscription | Problem]:
    """Create Subscription

     Send a strategy's events (or, without `strategy_id`, those of every strategy of the caller's,
    present and future) to one of the caller's channels; to send to several channels, subscribe
    each. `events` defaults to `[signal, signal_closed]`. 404 when the strategy (or it is
    soft-deleted) or the channel does not exist or is not the caller's. 409 with code
    `channel_not_verified` when the channel is not verified yet, `channel_disabled` when it is
    disabled, and `subscription_exists` when that strategy (or all) is already subscribed to that
    channel. An event matched by two subscriptions of one channel is still sent once.

    Args:
        body (AlertSubscriptionCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertSubscription | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: AlertSubscriptionCreateRequest,
) -> AlertSubscription | Problem | None:
    """Create Subscription

     Send a strategy's events (or, without `strategy_id`, those of every strategy of the caller's,
    present and future) to one of the caller's channels; to send to several channels, subscribe
    each. `events` defaults to `[signal, signal_closed]`. 404 when the strategy (or it is
    soft-deleted) or the channel does not exist or is not the caller's. 409 with code
    `channel_not_verified` when the channel is not verified yet, `channel_disabled` when it is
    disabled, and `subscription_exists` when that strategy (or all) is already subscribed to that
    channel. An event matched by two subscriptions of one channel is still sent once.

    Args:
        body (AlertSubscriptionCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertSubscription | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AlertSubscriptionCreateRequest,
) -> Response[AlertSubscription | Problem]:
    """Create Subscription

     Send a strategy's events (or, without `strategy_id`, those of every strategy of the caller's,
    present and future) to one of the caller's channels; to send to several channels, subscribe
    each. `events` defaults to `[signal, signal_closed]`. 404 when the strategy (or it is
    soft-deleted) or the channel does not exist or is not the caller's. 409 with code
    `channel_not_verified` when the channel is not verified yet, `channel_disabled` when it is
    disabled, and `subscription_exists` when that strategy (or all) is already subscribed to that
    channel. An event matched by two subscriptions of one channel is still sent once.

    Args:
        body (AlertSubscriptionCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertSubscription | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: AlertSubscriptionCreateRequest,
) -> AlertSubscription | Problem | None:
    """Create Subscription

     Send a strategy's events (or, without `strategy_id`, those of every strategy of the caller's,
    present and future) to one of the caller's channels; to send to several channels, subscribe
    each. `events` defaults to `[signal, signal_closed]`. 404 when the strategy (or it is
    soft-deleted) or the channel does not exist or is not the caller's. 409 with code
    `channel_not_verified` when the channel is not verified yet, `channel_disabled` when it is
    disabled, and `subscription_exists` when that strategy (or all) is already subscribed to that
    channel. An event matched by two subscriptions of one channel is still sent once.

    Args:
        body (AlertSubscriptionCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertSubscription | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
