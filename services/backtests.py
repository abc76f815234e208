"""Backtests over stored bars, shared by POST /strategies/{id}/backtest and GET /performance, and their
wire form."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

from db import backtest_cache
from db import bars as bars_db
from db.pool import Cursor
from domain.decimals import money, plain
from domain.engine import BacktestResult, BarColumns, Trade, run_backtest
from domain.errors import Invalid
from domain.strategy.graph import validate_graph
from generated import models


async def backtest_stored(cur: Cursor, strategy: dict[str, Any], graph: dict[str, Any],
                          start: datetime | None = None, end: datetime | None = None) -> BacktestResult:
    """Run `graph` over the stored bars of the strategy's instrument and timeframe opening in [start, end)."""
    instrument, timeframe = strategy["instrument"], strategy["timeframe"]
    issues = validate_graph(graph, instrument, timeframe)
    if issues:
        raise Invalid("The graph does not validate; fix it first.", code="graph_invalid",
                      validation_errors=[i.to_dict() for i in issues])
    bars = await bars_db.between(cur, instrument, timeframe, start, end)
    if not bars:
        raise Invalid(f"No stored {timeframe} bars of {instrument} in that range.", code="no_market_data")
    # CPU-bound: off the event loop, so other requests keep being served meanwhile. The accelerated
    # path decides exactly as the bar-by-bar one (tests/unit/test_engine_properties.py).
    return await asyncio.to_thread(run_backtest, graph, instrument, BarColumns.from_rows(bars), timeframe,
                                   accelerated=True)


async def head_statistics_cached(cur: Cursor, user: str, strategy: dict[str, Any]) -> dict[str, Any] | None:
    """Wire statistics of the head version over all stored data, from the cache when the data's extent
    is unchanged; None when there is no data or the graph does not validate."""
    extent = await bars_db.extent(cur, strategy["instrument"], strategy["timeframe"])
    if extent is None:
        return None
    key: backtest_cache.Key = (strategy["id"], strategy["current_version"], strategy["instrument"],
                               strategy["timeframe"], *extent)
    cached = await backtest_cache.get(cur, key)
    if cached is not None:
        return cached
    try:
        result = await backtest_stored(cur, strategy, strategy["graph"])
    except Invalid:
        return None
    statistics = backtest_statistics(result).model_dump(mode="json", by_alias=True)
    await backtest_cache.put(cur, user, key, statistics)
    return statistics


def backtest_statistics(result: BacktestResult) -> models.BacktestStats:
    s = result.stats
    return models.BacktestStats(
        trades=s.trades, wins=s.wins, losses=s.losses, scratches=s.scratches, win_rate=s.win_rate,
        gross_pnl=money(s.gross_pnl), net_pnl=money(s.net_pnl), slippage=money(s.slippage),
        commission=money(s.commission), profit_factor=s.profit_factor, max_drawdown=money(s.max_drawdown),
        sharpe=s.sharpe, average_trade=None if s.average_trade is None else money(s.average_trade),
        longest_losing_streak=s.longest_losing_streak, from_=result.first_bar_ts, to=result.last_bar_ts,
    )


def backtest_trade(t: Trade) -> models.BacktestTrade:
    return models.BacktestTrade(
        side=t.side, size=t.size, entry_time=t.entry_ts, entry_price=plain(t.entry_price), exit_time=t.exit_ts,
        exit_price=plain(t.exit_price), reason=t.reason,  # type: ignore[arg-type]  # the contract's enum
        gross_pnl=money(t.gross), slippage=money(t.slippage), commission=money(t.commission), net_pnl=money(t.net),
    )
