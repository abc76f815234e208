from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.force_close_all_result import ForceCloseAllResult
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    strategy_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/signals/runtimes/{strategy_id}/force-close-all".format(
            strategy_id=quote(str(strategy_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ForceCloseAllResult | Problem | None:
    if response.status_code == 200:
        response_200 = ForceCloseAllResult.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ForceCloseAllResult | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ForceCloseAllResult | Problem]:
    """Force Close All

     Emergency lever: cancel every open signal of one strategy.
    1. Ownership, gated like start: 404 when the strategy does not exist or is soft-deleted; 403
       when it belongs to someone else.
    2. Every open signal of the strategy becomes `cancelled` with close_reason `force_close` and
       close price equal to its entry price (no realized P&L for an emergency cancel).
    3. A `signal_closed` stream event is written for every signal closed, in the same transaction,
       so stream clients and alert channels learn of each close.
    Returns how many signals moved to `cancelled` (0 when none was open).

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ForceCloseAllResult | Problem]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> ForceCloseAllResult | Problem | None:
    """Force Close All

     Emergency lever: cancel every open signal of one strategy.
    1. Ownership, gated like start: 404 when the strategy does not exist or is soft-deleted; 403
       when it belongs to someone else.
    2. Every open signal of the strategy becomes `cancelled` with close_reason `force_close` and
       close price equal to its entry price (no realized P&L for an emergency cancel).
    3. A `signal_closed` stream event is written for every signal closed, in the same transaction,
       so stream clients and alert channels learn of each close.
    Returns how many signals moved to `cancelled` (0 when none was open).

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ForceCloseAllResult | Problem
    """

    return sync_detailed(
        strategy_id=strategy_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ForceCloseAllResult | Problem]:
    """Force Close All

     Emergency lever: cancel every open signal of one strategy.
    1. Ownership, gated like start: 404 when the strategy does not exist or is soft-deleted; 403
       when it belongs to someone else.
    2. Every open signal of the strategy becomes `cancelled` with close_reason `force_close` and
       close price equal to its entry price (no realized P&L for an emergency cancel).
    3. A `signal_closed` stream event is written for every signal closed, in the same transaction,
       so stream clients and alert channels learn of each close.
    Returns how many signals moved to `cancelled` (0 when none was open).

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ForceCloseAllResult | Problem]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> ForceCloseAllResult | Problem | None:
    """Force Close All

     Emergency lever: cancel every open signal of one strategy.
    1. Ownership, gated like start: 404 when the strategy does not exist or is soft-deleted; 403
       when it belongs to someone else.
    2. Every open signal of the strategy becomes `cancelled` with close_reason `force_close` and
       close price equal to its entry price (no realized P&L for an emergency cancel).
    3. A `signal_closed` stream event is written for every signal closed, in the same transaction,
       so stream clients and alert channels learn of each close.
    Returns how many signals moved to `cancelled` (0 when none was open).

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ForceCloseAllResult | Problem
    """

    return (
        await asyncio_detailed(
            strategy_id=strategy_id,
            client=client,
        )
    ).parsed
