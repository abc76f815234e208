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
        "method": "get",
        "url": "/api/billing/me",
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

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

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
    """Billing Me

     The caller's billing state: the effective tier (the higher of the paid subscription and an
    active admin comp; `free` when neither), the subscription status (`none` without any
    subscription, `comped` when the tier comes from a comp alone), whether the subscription is set
    to cancel at the end of the period, when the current period ends, the active comp if any, the
    feature caps the effective tier grants (null caps mean unlimited) with the caller's usage of each,
    where the tier comes from (`source`: stripe, comp or free), and whether every required compliance
    document is accepted at its current version. A `past_due` subscription (Stripe is retrying a failed
    payment) keeps its tier until Stripe gives up (then the subscription is canceled or unpaid and the
    tier falls to the comp's, or free). Over a cap - creating a strategy (create, clone, import, from a
    fixture) or starting a runtime - the answer is 403 `tier_cap_reached`. When the tier falls (a
    subscription ending, a lower plan), the newest runtimes above the new cap of running strategies are
    stopped, each with a `runtime_status` event (reason `tier_cap`); the oldest keep running.

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
    """Billing Me

     The caller's billing state: the effective tier (the higher of the paid subscription and an
    active admin comp; `free` when neither), the subscription status (`none` without any
    subscription, `comped` when the tier comes from a comp alone), whether the subscription is set
    to cancel at the end of the period, when the current period ends, the active comp if any, the
    feature caps the effective tier grants (null caps mean unlimited) with the caller's usage of each,
    where the tier comes from (`source`: stripe, comp or free), and whether every required compliance
    document is accepted at its current version. A `past_due` subscription (Stripe is retrying a failed
    payment) keeps its tier until Stripe gives up (then the subscription is canceled or unpaid and the
    tier falls to the comp's, or free). Over a cap - creating a strategy (create, clone, import, from a
    fixture) or starting a runtime - the answer is 403 `tier_cap_reached`. When the tier falls (a
    subscription ending, a lower plan), the newest runtimes above the new cap of running strategies are
    stopped, each with a `runtime_status` event (reason `tier_cap`); the oldest keep running.

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
    """Billing Me

     The caller's billing state: the effective tier (the higher of the paid subscription and an
    active admin comp; `free` when neither), the subscription status (`none` without any
    subscription, `comped` when the tier comes from a comp alone), whether the subscription is set
    to cancel at the end of the period, when the current period ends, the active comp if any, the
    feature caps the effective tier grants (null caps mean unlimited) with the caller's usage of each,
    where the tier comes from (`source`: stripe, comp or free), and whether every required compliance
    document is accepted at its current version. A `past_due` subscription (Stripe is retrying a failed
    payment) keeps its tier until Stripe gives up (then the subscription is canceled or unpaid and the
    tier falls to the comp's, or free). Over a cap - creating a strategy (create, clone, import, from a
    fixture) or starting a runtime - the answer is 403 `tier_cap_reached`. When the tier falls (a
    subscription ending, a lower plan), the newest runtimes above the new cap of running strategies are
    stopped, each with a `runtime_status` event (reason `tier_cap`); the oldest keep running.

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
    """Billing Me

     The caller's billing state: the effective tier (the higher of the paid subscription and an
    active admin comp; `free` when neither), the subscription status (`none` without any
    subscription, `comped` when the tier comes from a comp alone), whether the subscription is set
    to cancel at the end of the period, when the current period ends, the active comp if any, the
    feature caps the effective tier grants (null caps mean unlimited) with the caller's usage of each,
    where the tier comes from (`source`: stripe, comp or free), and whether every required compliance
    document is accepted at its current version. A `past_due` subscription (Stripe is retrying a failed
    payment) keeps its tier until Stripe gives up (then the subscription is canceled or unpaid and the
    tier falls to the comp's, or free). Over a cap - creating a strategy (create, clone, import, from a
    fixture) or starting a runtime - the answer is 403 `tier_cap_reached`. When the tier falls (a
    subscription ending, a lower plan), the newest runtimes above the new cap of running strategies are
    stopped, each with a `runtime_status` event (reason `tier_cap`); the oldest keep running.

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
