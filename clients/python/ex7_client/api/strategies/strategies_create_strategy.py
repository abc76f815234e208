from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.strategy import Strategy
from ...models.strategy_create import StrategyCreate
from ...types import Response


def _get_kwargs(
    *,
    body: StrategyCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/strategies",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Strategy | None:
    if response.status_code == 201:
        response_201 = Strategy.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Strategy]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: StrategyCreate,
) -> Response[Problem | Strategy]:
    """Create Strategy

     Create a strategy for the caller with its first version (version 1, carrying `graph` and the
    optional version `note`) in status `draft`. The graph is validated and the result is returned
    in `validation`; a graph that fails validation is still saved, as a draft, so work in progress
    is never lost (it cannot be promoted until it is valid). An instrument or timeframe the
    platform does not support is reported the same way (`unsupported_instrument`,
    `unsupported_timeframe`). Strategy names are unique per user among non-deleted strategies: a
    clash answers 409 with code `name_taken`. The response carries the strategy's `ETag`.

    Args:
        body (StrategyCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Strategy]
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
    body: StrategyCreate,
) -> Problem | Strategy | None:
    """Create Strategy

     Create a strategy for the caller with its first version (version 1, carrying `graph` and the
    optional version `note`) in status `draft`. The graph is validated and the result is returned
    in `validation`; a graph that fails validation is still saved, as a draft, so work in progress
    is never lost (it cannot be promoted until it is valid). An instrument or timeframe the
    platform does not support is reported the same way (`unsupported_instrument`,
    `unsupported_timeframe`). Strategy names are unique per user among non-deleted strategies: a
    clash answers 409 with code `name_taken`. The response carries the strategy's `ETag`.

    Args:
        body (StrategyCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Strategy
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: StrategyCreate,
) -> Response[Problem | Strategy]:
    """Create Strategy

     Create a strategy for the caller with its first version (version 1, carrying `graph` and the
    optional version `note`) in status `draft`. The graph is validated and the result is returned
    in `validation`; a graph that fails validation is still saved, as a draft, so work in progress
    is never lost (it cannot be promoted until it is valid). An instrument or timeframe the
    platform does not support is reported the same way (`unsupported_instrument`,
    `unsupported_timeframe`). Strategy names are unique per user among non-deleted strategies: a
    clash answers 409 with code `name_taken`. The response carries the strategy's `ETag`.

    Args:
        body (StrategyCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Strategy]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: StrategyCreate,
) -> Problem | Strategy | None:
    """Create Strategy

     Create a strategy for the caller with its first version (version 1, carrying `graph` and the
    optional version `note`) in status `draft`. The graph is validated and the result is returned
    in `validation`; a graph that fails validation is still saved, as a draft, so work in progress
    is never lost (it cannot be promoted until it is valid). An instrument or timeframe the
    platform does not support is reported the same way (`unsupported_instrument`,
    `unsupported_timeframe`). Strategy names are unique per user among non-deleted strategies: a
    clash answers 409 with code `name_taken`. The response carries the strategy's `ETag`.

    Args:
        body (StrategyCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Strategy
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
