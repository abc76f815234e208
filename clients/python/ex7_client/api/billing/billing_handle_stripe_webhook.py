from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.stripe_event import StripeEvent
from ...models.stripe_webhook_ack import StripeWebhookAck
from ...types import Response


def _get_kwargs(
    *,
    body: StripeEvent,
    stripe_signature: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Stripe-Signature"] = stripe_signature

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/billing/webhook",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | StripeWebhookAck | None:
    if response.status_code == 200:
        response_200 = StripeWebhookAck.from_dict(response.json())

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

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | StripeWebhookAck]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: StripeEvent,
    stripe_signature: str,
) -> Response[Problem | StripeWebhookAck]:
    """Stripe Webhook

     Stripe calls this; it authenticates itself with the `Stripe-Signature` header
    (`t=<timestamp>,v1=<HMAC-SHA256 of "{t}.{raw body}">`, 300 s tolerance), not a bearer token.
    The signature is checked on the raw request bytes BEFORE the body is parsed; a missing or bad
    signature is a 400 with code `invalid_signature` and nothing is recorded. Delivery is at least
    once and unordered, so events are deduplicated by their event id: an event already processed
    answers 200 with `duplicate: true` and is not applied again. Subscription state is re-read from
    Stripe rather than trusted from the payload. Unknown event types are acknowledged and ignored.
    When handling fails the answer is 500 so that Stripe retries the event later.

    Args:
        stripe_signature (str):
        body (StripeEvent): A Stripe event object, accepted as sent (its shape belongs to Stripe
            and changes with API
            versions); authenticity comes from the signature, not from this schema.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StripeWebhookAck]
    """

    kwargs = _get_kwargs(
        body=body,
        stripe_signature=stripe_signature,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: StripeEvent,
    stripe_signature: str,
) -> Problem | StripeWebhookAck | None:
    """Stripe Webhook

     Stripe calls this; it authenticates itself with the `Stripe-Signature` header
    (`t=<timestamp>,v1=<HMAC-SHA256 of "{t}.{raw body}">`, 300 s tolerance), not a bearer token.
    The signature is checked on the raw request bytes BEFORE the body is parsed; a missing or bad
    signature is a 400 with code `invalid_signature` and nothing is recorded. Delivery is at least
    once and unordered, so events are deduplicated by their event id: an event already processed
    answers 200 with `duplicate: true` and is not applied again. Subscription state is re-read from
    Stripe rather than trusted from the payload. Unknown event types are acknowledged and ignored.
    When handling fails the answer is 500 so that Stripe retries the event later.

    Args:
        stripe_signature (str):
        body (StripeEvent): A Stripe event object, accepted as sent (its shape belongs to Stripe
            and changes with API
            versions); authenticity comes from the signature, not from this schema.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StripeWebhookAck
    """

    return sync_detailed(
        client=client,
        body=body,
        stripe_signature=stripe_signature,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: StripeEvent,
    stripe_signature: str,
) -> Response[Problem | StripeWebhookAck]:
    """Stripe Webhook

     Stripe calls this; it authenticates itself with the `Stripe-Signature` header
    (`t=<timestamp>,v1=<HMAC-SHA256 of "{t}.{raw body}">`, 300 s tolerance), not a bearer token.
    The signature is checked on the raw request bytes BEFORE the body is parsed; a missing or bad
    signature is a 400 with code `invalid_signature` and nothing is recorded. Delivery is at least
    once and unordered, so events are deduplicated by their event id: an event already processed
    answers 200 with `duplicate: true` and is not applied again. Subscription state is re-read from
    Stripe rather than trusted from the payload. Unknown event types are acknowledged and ignored.
    When handling fails the answer is 500 so that Stripe retries the event later.

    Args:
        stripe_signature (str):
        body (StripeEvent): A Stripe event object, accepted as sent (its shape belongs to Stripe
            and changes with API
            versions); authenticity comes from the signature, not from this schema.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StripeWebhookAck]
    """

    kwargs = _get_kwargs(
        body=body,
        stripe_signature=stripe_signature,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: StripeEvent,
    stripe_signature: str,
) -> Problem | StripeWebhookAck | None:
    """Stripe Webhook

     Stripe calls this; it authenticates itself with the `Stripe-Signature` header
    (`t=<timestamp>,v1=<HMAC-SHA256 of "{t}.{raw body}">`, 300 s tolerance), not a bearer token.
    The signature is checked on the raw request bytes BEFORE the body is parsed; a missing or bad
    signature is a 400 with code `invalid_signature` and nothing is recorded. Delivery is at least
    once and unordered, so events are deduplicated by their event id: an event already processed
    answers 200 with `duplicate: true` and is not applied again. Subscription state is re-read from
    Stripe rather than trusted from the payload. Unknown event types are acknowledged and ignored.
    When handling fails the answer is 500 so that Stripe retries the event later.

    Args:
        stripe_signature (str):
        body (StripeEvent): A Stripe event object, accepted as sent (its shape belongs to Stripe
            and changes with API
            versions); authenticity comes from the signature, not from this schema.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StripeWebhookAck
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            stripe_signature=stripe_signature,
        )
    ).parsed
