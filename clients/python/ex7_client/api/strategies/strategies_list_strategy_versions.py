from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.strategy_version_list import StrategyVersionList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    strategy_id: UUID,
    *,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["cursor"] = cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/strategies/{strategy_id}/versions".format(
            strategy_id=quote(str(strategy_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | StrategyVersionList | None:
    if response.status_code == 200:
        response_200 = StrategyVersionList.from_dict(response.json())

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

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | StrategyVersionList]:
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
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[Problem | StrategyVersionList]:
    """List Strategy Versions

     One page of the strategy's version summaries, newest (highest version) first. `cursor` is the
    last version number of the previous page, as a string (the page's `next_cursor`); the page
    then holds the versions below it. `next_cursor` is null on the last page. A missing, deleted
    or another user's strategy is 404.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        cursor (str | Unset):  Example: 3.
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StrategyVersionList]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
        cursor=cursor,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Problem | StrategyVersionList | None:
    """List Strategy Versions

     One page of the strategy's version summaries, newest (highest version) first. `cursor` is the
    last version number of the previous page, as a string (the page's `next_cursor`); the page
    then holds the versions below it. `next_cursor` is null on the last page. A missing, deleted
    or another user's strategy is 404.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        cursor (str | Unset):  Example: 3.
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StrategyVersionList
    """

    return sync_detailed(
        strategy_id=strategy_id,
        client=client,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[Problem | StrategyVersionList]:
    """List Strategy Versions

     One page of the strategy's version summaries, newest (highest version) first. `cursor` is the
    last version number of the previous page, as a string (the page's `next_cursor`); the page
    then holds the versions below it. `next_cursor` is null on the last page. A missing, deleted
    or another user's strategy is 404.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        cursor (str | Unset):  Example: 3.
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StrategyVersionList]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Problem | StrategyVersionList | None:
    """List Strategy Versions

     One page of the strategy's version summaries, newest (highest version) first. `cursor` is the
    last version number of the previous page, as a string (the page's `next_cursor`); the page
    then holds the versions below it. `next_cursor` is null on the last page. A missing, deleted
    or another user's strategy is 404.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        cursor (str | Unset):  Example: 3.
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StrategyVersionList
    """

    return (
        await asyncio_detailed(
            strategy_id=strategy_id,
            client=client,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
