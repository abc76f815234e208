from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alerts_webhook_received import AlertsWebhookReceived
from ...models.problem import Problem
from ...models.twilio_callback import TwilioCallback
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: TwilioCallback | Unset = UNSET,
    x_twilio_signature: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_twilio_signature, Unset):
        headers["X-Twilio-Signature"] = x_twilio_signature

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/alerts/webhooks/twilio",
    }

    if not isinstance(body, Unset):
        _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AlertsWebhookReceived | Problem | None:
    if response.status_code == 200:
        response_200 = AlertsWebhookReceived.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 408:
        response_408 = Problem.from_dict(response.json())

        return response_408

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AlertsWebhookReceived | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TwilioCallback | Unset = UNSET,
    x_twilio_signature: str | Unset = UNSET,
) -> Response[AlertsWebhookReceived | Problem]:
    """Twilio Webhook

     Twilio's form-encoded delivery receipts and STOP/HELP keyword messages. SMS is deferred in v1:
    the `X-Twilio-Signature` check is a no-op and the callback is logged and acknowledged, so that
    a Twilio account already pointed at this URL does not get 404s before SMS ships. Twilio sends
    more fields than those listed; they are accepted and ignored.

    Args:
        x_twilio_signature (str | Unset):
        body (TwilioCallback | Unset): Twilio's form fields (status callbacks and incoming
            messages). Only MessageSid, MessageStatus,
            From and Body are read. The other fields Twilio documents are listed so that strict
            request
            validation does not reject them; further fields are allowed by the schema.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertsWebhookReceived | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        x_twilio_signature=x_twilio_signature,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: TwilioCallback | Unset = UNSET,
    x_twilio_signature: str | Unset = UNSET,
) -> AlertsWebhookReceived | Problem | None:
    """Twilio Webhook

     Twilio's form-encoded delivery receipts and STOP/HELP keyword messages. SMS is deferred in v1:
    the `X-Twilio-Signature` check is a no-op and the callback is logged and acknowledged, so that
    a Twilio account already pointed at this URL does not get 404s before SMS ships. Twilio sends
    more fields than those listed; they are accepted and ignored.

    Args:
        x_twilio_signature (str | Unset):
        body (TwilioCallback | Unset): Twilio's form fields (status callbacks and incoming
            messages). Only MessageSid, MessageStatus,
            From and Body are read. The other fields Twilio documents are listed so that strict
            request
            validation does not reject them; further fields are allowed by the schema.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertsWebhookReceived | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        x_twilio_signature=x_twilio_signature,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TwilioCallback | Unset = UNSET,
    x_twilio_signature: str | Unset = UNSET,
) -> Response[AlertsWebhookReceived | Problem]:
    """Twilio Webhook

     Twilio's form-encoded delivery receipts and STOP/HELP keyword messages. SMS is deferred in v1:
    the `X-Twilio-Signature` check is a no-op and the callback is logged and acknowledged, so that
    a Twilio account already pointed at this URL does not get 404s before SMS ships. Twilio sends
    more fields than those listed; they are accepted and ignored.

    Args:
        x_twilio_signature (str | Unset):
        body (TwilioCallback | Unset): Twilio's form fields (status callbacks and incoming
            messages). Only MessageSid, MessageStatus,
            From and Body are read. The other fields Twilio documents are listed so that strict
            request
            validation does not reject them; further fields are allowed by the schema.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertsWebhookReceived | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        x_twilio_signature=x_twilio_signature,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: TwilioCallback | Unset = UNSET,
    x_twilio_signature: str | Unset = UNSET,
) -> AlertsWebhookReceived | Problem | None:
    """Twilio Webhook

     Twilio's form-encoded delivery receipts and STOP/HELP keyword messages. SMS is deferred in v1:
    the `X-Twilio-Signature` check is a no-op and the callback is logged and acknowledged, so that
    a Twilio account already pointed at this URL does not get 404s before SMS ships. Twilio sends
    more fields than those listed; they are accepted and ignored.

    Args:
        x_twilio_signature (str | Unset):
        body (TwilioCallback | Unset): Twilio's form fields (status callbacks and incoming
            messages). Only MessageSid, MessageStatus,
            From and Body are read. The other fields Twilio documents are listed so that strict
            request
            validation does not reject them; further fields are allowed by the schema.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertsWebhookReceived | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_twilio_signature=x_twilio_signature,
        )
    ).parsed
