from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.portal_request import PortalRequest
from ...models.portal_session import PortalSession
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: PortalRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/billing/portal",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PortalSession | Problem | None:
    if response.status_code == 200:
        response_200 = PortalSession.from_dict(response.json())

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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PortalSession | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PortalRequest,
) -> Response[PortalSession | Problem]:
    """Portal

     Open a Stripe Billing Portal session (payment method, invoices, plan changes) and return its
    URL. `return_url` must point to an allowed front-end origin (422 otherwise). 404 with code
    `no_billing_customer` when the caller has no Stripe customer yet (never checked out). 503 with
    code `stripe_unavailable` when Stripe cannot be reached.

    Args:
        body (PortalRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PortalSession | Problem]
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
    body: PortalRequest,
) -> PortalSession | Problem | None:
    """Portal

     Open a Stripe Billing Portal session (payment method, invoices, plan changes) and return its
    URL. `return_url` must point to an allowed front-end origin (422 otherwise). 404 with code
    `no_billing_customer` when the caller has no Stripe customer yet (never checked out). 503 with
    code `stripe_unavailable` when Stripe cannot be reached.

    Args:
        body (PortalRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PortalSession | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PortalRequest,
) -> Response[PortalSession | Problem]:
    """Portal

     Open a Stripe Billing Portal session (payment method, invoices, plan changes) and return its
    URL. `return_url` must point to an allowed front-end origin (422 otherwise). 404 with code
    `no_billing_customer` when the caller has no Stripe customer yet (never checked out). 503 with
    code `stripe_unavailable` when Stripe cannot be reached.

    Args:
        body (PortalRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PortalSession | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: PortalRequest,
) -> PortalSession | Problem | None:
    """Portal

     Open a Stripe Billing Portal session (payment method, invoices, plan changes) and return its
    URL. `return_url` must point to an allowed front-end origin (422 otherwise). 404 with code
    `no_billing_customer` when the caller has no Stripe customer yet (never checked out). 503 with
    code `stripe_unavailable` when Stripe cannot be reached.

    Args:
        body (PortalRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PortalSession | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
