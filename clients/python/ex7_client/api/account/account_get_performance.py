from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.performance import Performance
from ...models.problem import Problem
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/performance",
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Performance | Problem | None:
    if response.status_code == 200:
        response_200 = Performance.from_dict(response.json())

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
) -> Response[Performance | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Performance | Problem]:
    """Get Performance

     Per-strategy performance for each of the caller's strategies (soft-deleted ones excluded): the
    statistics of the backtest of its head version over all stored bars of its instrument and
    timeframe (computed on demand and cached per version and data extent; null when there is no
    data or the graph does not validate) and the live statistics of the signals its runtimes fired,
    in either mode (`closed` counts closed and cancelled signals, `net_pnl` is their sum, wins and
    losses have net P&L above and below zero, `win_rate` is wins / closed and null when nothing has
    closed). Win rates are fractions from 0 to 1. The response
    embeds the CFTC Rule 4.41 disclaimer word for word in `disclaimer`, because it carries
    hypothetical results.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Performance | Problem]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> Performance | Problem | None:
    """Get Performance

     Per-strategy performance for each of the caller's strategies (soft-deleted ones excluded): the
    statistics of the backtest of its head version over all stored bars of its instrument and
    timeframe (computed on demand and cached per version and data extent; null when there is no
    data or the graph does not validate) and the live statistics of the signals its runtimes fired,
    in either mode (`closed` counts closed and cancelled signals, `net_pnl` is their sum, wins and
    losses have net P&L above and below zero, `win_rate` is wins / closed and null when nothing has
    closed). Win rates are fractions from 0 to 1. The response
    embeds the CFTC Rule 4.41 disclaimer word for word in `disclaimer`, because it carries
    hypothetical results.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Performance | Problem
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Performance | Problem]:
    """Get Performance

     Per-strategy performance for each of the caller's strategies (soft-deleted ones excluded): the
    statistics of the backtest of its head version over all stored bars of its instrument and
    timeframe (computed on demand and cached per version and data extent; null when there is no
    data or the graph does not validate) and the live statistics of the signals its runtimes fired,
    in either mode (`closed` counts closed and cancelled signals, `net_pnl` is their sum, wins and
    losses have net P&L above and below zero, `win_rate` is wins / closed and null when nothing has
    closed). Win rates are fractions from 0 to 1. The response
    embeds the CFTC Rule 4.41 disclaimer word for word in `disclaimer`, because it carries
    hypothetical results.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Performance | Problem]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> Performance | Problem | None:
    """Get Performance

     Per-strategy performance for each of the caller's strategies (soft-deleted ones excluded): the
    statistics of the backtest of its head version over all stored bars of its instrument and
    timeframe (computed on demand and cached per version and data extent; null when there is no
    data or the graph does not validate) and the live statistics of the signals its runtimes fired,
    in either mode (`closed` counts closed and cancelled signals, `net_pnl` is their sum, wins and
    losses have net P&L above and below zero, `win_rate` is wins / closed and null when nothing has
    closed). Win rates are fractions from 0 to 1. The response
    embeds the CFTC Rule 4.41 disclaimer word for word in `disclaimer`, because it carries
    hypothetical results.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Performance | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
