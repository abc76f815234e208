from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.signals_health import SignalsHealth
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/signals/health",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SignalsHealth | None:
    if response.status_code == 200:
        response_200 = SignalsHealth.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

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
) -> Response[Problem | SignalsHealth]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | SignalsHealth]:
    """Signals Health

     Public. Aggregate health of the signal pipeline for status pages and operations panels: whether
    the dispatcher is alive (`ok`) or has stopped heart-beating (`stale`), the market-data freshness
    per instrument (`fresh`, `stale`, or `closed` outside the trading session), the number of
    runtimes in each status, and the server time. Not user-scoped: it contains no personal data and
    no user ids.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SignalsHealth]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> Problem | SignalsHealth | None:
    """Signals Health

     Public. Aggregate health of the signal pipeline for status pages and operations panels: whether
    the dispatcher is alive (`ok`) or has stopped heart-beating (`stale`), the market-data freshness
    per instrument (`fresh`, `stale`, or `closed` outside the trading session), the number of
    runtimes in each status, and the server time. Not user-scoped: it contains no personal data and
    no user ids.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SignalsHealth
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | SignalsHealth]:
    """Signals Health

     Public. Aggregate health of the signal pipeline for status pages and operations panels: whether
    the dispatcher is alive (`ok`) or has stopped heart-beating (`stale`), the market-data freshness
    per instrument (`fresh`, `stale`, or `closed` outside the trading session), the number of
    runtimes in each status, and the server time. Not user-scoped: it contains no personal data and
    no user ids.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SignalsHealth]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> Problem | SignalsHealth | None:
    """Signals Health

     Public. Aggregate health of the signal pipeline for status pages and operations panels: whether
    the dispatcher is alive (`ok`) or has stopped heart-beating (`stale`), the market-data freshness
    per instrument (`fresh`, `stale`, or `closed` outside the trading session), the number of
    runtimes in each status, and the server time. Not user-scoped: it contains no personal data and
    no user ids.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SignalsHealth
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
