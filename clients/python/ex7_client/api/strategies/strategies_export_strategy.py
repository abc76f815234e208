from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.export_payload import ExportPayload
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    strategy_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/strategies/{strategy_id}/export".format(
            strategy_id=quote(str(strategy_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExportPayload | Problem | None:
    if response.status_code == 200:
        response_200 = ExportPayload.from_dict(response.json())

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
) -> Response[ExportPayload | Problem]:
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
) -> Response[ExportPayload | Problem]:
    """Export Strategy

     A portable JSON document of the strategy's current version, in format `ex7.strategy/v1`: the
    format stamp, `exported_at`, name, description, instrument, timeframe, tags and the full graph
    (nodes, edges, meta). Nothing internal leaves: no strategy or user ids, no status or version
    numbers, no timestamps other than `exported_at`. The document can be sent back to
    `POST /api/strategies/import` as is. A missing, deleted or another user's strategy is 404.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExportPayload | Problem]
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
) -> ExportPayload | Problem | None:
    """Export Strategy

     A portable JSON document of the strategy's current version, in format `ex7.strategy/v1`: the
    format stamp, `exported_at`, name, description, instrument, timeframe, tags and the full graph
    (nodes, edges, meta). Nothing internal leaves: no strategy or user ids, no status or version
    numbers, no timestamps other than `exported_at`. The document can be sent back to
    `POST /api/strategies/import` as is. A missing, deleted or another user's strategy is 404.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExportPayload | Problem
    """

    return sync_detailed(
        strategy_id=strategy_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ExportPayload | Problem]:
    """Export Strategy

     A portable JSON document of the strategy's current version, in format `ex7.strategy/v1`: the
    format stamp, `exported_at`, name, description, instrument, timeframe, tags and the full graph
    (nodes, edges, meta). Nothing internal leaves: no strategy or user ids, no status or version
    numbers, no timestamps other than `exported_at`. The document can be sent back to
    `POST /api/strategies/import` as is. A missing, deleted or another user's strategy is 404.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExportPayload | Problem]
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
) -> ExportPayload | Problem | None:
    """Export Strategy

     A portable JSON document of the strategy's current version, in format `ex7.strategy/v1`: the
    format stamp, `exported_at`, name, description, instrument, timeframe, tags and the full graph
    (nodes, edges, meta). Nothing internal leaves: no strategy or user ids, no status or version
    numbers, no timestamps other than `exported_at`. The document can be sent back to
    `POST /api/strategies/import` as is. A missing, deleted or another user's strategy is 404.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExportPayload | Problem
    """

    return (
        await asyncio_detailed(
            strategy_id=strategy_id,
            client=client,
        )
    ).parsed
