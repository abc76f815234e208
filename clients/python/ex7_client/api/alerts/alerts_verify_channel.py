from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alert_channel import AlertChannel
from ...models.alert_channel_verify_request import AlertChannelVerifyRequest
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    channel_id: UUID,
    *,
    body: AlertChannelVerifyRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/alerts/channels/{channel_id}/verify".format(
            channel_id=quote(str(channel_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AlertChannel | Problem | None:
    if response.status_code == 200:
        response_200 = AlertChannel.from_dict(response.json())

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
) -> Response[AlertChannel | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    channel_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: AlertChannelVerifyRequest,
) -> Response[AlertChannel | Problem]:
    """Verify Channel

     Verify a channel with the 6-digit code sent to it. A wrong or expired code is a 422 with code
    `invalid_verification_code`; five wrong codes in a row lock verification for 15 minutes (429
    with code `too_many_verification_attempts` and Retry-After; a resend starts afresh). 409
    with code `already_verified` when the channel is verified already. 404 when the channel does
    not exist or belongs to someone else. Only verified channels receive alerts.

    Args:
        channel_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (AlertChannelVerifyRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertChannel | Problem]
    """

    kwargs = _get_kwargs(
        channel_id=channel_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    channel_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: AlertChannelVerifyRequest,
) -> AlertChannel | Problem | None:
    """Verify Channel

     Verify a channel with the 6-digit code sent to it. A wrong or expired code is a 422 with code
    `invalid_verification_code`; five wrong codes in a row lock verification for 15 minutes (429
    with code `too_many_verification_attempts` and Retry-After; a resend starts afresh). 409
    with code `already_verified` when the channel is verified already. 404 when the channel does
    not exist or belongs to someone else. Only verified channels receive alerts.

    Args:
        channel_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (AlertChannelVerifyRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertChannel | Problem
    """

    return sync_detailed(
        channel_id=channel_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    channel_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: AlertChannelVerifyRequest,
) -> Response[AlertChannel | Problem]:
    """Verify Channel

     Verify a channel with the 6-digit code sent to it. A wrong or expired code is a 422 with code
    `invalid_verification_code`; five wrong codes in a row lock verification for 15 minutes (429
    with code `too_many_verification_attempts` and Retry-After; a resend starts afresh). 409
    with code `already_verified` when the channel is verified already. 404 when the channel does
    not exist or belongs to someone else. Only verified channels receive alerts.

    Args:
        channel_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (AlertChannelVerifyRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertChannel | Problem]
    """

    kwargs = _get_kwargs(
        channel_id=channel_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    channel_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: AlertChannelVerifyRequest,
) -> AlertChannel | Problem | None:
    """Verify Channel

     Verify a channel with the 6-digit code sent to it. A wrong or expired code is a 422 with code
    `invalid_verification_code`; five wrong codes in a row lock verification for 15 minutes (429
    with code `too_many_verification_attempts` and Retry-After; a resend starts afresh). 409
    with code `already_verified` when the channel is verified already. 404 when the channel does
    not exist or belongs to someone else. Only verified channels receive alerts.

    Args:
        channel_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (AlertChannelVerifyRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertChannel | Problem
    """

    return (
        await asyncio_detailed(
            channel_id=channel_id,
            client=client,
            body=body,
        )
    ).parsed
