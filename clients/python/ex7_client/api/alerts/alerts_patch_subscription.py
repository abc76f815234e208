from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alert_subscription import AlertSubscription
from ...models.alert_subscription_patch_request import AlertSubscriptionPatchRequest
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    sub_id: UUID,
    *,
    body: AlertSubscriptionPatchRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/alerts/subscriptions/{sub_id}".format(
            sub_id=quote(str(sub_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AlertSubscription | Problem | None:
    if response.status_code == 200:
        response_200 = AlertSubscription.from_dict(response.json())

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

    if response.status_code == 408:
        response_408 = Problem.from_dict(response.json())

        return response_408

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
    sub_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: AlertSubscriptionPatchRequest,
) -> Response[AlertSubscription | Problem]:
    """Patch Subscription

     Pause (`enabled: false`) or resume a subscription, or change which events it sends. At least one
    field is required (an empty body is a 422). 404 when it does not exist or belongs to someone else.

    Args:
        sub_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (AlertSubscriptionPatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertSubscription | Problem]
    """

    kwargs = _get_kwargs(
        sub_id=sub_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    sub_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: AlertSubscriptionPatchRequest,
) -> AlertSubscription | Problem | None:
    """Patch Subscription

     Pause (`enabled: false`) or resume a subscription, or change which events it sends. At least one
    field is required (an empty body is a 422). 404 when it does not exist or belongs to someone else.

    Args:
        sub_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (AlertSubscriptionPatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertSubscription | Problem
    """

    return sync_detailed(
        sub_id=sub_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    sub_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: AlertSubscriptionPatchRequest,
) -> Response[AlertSubscription | Problem]:
    """Patch Subscription

     Pause (`enabled: false`) or resume a subscription, or change which events it sends. At least one
    field is required (an empty body is a 422). 404 when it does not exist or belongs to someone else.

    Args:
        sub_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (AlertSubscriptionPatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertSubscription | Problem]
    """

    kwargs = _get_kwargs(
        sub_id=sub_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    sub_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: AlertSubscriptionPatchRequest,
) -> AlertSubscription | Problem | None:
    """Patch Subscription

     Pause (`enabled: false`) or resume a subscription, or change which events it sends. At least one
    field is required (an empty body is a 422). 404 when it does not exist or belongs to someone else.

    Args:
        sub_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (AlertSubscriptionPatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertSubscription | Problem
    """

    return (
        await asyncio_detailed(
            sub_id=sub_id,
            client=client,
            body=body,
        )
    ).parsed
