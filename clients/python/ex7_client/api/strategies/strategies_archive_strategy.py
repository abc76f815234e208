from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.lifecycle_conflict import LifecycleConflict
from ...models.problem import Problem
from ...models.strategy import Strategy
from ...types import Response


def _get_kwargs(
    strategy_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/strategies/{strategy_id}/archive".format(
            strategy_id=quote(str(strategy_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> LifecycleConflict | Problem | Strategy | None:
    if response.status_code == 200:
        response_200 = Strategy.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = LifecycleConflict.from_dict(response.json())

        return response_409

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
) -> Response[LifecycleConflict | Problem | Strategy]:
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
) -> Response[LifecycleConflict | Problem | Strategy]:
    """Archive Strategy

     Soft stop: set the status to `archived`. Reversible with unarchive. Archive is allowed from
    every non-archived status (draft, ready, live, paused), so the only lifecycle 409 is for a
    strategy that is already archived (archived to archived is not a legal transition); it carries
    `current_status` and the `allowed` target statuses (code `invalid_transition`). A missing,
    deleted or another user's strategy is 404.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LifecycleConflict | Problem | Strategy]
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
) -> LifecycleConflict | Problem | Strategy | None:
    """Archive Strategy

     Soft stop: set the status to `archived`. Reversible with unarchive. Archive is allowed from
    every non-archived status (draft, ready, live, paused), so the only lifecycle 409 is for a
    strategy that is already archived (archived to archived is not a legal transition); it carries
    `current_status` and the `allowed` target statuses (code `invalid_transition`). A missing,
    deleted or another user's strategy is 404.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LifecycleConflict | Problem | Strategy
    """

    return sync_detailed(
        strategy_id=strategy_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[LifecycleConflict | Problem | Strategy]:
    """Archive Strategy

     Soft stop: set the status to `archived`. Reversible with unarchive. Archive is allowed from
    every non-archived status (draft, ready, live, paused), so the only lifecycle 409 is for a
    strategy that is already archived (archived to archived is not a legal transition); it carries
    `current_status` and the `allowed` target statuses (code `invalid_transition`). A missing,
    deleted or another user's strategy is 404.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LifecycleConflict | Problem | Strategy]
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
) -> LifecycleConflict | Problem | Strategy | None:
    """Archive Strategy

     Soft stop: set the status to `archived`. Reversible with unarchive. Archive is allowed from
    every non-archived status (draft, ready, live, paused), so the only lifecycle 409 is for a
    strategy that is already archived (archived to archived is not a legal transition); it carries
    `current_status` and the `allowed` target statuses (code `invalid_transition`). A missing,
    deleted or another user's strategy is 404.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LifecycleConflict | Problem | Strategy
    """

    return (
        await asyncio_detailed(
            strategy_id=strategy_id,
            client=client,
        )
    ).parsed
