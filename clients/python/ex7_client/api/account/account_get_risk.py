from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.risk_state import RiskState
from ...models.trading_mode import TradingMode
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    mode: TradingMode | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_mode: str | Unset = UNSET
    if not isinstance(mode, Unset):
        json_mode = mode.value

    params["mode"] = json_mode

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/risk",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | RiskState | None:
    if response.status_code == 200:
        response_200 = RiskState.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | RiskState]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    mode: TradingMode | Unset = UNSET,
) -> Response[Problem | RiskState]:
    """Get Risk

     The caller's risk state for one mode (`paper` or `live`, default `paper`; anything else is 422).
    Paper and live are separate pools: paper losses do not consume live allowance and vice versa.
    It reports the same decision the publication risk gate would make now: whether trading is
    allowed, and if not which breaker tripped with the observed value and the limit; the configured
    limits; today's usage since the start of the trading day (17:00 America/Chicago). Fail-closed:
    if the state cannot be read (database error) the answer is still 200, with
    `trading_allowed: false` and breaker `error`, never a 500, so a client shows trading as blocked
    during an outage.

    Args:
        mode (TradingMode | Unset): Paper or live; the two are separate pools for runtimes,
            signals and risk.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RiskState]
    """

    kwargs = _get_kwargs(
        mode=mode,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    mode: TradingMode | Unset = UNSET,
) -> Problem | RiskState | None:
    """Get Risk

     The caller's risk state for one mode (`paper` or `live`, default `paper`; anything else is 422).
    Paper and live are separate pools: paper losses do not consume live allowance and vice versa.
    It reports the same decision the publication risk gate would make now: whether trading is
    allowed, and if not which breaker tripped with the observed value and the limit; the configured
    limits; today's usage since the start of the trading day (17:00 America/Chicago). Fail-closed:
    if the state cannot be read (database error) the answer is still 200, with
    `trading_allowed: false` and breaker `error`, never a 500, so a client shows trading as blocked
    during an outage.

    Args:
        mode (TradingMode | Unset): Paper or live; the two are separate pools for runtimes,
            signals and risk.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RiskState
    """

    return sync_detailed(
        client=client,
        mode=mode,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    mode: TradingMode | Unset = UNSET,
) -> Response[Problem | RiskState]:
    """Get Risk

     The caller's risk state for one mode (`paper` or `live`, default `paper`; anything else is 422).
    Paper and live are separate pools: paper losses do not consume live allowance and vice versa.
    It reports the same decision the publication risk gate would make now: whether trading is
    allowed, and if not which breaker tripped with the observed value and the limit; the configured
    limits; today's usage since the start of the trading day (17:00 America/Chicago). Fail-closed:
    if the state cannot be read (database error) the answer is still 200, with
    `trading_allowed: false` and breaker `error`, never a 500, so a client shows trading as blocked
    during an outage.

    Args:
        mode (TradingMode | Unset): Paper or live; the two are separate pools for runtimes,
            signals and risk.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RiskState]
    """

    kwargs = _get_kwargs(
        mode=mode,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    mode: TradingMode | Unset = UNSET,
) -> Problem | RiskState | None:
    """Get Risk

     The caller's risk state for one mode (`paper` or `live`, default `paper`; anything else is 422).
    Paper and live are separate pools: paper losses do not consume live allowance and vice versa.
    It reports the same decision the publication risk gate would make now: whether trading is
    allowed, and if not which breaker tripped with the observed value and the limit; the configured
    limits; today's usage since the start of the trading day (17:00 America/Chicago). Fail-closed:
    if the state cannot be read (database error) the answer is still 200, with
    `trading_allowed: false` and breaker `error`, never a 500, so a client shows trading as blocked
    during an outage.

    Args:
        mode (TradingMode | Unset): Paper or live; the two are separate pools for runtimes,
            signals and risk.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RiskState
    """

    return (
        await asyncio_detailed(
            client=client,
            mode=mode,
        )
    ).parsed
