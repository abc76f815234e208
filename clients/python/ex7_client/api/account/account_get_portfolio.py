from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.portfolio import Portfolio
from ...models.problem import Problem
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
        "url": "/api/portfolio",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Portfolio | Problem | None:
    if response.status_code == 200:
        response_200 = Portfolio.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Portfolio | Problem]:
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
) -> Response[Portfolio | Problem]:
    """Get Portfolio

     Portfolio summary of the caller's signals in one mode (default `paper`): today's signals (those
    fired, in market time, since the start of the current trading day, 17:00 America/Chicago: how
    many, how many are still open, how many have closed and what those made), cumulative statistics
    over all signals, and the open positions marked to the market. Realised P&L counts closed and
    cancelled signals only; wins and losses have net P&L above and below zero; win rate is wins /
    closed, a fraction from 0 to 1, null when nothing has closed; profit factor is the winning nets
    over the losing nets, null when nothing lost; max drawdown is the largest fall of the
    closed-trade net equity curve (in exit order, starting from 0) from its running peak. Each open
    position is valued at the close of the newest 1m bar of its instrument (`mark_price`, of the bar
    closing at `mark_at`): `unrealized_pnl` is what closing there would make by the one P&L formula,
    slippage and commission of both sides included; all three are null when the instrument has no
    stored 1m bar. The response embeds the CFTC Rule 4.41 disclaimer word for word in `disclaimer`.

    Args:
        mode (TradingMode | Unset): Paper or live; the two are separate pools for runtimes,
            signals and risk.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Portfolio | Problem]
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
) -> Portfolio | Problem | None:
    """Get Portfolio

     Portfolio summary of the caller's signals in one mode (default `paper`): today's signals (those
    fired, in market time, since the start of the current trading day, 17:00 America/Chicago: how
    many, how many are still open, how many have closed and what those made), cumulative statistics
    over all signals, and the open positions marked to the market. Realised P&L counts closed and
    cancelled signals only; wins and losses have net P&L above and below zero; win rate is wins /
    closed, a fraction from 0 to 1, null when nothing has closed; profit factor is the winning nets
    over the losing nets, null when nothing lost; max drawdown is the largest fall of the
    closed-trade net equity curve (in exit order, starting from 0) from its running peak. Each open
    position is valued at the close of the newest 1m bar of its instrument (`mark_price`, of the bar
    closing at `mark_at`): `unrealized_pnl` is what closing there would make by the one P&L formula,
    slippage and commission of both sides included; all three are null when the instrument has no
    stored 1m bar. The response embeds the CFTC Rule 4.41 disclaimer word for word in `disclaimer`.

    Args:
        mode (TradingMode | Unset): Paper or live; the two are separate pools for runtimes,
            signals and risk.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Portfolio | Problem
    """

    return sync_detailed(
        client=client,
        mode=mode,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    mode: TradingMode | Unset = UNSET,
) -> Response[Portfolio | Problem]:
    """Get Portfolio

     Portfolio summary of the caller's signals in one mode (default `paper`): today's signals (those
    fired, in market time, since the start of the current trading day, 17:00 America/Chicago: how
    many, how many are still open, how many have closed and what those made), cumulative statistics
    over all signals, and the open positions marked to the market. Realised P&L counts closed and
    cancelled signals only; wins and losses have net P&L above and below zero; win rate is wins /
    closed, a fraction from 0 to 1, null when nothing has closed; profit factor is the winning nets
    over the losing nets, null when nothing lost; max drawdown is the largest fall of the
    closed-trade net equity curve (in exit order, starting from 0) from its running peak. Each open
    position is valued at the close of the newest 1m bar of its instrument (`mark_price`, of the bar
    closing at `mark_at`): `unrealized_pnl` is what closing there would make by the one P&L formula,
    slippage and commission of both sides included; all three are null when the instrument has no
    stored 1m bar. The response embeds the CFTC Rule 4.41 disclaimer word for word in `disclaimer`.

    Args:
        mode (TradingMode | Unset): Paper or live; the two are separate pools for runtimes,
            signals and risk.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Portfolio | Problem]
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
) -> Portfolio | Problem | None:
    """Get Portfolio

     Portfolio summary of the caller's signals in one mode (default `paper`): today's signals (those
    fired, in market time, since the start of the current trading day, 17:00 America/Chicago: how
    many, how many are still open, how many have closed and what those made), cumulative statistics
    over all signals, and the open positions marked to the market. Realised P&L counts closed and
    cancelled signals only; wins and losses have net P&L above and below zero; win rate is wins /
    closed, a fraction from 0 to 1, null when nothing has closed; profit factor is the winning nets
    over the losing nets, null when nothing lost; max drawdown is the largest fall of the
    closed-trade net equity curve (in exit order, starting from 0) from its running peak. Each open
    position is valued at the close of the newest 1m bar of its instrument (`mark_price`, of the bar
    closing at `mark_at`): `unrealized_pnl` is what closing there would make by the one P&L formula,
    slippage and commission of both sides included; all three are null when the instrument has no
    stored 1m bar. The response embeds the CFTC Rule 4.41 disclaimer word for word in `disclaimer`.

    Args:
        mode (TradingMode | Unset): Paper or live; the two are separate pools for runtimes,
            signals and risk.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Portfolio | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            mode=mode,
        )
    ).parsed
