from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.billing_me import BillingMe
from ...models.problem import Problem
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/billing/cancel",
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BillingMe | Problem | None:
    if response.status_code == 200:
        response_200 = BillingMe.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BillingMe | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[BillingMe | Problem]:
    """Cancel

     Cancel the caller's subscription at the end of the current period (the tier stays in force
    until `current_period_end`). Returns the updated billing state with `cancel_at_period_end`
    true. Repeating it while the cancellation is already scheduled returns the same state. 409
    with code `no_active_subscription` when there is no active or trialing subscription (a comp
    cannot be cancelled here). 503 with code `stripe_unavailable` when Stripe cannot be reached.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BillingMe | Problem]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> BillingMe | Problem | None:
    """Cancel

     Cancel the caller's subscription at the end of the current period (the tier stays in force
    until `current_period_end`). Returns the updated billing state with `cancel_at_period_end`
    true. Repeating it while the cancellation is already scheduled returns the same state. 409
    with code `no_active_subscription` when there is no active or trialing subscription (a comp
    cannot be cancelled here). 503 with code `stripe_unavailable` when Stripe cannot be reached.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BillingMe | Problem
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[BillingMe | Problem]:
    """Cancel

     Cancel the caller's subscription at the end of the current period (the tier stays in force
    until `current_period_end`). Returns the updated billing state with `cancel_at_period_end`
    true. Repeating it while the cancellation is already scheduled returns the same state. 409
    with code `no_active_subscription` when there is no active or trialing subscription (a comp
    cannot be cancelled here). 503 with code `stripe_unavailable` when Stripe cannot be reached.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BillingMe | Problem]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> BillingMe | Problem | None:
    """Cancel

     Cancel the caller's subscription at the end of the current period (the tier stays in force
    until `current_period_end`). Returns the updated billing state with `cancel_at_period_end`
    true. Repeating it while the cancellation is already scheduled returns the same state. 409
    with code `no_active_subscription` when there is no active or trialing subscription (a comp
    cannot be cancelled here). 503 with code `stripe_unavailable` when Stripe cannot be reached.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BillingMe | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
