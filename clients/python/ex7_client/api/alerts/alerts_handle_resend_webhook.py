from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alerts_webhook_received import AlertsWebhookReceived
from ...models.problem import Problem
from ...models.resend_event import ResendEvent
from ...types import Response


def _get_kwargs(
    *,
    body: ResendEvent,
    svix_id: str,
    svix_timestamp: str,
    svix_signature: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["svix-id"] = svix_id

    headers["svix-timestamp"] = svix_timestamp

    headers["svix-signature"] = svix_signature

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/alerts/webhooks/resend",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

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
    body: ResendEvent,
    svix_id: str,
    svix_timestamp: str,
    svix_signature: str,
) -> Response[AlertsWebhookReceived | Problem]:
    """Resend Webhook

     Resend (the email provider) calls this with delivery, bounce and complaint events. It
    authenticates itself with Svix headers: `svix-signature` holds one or more `v1,<base64
    HMAC-SHA256 of "{svix-id}.{svix-timestamp}.{raw body}">` made with the endpoint's secret, and
    `svix-timestamp` must be within 5 minutes; the check runs on the raw bytes before parsing. A
    missing or bad signature is a 400 with code `invalid_signature`. `data.email_id` matches the
    provider message id of a delivery: `email.delivered` marks it delivered, `email.bounced` marks
    it bounced and suppresses the address, `email.complained` suppresses the address (a suppressed
    address is sent nothing more: its channels are disabled and its pending deliveries
    `suppressed`). Unknown event types and unknown email ids are acknowledged and ignored; a
    redelivered `svix-id` is not applied twice. 503 with code `alerts_not_configured` when no
    RESEND_WEBHOOK_SECRET is set here.

    Args:
        svix_id (str):
        svix_timestamp (str):
        svix_signature (str):
        body (ResendEvent): A Resend webhook event, accepted as sent (new provider fields are
            ignored).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertsWebhookReceived | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        svix_id=svix_id,
        svix_timestamp=svix_timestamp,
        svix_signature=svix_signature,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ResendEvent,
    svix_id: str,
    svix_timestamp: str,
    svix_signature: str,
) -> AlertsWebhookReceived | Problem | None:
    """Resend Webhook

     Resend (the email provider) calls this with delivery, bounce and complaint events. It
    authenticates itself with Svix headers: `svix-signature` holds one or more `v1,<base64
    HMAC-SHA256 of "{svix-id}.{svix-timestamp}.{raw body}">` made with the endpoint's secret, and
    `svix-timestamp` must be within 5 minutes; the check runs on the raw bytes before parsing. A
    missing or bad signature is a 400 with code `invalid_signature`. `data.email_id` matches the
    provider message id of a delivery: `email.delivered` marks it delivered, `email.bounced` marks
    it bounced and suppresses the address, `email.complained` suppresses the address (a suppressed
    address is sent nothing more: its channels are disabled and its pending deliveries
    `suppressed`). Unknown event types and unknown email ids are acknowledged and ignored; a
    redelivered `svix-id` is not applied twice. 503 with code `alerts_not_configured` when no
    RESEND_WEBHOOK_SECRET is set here.

    Args:
        svix_id (str):
        svix_timestamp (str):
        svix_signature (str):
        body (ResendEvent): A Resend webhook event, accepted as sent (new provider fields are
            ignored).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertsWebhookReceived | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        svix_id=svix_id,
        svix_timestamp=svix_timestamp,
        svix_signature=svix_signature,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ResendEvent,
    svix_id: str,
    svix_timestamp: str,
    svix_signature: str,
) -> Response[AlertsWebhookReceived | Problem]:
    """Resend Webhook

     Resend (the email provider) calls this with delivery, bounce and complaint events. It
    authenticates itself with Svix headers: `svix-signature` holds one or more `v1,<base64
    HMAC-SHA256 of "{svix-id}.{svix-timestamp}.{raw body}">` made with the endpoint's secret, and
    `svix-timestamp` must be within 5 minutes; the check runs on the raw bytes before parsing. A
    missing or bad signature is a 400 with code `invalid_signature`. `data.email_id` matches the
    provider message id of a delivery: `email.delivered` marks it delivered, `email.bounced` marks
    it bounced and suppresses the address, `email.complained` suppresses the address (a suppressed
    address is sent nothing more: its channels are disabled and its pending deliveries
    `suppressed`). Unknown event types and unknown email ids are acknowledged and ignored; a
    redelivered `svix-id` is not applied twice. 503 with code `alerts_not_configured` when no
    RESEND_WEBHOOK_SECRET is set here.

    Args:
        svix_id (str):
        svix_timestamp (str):
        svix_signature (str):
        body (ResendEvent): A Resend webhook event, accepted as sent (new provider fields are
            ignored).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertsWebhookReceived | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        svix_id=svix_id,
        svix_timestamp=svix_timestamp,
        svix_signature=svix_signature,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ResendEvent,
    svix_id: str,
    svix_timestamp: str,
    svix_signature: str,
) -> AlertsWebhookReceived | Problem | None:
    """Resend Webhook

     Resend (the email provider) calls this with delivery, bounce and complaint events. It
    authenticates itself with Svix headers: `svix-signature` holds one or more `v1,<base64
    HMAC-SHA256 of "{svix-id}.{svix-timestamp}.{raw body}">` made with the endpoint's secret, and
    `svix-timestamp` must be within 5 minutes; the check runs on the raw bytes before parsing. A
    missing or bad signature is a 400 with code `invalid_signature`. `data.email_id` matches the
    provider message id of a delivery: `email.delivered` marks it delivered, `email.bounced` marks
    it bounced and suppresses the address, `email.complained` suppresses the address (a suppressed
    address is sent nothing more: its channels are disabled and its pending deliveries
    `suppressed`). Unknown event types and unknown email ids are acknowledged and ignored; a
    redelivered `svix-id` is not applied twice. 503 with code `alerts_not_configured` when no
    RESEND_WEBHOOK_SECRET is set here.

    Args:
        svix_id (str):
        svix_timestamp (str):
        svix_signature (str):
        body (ResendEvent): A Resend webhook event, accepted as sent (new provider fields are
            ignored).

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
            svix_id=svix_id,
            svix_timestamp=svix_timestamp,
            svix_signature=svix_signature,
        )
    ).parsed
