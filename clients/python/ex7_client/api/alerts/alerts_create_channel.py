from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alert_channel_create_request import AlertChannelCreateRequest
from ...models.alert_channel_created import AlertChannelCreated
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: AlertChannelCreateRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/alerts/channels",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AlertChannelCreated | Problem | None:
    if response.status_code == 201:
        response_201 = AlertChannelCreated.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AlertChannelCreated | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AlertChannelCreateRequest,
) -> Response[AlertChannelCreated | Problem]:
    """Create Channel

     Add an unverified alert channel and start its verification; nothing but the verification is sent
    to a channel until it is verified. `destination` is an email address for `email`, a Telegram
    chat handle for `telegram`, or an `https` URL for `webhook`; a value that does not fit its type
    is a 422 with code `invalid_destination`. Webhook URLs must be https and may not be, or resolve
    to, private, loopback, link-local or cloud-metadata addresses (422 with code
    `destination_not_allowed`; checked again at every send, so a name re-pointed later is refused
    then too). `sms` is reserved and not offered yet: 403 with code `channel_type_unavailable`. A
    type the caller's tier does not include is a 403 with code `channel_type_not_in_tier`; one
    channel more than the tier's `max_alert_channels` is a 403 with code `tier_cap_reached`. The
    same type and destination twice is a 409 with code `channel_exists`. 503 with code
    `alerts_not_configured` when this server has no provider for the type (no email provider, no
    Telegram bot).

    Verification: email channels are sent a 6-digit code to post to the verify operation, and a
    link that verifies without it (both single-use, valid 15 minutes); Telegram channels are
    verified when the user opens `verification_url` (the bot's deep link) and presses Start, which
    sends `/start <token>` to the bot; webhook channels are sent a signed `channel.verification`
    request carrying the code, and a 2xx answer to it verifies the channel (the code also works,
    for a receiver that answers first and acts later). For webhook channels the response carries,
    once and only here, the signing `secret` (`whsec_...`) of the Standard Webhooks signature of
    every delivery; it is null for other types. An optional `template` replaces the webhook body.
    Destinations are masked in the response.

    Args:
        body (AlertChannelCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertChannelCreated | Problem]
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
    body: AlertChannelCreateRequest,
) -> AlertChannelCreated | Problem | None:
    """Create Channel

     Add an unverified alert channel and start its verification; nothing but the verification is sent
    to a channel until it is verified. `destination` is an email address for `email`, a Telegram
    chat handle for `telegram`, or an `https` URL for `webhook`; a value that does not fit its type
    is a 422 with code `invalid_destination`. Webhook URLs must be https and may not be, or resolve
    to, private, loopback, link-local or cloud-metadata addresses (422 with code
    `destination_not_allowed`; checked again at every send, so a name re-pointed later is refused
    then too). `sms` is reserved and not offered yet: 403 with code `channel_type_unavailable`. A
    type the caller's tier does not include is a 403 with code `channel_type_not_in_tier`; one
    channel more than the tier's `max_alert_channels` is a 403 with code `tier_cap_reached`. The
    same type and destination twice is a 409 with code `channel_exists`. 503 with code
    `alerts_not_configured` when this server has no provider for the type (no email provider, no
    Telegram bot).

    Verification: email channels are sent a 6-digit code to post to the verify operation, and a
    link that verifies without it (both single-use, valid 15 minutes); Telegram channels are
    verified when the user opens `verification_url` (the bot's deep link) and presses Start, which
    sends `/start <token>` to the bot; webhook channels are sent a signed `channel.verification`
    request carrying the code, and a 2xx answer to it verifies the channel (the code also works,
    for a receiver that answers first and acts later). For webhook channels the response carries,
    once and only here, the signing `secret` (`whsec_...`) of the Standard Webhooks signature of
    every delivery; it is null for other types. An optional `template` replaces the webhook body.
    Destinations are masked in the response.

    Args:
        body (AlertChannelCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertChannelCreated | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AlertChannelCreateRequest,
) -> Response[AlertChannelCreated | Problem]:
    """Create Channel

     Add an unverified alert channel and start its verification; nothing but the verification is sent
    to a channel until it is verified. `destination` is an email address for `email`, a Telegram
    chat handle for `telegram`, or an `https` URL for `webhook`; a value that does not fit its type
    is a 422 with code `invalid_destination`. Webhook URLs must be https and may not be, or resolve
    to, private, loopback, link-local or cloud-metadata addresses (422 with code
    `destination_not_allowed`; checked again at every send, so a name re-pointed later is refused
    then too). `sms` is reserved and not offered yet: 403 with code `channel_type_unavailable`. A
    type the caller's tier does not include is a 403 with code `channel_type_not_in_tier`; one
    channel more than the tier's `max_alert_channels` is a 403 with code `tier_cap_reached`. The
    same type and destination twice is a 409 with code `channel_exists`. 503 with code
    `alerts_not_configured` when this server has no provider for the type (no email provider, no
    Telegram bot).

    Verification: email channels are sent a 6-digit code to post to the verify operation, and a
    link that verifies without it (both single-use, valid 15 minutes); Telegram channels are
    verified when the user opens `verification_url` (the bot's deep link) and presses Start, which
    sends `/start <token>` to the bot; webhook channels are sent a signed `channel.verification`
    request carrying the code, and a 2xx answer to it verifies the channel (the code also works,
    for a receiver that answers first and acts later). For webhook channels the response carries,
    once and only here, the signing `secret` (`whsec_...`) of the Standard Webhooks signature of
    every delivery; it is null for other types. An optional `template` replaces the webhook body.
    Destinations are masked in the response.

    Args:
        body (AlertChannelCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertChannelCreated | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: AlertChannelCreateRequest,
) -> AlertChannelCreated | Problem | None:
    """Create Channel

     Add an unverified alert channel and start its verification; nothing but the verification is sent
    to a channel until it is verified. `destination` is an email address for `email`, a Telegram
    chat handle for `telegram`, or an `https` URL for `webhook`; a value that does not fit its type
    is a 422 with code `invalid_destination`. Webhook URLs must be https and may not be, or resolve
    to, private, loopback, link-local or cloud-metadata addresses (422 with code
    `destination_not_allowed`; checked again at every send, so a name re-pointed later is refused
    then too). `sms` is reserved and not offered yet: 403 with code `channel_type_unavailable`. A
    type the caller's tier does not include is a 403 with code `channel_type_not_in_tier`; one
    channel more than the tier's `max_alert_channels` is a 403 with code `tier_cap_reached`. The
    same type and destination twice is a 409 with code `channel_exists`. 503 with code
    `alerts_not_configured` when this server has no provider for the type (no email provider, no
    Telegram bot).

    Verification: email channels are sent a 6-digit code to post to the verify operation, and a
    link that verifies without it (both single-use, valid 15 minutes); Telegram channels are
    verified when the user opens `verification_url` (the bot's deep link) and presses Start, which
    sends `/start <token>` to the bot; webhook channels are sent a signed `channel.verification`
    request carrying the code, and a 2xx answer to it verifies the channel (the code also works,
    for a receiver that answers first and acts later). For webhook channels the response carries,
    once and only here, the signing `secret` (`whsec_...`) of the Standard Webhooks signature of
    every delivery; it is null for other types. An optional `template` replaces the webhook body.
    Destinations are masked in the response.

    Args:
        body (AlertChannelCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertChannelCreated | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
