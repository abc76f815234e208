from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.backtest_request import BacktestRequest
from ...models.backtest_result import BacktestResult
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    strategy_id: UUID,
    *,
    body: BacktestRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/strategies/{strategy_id}/backtest".format(
            strategy_id=quote(str(strategy_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BacktestResult | Problem | None:
    if response.status_code == 200:
        response_200 = BacktestResult.from_dict(response.json())

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

    if response.status_code == 408:
        response_408 = Problem.from_dict(response.json())

        return response_408

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BacktestResult | Problem]:
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
    body: BacktestRequest | Unset = UNSET,
) -> Response[BacktestResult | Problem]:
    """Run Backtest

     Run the strategy over the stored market data of its instrument and timeframe, with the same
    evaluator a live runtime uses: decisions on bar close, entries filled at the signal bar's
    close, stops and targets checked on later bars' high/low (the stop first when both are
    touched), one position at a time, P&L by the one formula (2 ticks of adverse slippage per side,
    per-side commission). `version` defaults to the current one; `from`/`to` (inclusive/exclusive
    bar open times) default to all stored data. A position still open at the end is closed at the
    last bar's close with reason `end_of_data`. The answer carries the statistics, every trade, and
    the CFTC Rule 4.41 disclaimer word for word, since these are hypothetical results.
    A missing, deleted or another user's strategy, or an unknown version, is 404; a range with
    `from` not before `to` is 422 `invalid_range`; no stored bars in the range is 422
    `no_market_data`; a graph that does not validate is 422 `graph_invalid` with its
    `validation_errors`.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (BacktestRequest | Unset): Every field is optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BacktestResult | Problem]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: BacktestRequest | Unset = UNSET,
) -> BacktestResult | Problem | None:
    """Run Backtest

     Run the strategy over the stored market data of its instrument and timeframe, with the same
    evaluator a live runtime uses: decisions on bar close, entries filled at the signal bar's
    close, stops and targets checked on later bars' high/low (the stop first when both are
    touched), one position at a time, P&L by the one formula (2 ticks of adverse slippage per side,
    per-side commission). `version` defaults to the current one; `from`/`to` (inclusive/exclusive
    bar open times) default to all stored data. A position still open at the end is closed at the
    last bar's close with reason `end_of_data`. The answer carries the statistics, every trade, and
    the CFTC Rule 4.41 disclaimer word for word, since these are hypothetical results.
    A missing, deleted or another user's strategy, or an unknown version, is 404; a range with
    `from` not before `to` is 422 `invalid_range`; no stored bars in the range is 422
    `no_market_data`; a graph that does not validate is 422 `graph_invalid` with its
    `validation_errors`.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (BacktestRequest | Unset): Every field is optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BacktestResult | Problem
    """

    return sync_detailed(
        strategy_id=strategy_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: BacktestRequest | Unset = UNSET,
) -> Response[BacktestResult | Problem]:
    """Run Backtest

     Run the strategy over the stored market data of its instrument and timeframe, with the same
    evaluator a live runtime uses: decisions on bar close, entries filled at the signal bar's
    close, stops and targets checked on later bars' high/low (the stop first when both are
    touched), one position at a time, P&L by the one formula (2 ticks of adverse slippage per side,
    per-side commission). `version` defaults to the current one; `from`/`to` (inclusive/exclusive
    bar open times) default to all stored data. A position still open at the end is closed at the
    last bar's close with reason `end_of_data`. The answer carries the statistics, every trade, and
    the CFTC Rule 4.41 disclaimer word for word, since these are hypothetical results.
    A missing, deleted or another user's strategy, or an unknown version, is 404; a range with
    `from` not before `to` is 422 `invalid_range`; no stored bars in the range is 422
    `no_market_data`; a graph that does not validate is 422 `graph_invalid` with its
    `validation_errors`.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (BacktestRequest | Unset): Every field is optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BacktestResult | Problem]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: BacktestRequest | Unset = UNSET,
) -> BacktestResult | Problem | None:
    """Run Backtest

     Run the strategy over the stored market data of its instrument and timeframe, with the same
    evaluator a live runtime uses: decisions on bar close, entries filled at the signal bar's
    close, stops and targets checked on later bars' high/low (the stop first when both are
    touched), one position at a time, P&L by the one formula (2 ticks of adverse slippage per side,
    per-side commission). `version` defaults to the current one; `from`/`to` (inclusive/exclusive
    bar open times) default to all stored data. A position still open at the end is closed at the
    last bar's close with reason `end_of_data`. The answer carries the statistics, every trade, and
    the CFTC Rule 4.41 disclaimer word for word, since these are hypothetical results.
    A missing, deleted or another user's strategy, or an unknown version, is 404; a range with
    `from` not before `to` is 422 `invalid_range`; no stored bars in the range is 422
    `no_market_data`; a graph that does not validate is 422 `graph_invalid` with its
    `validation_errors`.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (BacktestRequest | Unset): Every field is optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BacktestResult | Problem
    """

    return (
        await asyncio_detailed(
            strategy_id=strategy_id,
            client=client,
            body=body,
        )
    ).parsed
