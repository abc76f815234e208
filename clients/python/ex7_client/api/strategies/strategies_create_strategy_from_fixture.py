from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.strategy import Strategy
from ...types import Response


def _get_kwargs(
    slug: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/strategies/from-fixture/{slug}".format(
            slug=quote(str(slug), safe=""),
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
    slug: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | Strategy]:
    """Create Strategy From Fixture

     Create a strategy for the caller from one of the platform's fixture strategies (ready-made
    examples): version 1, status `draft`, with the fixture's name, description, instrument,
    timeframe and graph, and its validation. The available slugs are listed in the `fixtures`
    member of `GET /api/engines` (each with slug, name, description, instrument and timeframe).
    If the caller already has a strategy with the fixture's name, the new one is named
    "<name> (2)", "<name> (3)", ... (the first free one), so a fixture can be used several times.
    An unknown slug is 404.

    Args:
        slug (str):  Example: sma-crossover.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Strategy]
    """

    kwargs = _get_kwargs(
        slug=slug,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    slug: str,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | Strategy | None:
    """Create Strategy From Fixture

     Create a strategy for the caller from one of the platform's fixture strategies (ready-made
    examples): version 1, status `draft`, with the fixture's name, description, instrument,
    timeframe and graph, and its validation. The available slugs are listed in the `fixtures`
    member of `GET /api/engines` (each with slug, name, description, instrument and timeframe).
    If the caller already has a strategy with the fixture's name, the new one is named
    "<name> (2)", "<name> (3)", ... (the first free one), so a fixture can be used several times.
    An unknown slug is 404.

    Args:
        slug (str):  Example: sma-crossover.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Strategy
    """

    return sync_detailed(
        slug=slug,
        client=client,
    ).parsed


async def asyncio_detailed(
    slug: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | Strategy]:
    """Create Strategy From Fixture

     Create a strategy for the caller from one of the platform's fixture strategies (ready-made
    examples): version 1, status `draft`, with the fixture's name, description, instrument,
    timeframe and graph, and its validation. The available slugs are listed in the `fixtures`
    member of `GET /api/engines` (each with slug, name, description, instrument and timeframe).
    If the caller already has a strategy with the fixture's name, the new one is named
    "<name> (2)", "<name> (3)", ... (the first free one), so a fixture can be used several times.
    An unknown slug is 404.

    Args:
        slug (str):  Example: sma-crossover.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Strategy]
    """

    kwargs = _get_kwargs(
        slug=slug,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    slug: str,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | Strategy | None:
    """Create Strategy From Fixture

     Create a strategy for the caller from one of the platform's fixture strategies (ready-made
    examples): version 1, status `draft`, with the fixture's name, description, instrument,
    timeframe and graph, and its validation. The available slugs are listed in the `fixtures`
    member of `GET /api/engines` (each with slug, name, description, instrument and timeframe).
    If the caller already has a strategy with the fixture's name, the new one is named
    "<name> (2)", "<name> (3)", ... (the first free one), so a fixture can be used several times.
    An unknown slug is 404.

    Args:
        slug (str):  Example: sma-crossover.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Strategy
    """

    return (
        await asyncio_detailed(
            slug=slug,
            client=client,
        )
    ).parsed
