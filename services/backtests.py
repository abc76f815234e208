"""Backtests over stored bars: `strategies.run_backtest` and the statistics `account.get_performance` shows.

Statistics and trades come back as plain documents in the contract's shape (BacktestStats,
BacktestTrade: money as decimal strings, times ISO 8601 UTC), the form the cache stores them in.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from db import backtest_cache
from db import bars as bars_db
from db import signals as signals_db
from db import strategies as strategies_db
from domain.decimals import money, plain
from domain.engine import BacktestResult, BarColumns, Trade, compile_graph
from domain.engine import run_backtest as run_engine
from domain.errors import InvalidRange
from domain.market.errors import NoMarketData
from domain.signals.stats import NO_SIGNALS, LiveStats
from domain.strategy.errors import GraphInvalid
from services import reconciliation, strategies
from services.reconciliation import RuntimeReconciliation
from services.tx import Tx


@dataclass(frozen=True)
class Backtest:
    strategy: strategies.Row
    version: int
    result: BacktestResult


async def run_backtest(tx: Tx, strategy_id: str, *, version: int | None = None, start: datetime | None = None,
                       end: datetime | None = None) -> Backtest:
    """Run a version (default the head) over the stored bars of the strategy's instrument and timeframe
    opening in [start, end)."""
    if start is not None and end is not None and start >= end:
        raise InvalidRange("`from` must be before `to`.")
    row = await strategies.get_strategy(tx, strategy_id)
    version = version or row["current_version"]
    graph = row["graph"] if version == row["current_version"] else \
        (await strategies.get_version(tx, strategy_id, version))["graph"]
    return Backtest(row, version, await backtest_stored(tx, row, graph, start, end))


async def backtest_stored(tx: Tx, strategy: strategies.Row, graph: dict[str, Any],
                          start: datetime | None = None, end: datetime | None = None) -> BacktestResult:
    """Run `graph` over the stored bars of the strategy's instrument and timeframe opening in [start, end)."""
    instrument, timeframe = strategy["instrument"], strategy["timeframe"]
    plan = compile_graph(graph, instrument, timeframe)  # validates it: GraphInvalid before any bar is read
    bars = await bars_db.between(tx.cur, instrument, timeframe, start, end)
    if not bars:
        raise NoMarketData(f"No stored {timeframe} bars of {instrument} in that range.")
    # CPU-bound: off the event loop, so other requests keep being served meanwhile. The accelerated
    # path decides exactly as the bar-by-bar one (tests/unit/test_engine_properties.py).
    return await asyncio.to_thread(run_engine, plan, instrument, BarColumns.from_rows(bars), timeframe,
                                   accelerated=True)


@dataclass(frozen=True)
class StrategyPerformance:
    strategy: strategies.Row
    statistics: dict[str, Any] | None  # None: no stored data, or the graph does not validate
    live: LiveStats  # of the signals its runtimes fired
    reconciliation: list[RuntimeReconciliation]  # each runtime's paper trades against its backtest


async def get_performance(tx: Tx) -> list[StrategyPerformance]:
    """Each of the caller's strategies with its head version's backtest over all stored data, the
    statistics of the signals it has fired, and each runtime's reconciliation."""
    live = await signals_db.live_stats(tx.cur, tx.caller())
    return [StrategyPerformance(row, await head_statistics_cached(tx, row), live.get(str(row["id"]), NO_SIGNALS),
                                await reconciliation.reconcile_runtimes(tx, str(row["id"])))
            for row in await strategies_db.list_all(tx.cur, tx.caller())]


async def head_statistics_cached(tx: Tx, strategy: strategies.Row) -> dict[str, Any] | None:
    """Statistics of the head version over all stored data, from the cache when the data's extent is
    unchanged; None when there is no data or the graph does not validate."""
    extent = await bars_db.extent(tx.cur, strategy["instrument"], strategy["timeframe"])
    if extent is None:
        return None
    key: backtest_cache.Key = (strategy["id"], strategy["current_version"], strategy["instrument"],
                               strategy["timeframe"], *extent)
    cached = await backtest_cache.get(tx.cur, key)
    if cached is not None:
        return cached
    try:
        result = await backtest_stored(tx, strategy, strategy["graph"])
    except (GraphInvalid, NoMarketData):
        return None
    document = statistics(result)
    await backtest_cache.put(tx.cur, tx.caller(), key, document)
    return document


def _utc(ts: datetime) -> str:
    return ts.isoformat().replace("+00:00", "Z")


def statistics(result: BacktestResult) -> dict[str, Any]:
    """The contract's BacktestStats."""
    return {**result.stats.to_json(), "from": _utc(result.first_bar_ts), "to": _utc(result.last_bar_ts)}


def trade(t: Trade) -> dict[str, Any]:
    """The contract's BacktestTrade."""
    return {
        "side": t.side, "size": t.size, "entry_time": _utc(t.entry_ts), "entry_price": plain(t.entry_price),
        "exit_time": _utc(t.exit_ts), "exit_price": plain(t.exit_price), "reason": t.reason,
        "gross_pnl": money(t.gross), "slippage": money(t.slippage), "commission": money(t.commission),
        "net_pnl": money(t.net),
    }
