from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.comp_grant import CompGrant
from ...models.comp_request import CompRequest
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: CompRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/billing/comp",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CompGrant | Problem | None:
    if response.status_code == 200:
        response_200 = CompGrant.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CompGrant | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CompRequest,
) -> Response[CompGrant | Problem]:
    """Admin Comp

     Admins only (403 with code `forbidden` otherwise): grant a user a complimentary tier, optionally
    until `expires_at` (which must be in the future), with a reason that is kept for audit along
    with the granting admin and the time. Name the user by exactly one of `user_id` or `email`;
    giving neither or both is a 422. A new comp replaces the user's current one. 404 when no user
    matches. While a comp is active the user's effective tier is the higher of the comp and any
    paid subscription.

    Args:
        body (CompRequest): Name the user by exactly one of `user_id` or `email`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CompGrant | Problem]
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
    body: CompRequest,
) -> CompGrant | Problem | None:
    """Admin Comp

     Admins only (403 with code `forbidden` otherwise): grant a user a complimentary tier, optionally
    until `expires_at` (which must be in the future), with a reason that is kept for audit along
    with the granting admin and the time. Name the user by exactly one of `user_id` or `email`;
    giving neither or both is a 422. A new comp replaces the user's current one. 404 when no user
    matches. While a comp is active the user's effective tier is the higher of the comp and any
    paid subscription.

    Args:
        body (CompRequest): Name the user by exactly one of `user_id` or `email`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CompGrant | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CompRequest,
) -> Response[CompGrant | Problem]:
    """Admin Comp

     Admins only (403 with code `forbidden` otherwise): grant a user a complimentary tier, optionally
    until `expires_at` (which must be in the future), with a reason that is kept for audit along
    with the granting admin and the time. Name the user by exactly one of `user_id` or `email`;
    giving neither or both is a 422. A new comp replaces the user's current one. 404 when no user
    matches. While a comp is active the user's effective tier is the higher of the comp and any
    paid subscription.

    Args:
        body (CompRequest): Name the user by exactly one of `user_id` or `email`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CompGrant | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CompRequest,
) -> CompGrant | Problem | None:
    """Admin Comp

     Admins only (403 with code `forbidden` otherwise): grant a user a complimentary tier, optionally
    until `expires_at` (which must be in the future), with a reason that is kept for audit along
    with the granting admin and the time. Name the user by exactly one of `user_id` or `email`;
    giving neither or both is a 422. A new comp replaces the user's current one. 404 when no user
    matches. While a comp is active the user's effective tier is the higher of the comp and any
    paid subscription.

    Args:
        body (CompRequest): Name the user by exactly one of `user_id` or `email`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CompGrant | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
