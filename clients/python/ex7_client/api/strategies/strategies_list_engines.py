from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.engine_catalog import EngineCatalog
from ...models.problem import Problem
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/engines",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EngineCatalog | Problem | None:
    if response.status_code == 200:
        response_200 = EngineCatalog.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[EngineCatalog | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[EngineCatalog | Problem]:
    """List Engines

     The catalogue the strategy builder renders: every node type a graph may use, and the fixture
    strategies (ready-made examples) that `POST /api/strategies/from-fixture/{slug}` can copy.
    Each node type has a category, a label and description for the UI, its typed input and output
    ports, and a JSON Schema for its params. Requires authentication: the information is not
    secret, but there is no reason for anonymous traffic to fetch it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EngineCatalog | Problem]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> EngineCatalog | Problem | None:
    """List Engines

     The catalogue the strategy builder renders: every node type a graph may use, and the fixture
    strategies (ready-made examples) that `POST /api/strategies/from-fixture/{slug}` can copy.
    Each node type has a category, a label and description for the UI, its typed input and output
    ports, and a JSON Schema for its params. Requires authentication: the information is not
    secret, but there is no reason for anonymous traffic to fetch it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EngineCatalog | Problem
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[EngineCatalog | Problem]:
    """List Engines

     The catalogue the strategy builder renders: every node type a graph may use, and the fixture
    strategies (ready-made examples) that `POST /api/strategies/from-fixture/{slug}` can copy.
    Each node type has a category, a label and description for the UI, its typed input and output
    ports, and a JSON Schema for its params. Requires authentication: the information is not
    secret, but there is no reason for anonymous traffic to fetch it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EngineCatalog | Problem]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> EngineCatalog | Problem | None:
    """List Engines

     The catalogue the strategy builder renders: every node type a graph may use, and the fixture
    strategies (ready-made examples) that `POST /api/strategies/from-fixture/{slug}` can copy.
    Each node type has a category, a label and description for the UI, its typed input and output
    ports, and a JSON Schema for its params. Requires authentication: the information is not
    secret, but there is no reason for anonymous traffic to fetch it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EngineCatalog | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
