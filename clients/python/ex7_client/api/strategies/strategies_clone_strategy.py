from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.strategy import Strategy
from ...types import Response


def _get_kwargs(
    source_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/strategies/{source_id}/clone".format(
            source_id=quote(str(source_id), safe=""),
        ),
    }

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Strategy]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    source_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | Strategy]:
    """Clone Strategy

     Clone one of the caller's strategies into a new strategy at version 1, status `draft`. The
    copy takes the source's description, instrument, timeframe, tags and current graph; its
    validation is recomputed. It is named "<name> (copy)"; if the caller already has that name,
    "<name> (copy 2)", "<name> (copy 3)", ... (the first free one; the source name is shortened
    so the result stays within 100 characters). The source is unchanged. A missing, deleted or
    another user's source is 404.

    Args:
        source_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Strategy]
    """

    kwargs = _get_kwargs(
        source_id=source_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    source_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | Strategy | None:
    """Clone Strategy

     Clone one of the caller's strategies into a new strategy at version 1, status `draft`. The
    copy takes the source's description, instrument, timeframe, tags and current graph; its
    validation is recomputed. It is named "<name> (copy)"; if the caller already has that name,
    "<name> (copy 2)", "<name> (copy 3)", ... (the first free one; the source name is shortened
    so the result stays within 100 characters). The source is unchanged. A missing, deleted or
    another user's source is 404.

    Args:
        source_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Strategy
    """

    return sync_detailed(
        source_id=source_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    source_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | Strategy]:
    """Clone Strategy

     Clone one of the caller's strategies into a new strategy at version 1, status `draft`. The
    copy takes the source's description, instrument, timeframe, tags and current graph; its
    validation is recomputed. It is named "<name> (copy)"; if the caller already has that name,
    "<name> (copy 2)", "<name> (copy 3)", ... (the first free one; the source name is shortened
    so the result stays within 100 characters). The source is unchanged. A missing, deleted or
    another user's source is 404.

    Args:
        source_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Strategy]
    """

    kwargs = _get_kwargs(
        source_id=source_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    source_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | Strategy | None:
    """Clone Strategy

     Clone one of the caller's strategies into a new strategy at version 1, status `draft`. The
    copy takes the source's description, instrument, timeframe, tags and current graph; its
    validation is recomputed. It is named "<name> (copy)"; if the caller already has that name,
    "<name> (copy 2)", "<name> (copy 3)", ... (the first free one; the source name is shortened
    so the result stays within 100 characters). The source is unchanged. A missing, deleted or
    another user's source is 404.

    Args:
        source_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Strategy
    """

    return (
        await asyncio_detailed(
            source_id=source_id,
            client=client,
        )
    ).parsed
