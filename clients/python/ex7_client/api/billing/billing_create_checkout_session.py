from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.checkout_request import CheckoutRequest
from ...models.checkout_session import CheckoutSession
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CheckoutRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/billing/checkout",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CheckoutSession | Problem | None:
    if response.status_code == 200:
        response_200 = CheckoutSession.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[CheckoutSession | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CheckoutRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[CheckoutSession | Problem]:
    """Checkout

     Start a Stripe Checkout session for a paid tier and return the URL to send the user to. The
    Stripe customer is created on first use and reused afterwards. Only `pro` and `elite` can be
    bought; asking for `free` (or any other value) is a 422. The caller already holding an active
    subscription to that tier is a 409 with code `already_subscribed`. `success_url` and
    `cancel_url` must point to an allowed front-end origin (EX7_BILLING_ALLOWED_ORIGINS; 422
    `origin_not_allowed` otherwise). Until the caller has accepted the current version of every
    compliance document the answer is 409 `compliance_required`, listing them in `missing`. 503
    `billing_not_configured` when this server has no Stripe key. An optional
    `Idempotency-Key` header makes retries safe: the same key with the same body returns the same
    session; the same key with a different body is a 409 with code `idempotency_key_reused`.
    503 with code `stripe_unavailable` when Stripe cannot be reached; nothing is recorded then.
    The subscription itself only becomes active when Stripe's webhook confirms it.

    Args:
        idempotency_key (str | Unset):
        body (CheckoutRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CheckoutSession | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CheckoutRequest,
    idempotency_key: str | Unset = UNSET,
) -> CheckoutSession | Problem | None:
    """Checkout

     Start a Stripe Checkout session for a paid tier and return the URL to send the user to. The
    Stripe customer is created on first use and reused afterwards. Only `pro` and `elite` can be
    bought; asking for `free` (or any other value) is a 422. The caller already holding an active
    subscription to that tier is a 409 with code `already_subscribed`. `success_url` and
    `cancel_url` must point to an allowed front-end origin (EX7_BILLING_ALLOWED_ORIGINS; 422
    `origin_not_allowed` otherwise). Until the caller has accepted the current version of every
    compliance document the answer is 409 `compliance_required`, listing them in `missing`. 503
    `billing_not_configured` when this server has no Stripe key. An optional
    `Idempotency-Key` header makes retries safe: the same key with the same body returns the same
    session; the same key with a different body is a 409 with code `idempotency_key_reused`.
    503 with code `stripe_unavailable` when Stripe cannot be reached; nothing is recorded then.
    The subscription itself only becomes active when Stripe's webhook confirms it.

    Args:
        idempotency_key (str | Unset):
        body (CheckoutRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CheckoutSession | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CheckoutRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[CheckoutSession | Problem]:
    """Checkout

     Start a Stripe Checkout session for a paid tier and return the URL to send the user to. The
    Stripe customer is created on first use and reused afterwards. Only `pro` and `elite` can be
    bought; asking for `free` (or any other value) is a 422. The caller already holding an active
    subscription to that tier is a 409 with code `already_subscribed`. `success_url` and
    `cancel_url` must point to an allowed front-end origin (EX7_BILLING_ALLOWED_ORIGINS; 422
    `origin_not_allowed` otherwise). Until the caller has accepted the current version of every
    compliance document the answer is 409 `compliance_required`, listing them in `missing`. 503
    `billing_not_configured` when this server has no Stripe key. An optional
    `Idempotency-Key` header makes retries safe: the same key with the same body returns the same
    session; the same key with a different body is a 409 with code `idempotency_key_reused`.
    503 with code `stripe_unavailable` when Stripe cannot be reached; nothing is recorded then.
    The subscription itself only becomes active when Stripe's webhook confirms it.

    Args:
        idempotency_key (str | Unset):
        body (CheckoutRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CheckoutSession | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CheckoutRequest,
    idempotency_key: str | Unset = UNSET,
) -> CheckoutSession | Problem | None:
    """Checkout

     Start a Stripe Checkout session for a paid tier and return the URL to send the user to. The
    Stripe customer is created on first use and reused afterwards. Only `pro` and `elite` can be
    bought; asking for `free` (or any other value) is a 422. The caller already holding an active
    subscription to that tier is a 409 with code `already_subscribed`. `success_url` and
    `cancel_url` must point to an allowed front-end origin (EX7_BILLING_ALLOWED_ORIGINS; 422
    `origin_not_allowed` otherwise). Until the caller has accepted the current version of every
    compliance document the answer is 409 `compliance_required`, listing them in `missing`. 503
    `billing_not_configured` when this server has no Stripe key. An optional
    `Idempotency-Key` header makes retries safe: the same key with the same body returns the same
    session; the same key with a different body is a 409 with code `idempotency_key_reused`.
    503 with code `stripe_unavailable` when Stripe cannot be reached; nothing is recorded then.
    The subscription itself only becomes active when Stripe's webhook confirms it.

    Args:
        idempotency_key (str | Unset):
        body (CheckoutRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CheckoutSession | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
