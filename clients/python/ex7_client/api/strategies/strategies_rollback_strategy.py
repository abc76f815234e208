from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.strategy_rollback_request import StrategyRollbackRequest
from ...models.strategy_rollback_result import StrategyRollbackResult
from ...types import Response


def _get_kwargs(
    strategy_id: UUID,
    *,
    body: StrategyRollbackRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/strategies/{strategy_id}/rollback".format(
            strategy_id=quote(str(strategy_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | StrategyRollbackResult | None:
    if response.status_code == 200:
        response_200 = StrategyRollbackResult.from_dict(response.json())

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | StrategyRollbackResult]:
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
    body: StrategyRollbackRequest,
) -> Response[Problem | StrategyRollbackResult]:
    """Rollback Strategy

     Create a new version (current_version + 1) whose graph is the graph of version `to_version`,
    with the optional `note`; earlier versions are never changed. Returns the strategy id and its
    new current version. A missing, deleted or another user's strategy, or a version the strategy
    does not have, is 404. Rolling back to the current version is 409 with code
    `rollback_to_current`.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (StrategyRollbackRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StrategyRollbackResult]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: StrategyRollbackRequest,
) -> Problem | StrategyRollbackResult | None:
    """Rollback Strategy

     Create a new version (current_version + 1) whose graph is the graph of version `to_version`,
    with the optional `note`; earlier versions are never changed. Returns the strategy id and its
    new current version. A missing, deleted or another user's strategy, or a version the strategy
    does not have, is 404. Rolling back to the current version is 409 with code
    `rollback_to_current`.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (StrategyRollbackRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StrategyRollbackResult
    """

    return sync_detailed(
        strategy_id=strategy_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: StrategyRollbackRequest,
) -> Response[Problem | StrategyRollbackResult]:
    """Rollback Strategy

     Create a new version (current_version + 1) whose graph is the graph of version `to_version`,
    with the optional `note`; earlier versions are never changed. Returns the strategy id and its
    new current version. A missing, deleted or another user's strategy, or a version the strategy
    does not have, is 404. Rolling back to the current version is 409 with code
    `rollback_to_current`.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (StrategyRollbackRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StrategyRollbackResult]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: StrategyRollbackRequest,
) -> Problem | StrategyRollbackResult | None:
    """Rollback Strategy

     Create a new version (current_version + 1) whose graph is the graph of version `to_version`,
    with the optional `note`; earlier versions are never changed. Returns the strategy id and its
    new current version. A missing, deleted or another user's strategy, or a version the strategy
    does not have, is 404. Rolling back to the current version is 409 with code
    `rollback_to_current`.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (StrategyRollbackRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StrategyRollbackResult
    """

    return (
        await asyncio_detailed(
            strategy_id=strategy_id,
            client=client,
            body=body,
        )
    ).parsed
