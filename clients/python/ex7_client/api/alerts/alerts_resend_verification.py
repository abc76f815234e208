from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alert_verification_sent import AlertVerificationSent
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    channel_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/alerts/channels/{channel_id}/resend".format(
            channel_id=quote(str(channel_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AlertVerificationSent | Problem | None:
    if response.status_code == 200:
        response_200 = AlertVerificationSent.from_dict(response.json())

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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AlertVerificationSent | Problem]:
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
) -> Response[AlertVerificationSent | Problem]:
    """Resend Verification

     Send a fresh verification code (and link; for Telegram, a fresh deep link) to an unverified
    channel; the previous ones stop working. 409 with code `already_verified` when the channel is
    verified. Resending within a minute of the last send is a 429 with code `verification_cooldown`
    and a Retry-After header. 404 when the channel does not exist or belongs to someone else.

    Args:
        channel_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertVerificationSent | Problem]
    """

    kwargs = _get_kwargs(
        channel_id=channel_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    channel_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> AlertVerificationSent | Problem | None:
    """Resend Verification

     Send a fresh verification code (and link; for Telegram, a fresh deep link) to an unverified
    channel; the previous ones stop working. 409 with code `already_verified` when the channel is
    verified. Resending within a minute of the last send is a 429 with code `verification_cooldown`
    and a Retry-After header. 404 when the channel does not exist or belongs to someone else.

    Args:
        channel_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertVerificationSent | Problem
    """

    return sync_detailed(
        channel_id=channel_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    channel_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[AlertVerificationSent | Problem]:
    """Resend Verification

     Send a fresh verification code (and link; for Telegram, a fresh deep link) to an unverified
    channel; the previous ones stop working. 409 with code `already_verified` when the channel is
    verified. Resending within a minute of the last send is a 429 with code `verification_cooldown`
    and a Retry-After header. 404 when the channel does not exist or belongs to someone else.

    Args:
        channel_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertVerificationSent | Problem]
    """

    kwargs = _get_kwargs(
        channel_id=channel_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    channel_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> AlertVerificationSent | Problem | None:
    """Resend Verification

     Send a fresh verification code (and link; for Telegram, a fresh deep link) to an unverified
    channel; the previous ones stop working. 409 with code `already_verified` when the channel is
    verified. Resending within a minute of the last send is a 429 with code `verification_cooldown`
    and a Retry-After header. 404 when the channel does not exist or belongs to someone else.

    Args:
        channel_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertVerificationSent | Problem
    """

    return (
        await asyncio_detailed(
            channel_id=channel_id,
            client=client,
        )
    ).parsed
