"""Runtimes as the API sees them: start, stop, force-close-all, the lists and the pipeline's health.

What stopping does to an open position: the drain finishes the bar in hand, then the worker closes
the position at the instrument's newest 1m close (status `closed`, close_reason `runtime_stopped`,
P&L by the one formula) and settles the runtime on `stopped`. A stopped strategy holds nothing: no
position is left without the stop and target that the runtime was managing. A runtime that fails
(`error`) leaves its position open, since it cannot be trusted to price it; the trader sees the error
and can close the signal or force-close; a later start closes what is left over first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from db import bars as bars_db
from db import runtimes as runtimes_db
from db import signals as signals_db
from db import strategies as strategies_db
from db import workers as workers_db
from domain.errors import Forbidden
from domain.market.bars import ONE_MINUTE
from domain.market.instruments import INSTRUMENTS
from domain.market.snapshot import Freshness, freshness
from domain.signals.errors import RuntimeAlreadyActive, RuntimeNotFound
from domain.signals.runtime import ACTIVE_STATUSES, check_startable
from domain.strategy.errors import StrategyNotFound
from services import closing, entitlements
from services.tx import Tx

Row = dict[str, Any]


async def _owned_strategy(tx: Tx, strategy_id: str) -> Row:
    """Gates 1 and 2 of start and force-close-all: 404 missing or deleted, 403 someone else's."""
    found = await strategies_db.owner(tx.cur, strategy_id)
    if found is None or found[1]:
        raise StrategyNotFound("No such strategy.")
    if found[0] != tx.caller():
        raise Forbidden("This strategy belongs to another user.")
    row = await strategies_db.get(tx.cur, tx.caller(), strategy_id, for_update=True)
    if row is None:  # deleted between the two reads
        raise StrategyNotFound("No such strategy.")
    return row


async def start_runtime(tx: Tx, strategy_id: str, mode: str) -> Row:
    strategy = await _owned_strategy(tx, strategy_id)
    check_startable(strategy["status"], mode)
    await entitlements.check_runtime_start(tx, strategy_id, mode)
    runtime = await runtimes_db.start(tx.cur, tx.caller(), strategy_id, mode, version=strategy["current_version"],
                                      instrument=strategy["instrument"], timeframe=strategy["timeframe"],
                                      now=tx.clock.now())
    if runtime["status"] in ACTIVE_STATUSES:
        raise RuntimeAlreadyActive(f"The runtime is already {runtime['status']}.", current=runtime)
    await runtimes_db.notify_change(tx.cur, str(runtime["id"]))
    return runtime


async def stop_runtime(tx: Tx, strategy_id: str, mode: str) -> Row:
    runtime = await runtimes_db.stop(tx.cur, tx.caller(), strategy_id, mode)
    if runtime is None:
        raise RuntimeNotFound("No runtime for this strategy and mode.")
    if runtime["status"] == "draining":
        await runtimes_db.notify_change(tx.cur, str(runtime["id"]))
    return runtime


async def force_close_all(tx: Tx, strategy_id: str) -> int:
    """Cancel every open signal of the strategy at its entry price (no realised P&L); one
    `signal_closed` event each, in this transaction."""
    await _owned_strategy(tx, strategy_id)
    count = 0
    for signal in await signals_db.open_of_strategy(tx.cur, tx.caller(), strategy_id):
        if await closing.force_close(tx.cur, signal, tx.clock.now()):
            count += 1
    return count


async def list_runtimes(tx: Tx) -> list[Row]:
    return await runtimes_db.list_for_user(tx.cur, tx.caller())


@dataclass(frozen=True)
class MarketHealth:
    last_bar_ts: datetime | None
    lag_seconds: float | None  # since the newest 1m bar closed
    status: Freshness


@dataclass(frozen=True)
class PipelineHealth:
    dispatcher: str
    market_data: dict[str, MarketHealth]
    runtimes: dict[str, int]
    now: datetime


# A dispatcher beats at least every few seconds; one silent for this long is not dispatching.
DISPATCHER_STALE_SECONDS = 60.0


async def get_signals_health(tx: Tx) -> PipelineHealth:
    """The pipeline as a whole, for a public status page: no user data."""
    now = tx.clock.now()
    dispatching = await workers_db.dispatching(tx.cur, DISPATCHER_STALE_SECONDS)
    latest = await bars_db.latest(tx.cur, sorted(INSTRUMENTS))
    market = {}
    for symbol in sorted(INSTRUMENTS):
        bar = latest.get(symbol)
        lag = None if bar is None else max(0.0, (now - (bar.ts + ONE_MINUTE)).total_seconds())
        market[symbol] = MarketHealth(bar.ts if bar else None, lag, freshness(symbol, bar.ts if bar else None, now))
    return PipelineHealth("ok" if dispatching else "stale", market, await runtimes_db.status_counts(tx.cur), now)
