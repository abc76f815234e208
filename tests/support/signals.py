"""Signal pipeline rows arranged as the database owner (bypassing RLS), for tests of what the API reads:
arrange_strategy (a strategy, its version 1 and a runtime per mode), arrange_signal, arrange_audit,
arrange_bar. The dispatcher is what writes these in production; these helpers write what it would.

Times are aware datetimes; prices and P&L are Decimal strings on the instrument's grid. A closed signal
gets its P&L from domain.pnl.compute_pnl (the one formula), so tests state prices and check by hand.
"""

from __future__ import annotations

import itertools
import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from domain.market.calendar import TIMEFRAME_DURATIONS
from domain.pnl import compute_pnl
from domain.strategy.format import content_hash
from tests.support.db import sql_as_owner
from tests.support.graphs import sma_crossover
from tests.support.users import User

_EVENT_IDS = itertools.count(1)


@dataclass(frozen=True)
class ArrangedStrategy:
    user_id: str
    id: str
    instrument: str
    timeframe: str
    runtimes: dict[str, str]  # mode -> runtime id


def ensure_user(dsn: str, user: User) -> None:
    """The users row the API would create on the user's first request."""
    sql_as_owner(dsn, "INSERT INTO users (id, email) VALUES (%s, %s) ON CONFLICT (id) DO NOTHING", user.id, user.email)


def arrange_strategy(dsn: str, user: User, *, instrument: str = "MNQ", timeframe: str = "2m",
                     name: str | None = None, modes: tuple[str, ...] = ("paper",)) -> ArrangedStrategy:
    """A ready strategy at version 1 (the SMA crossover) with a running runtime pinned to it per mode."""
    ensure_user(dsn, user)
    graph = sma_crossover()
    ((strategy_id,),) = sql_as_owner(
        dsn, """INSERT INTO strategies (user_id, name, instrument, timeframe, status)
                VALUES (%s, %s, %s, %s, 'ready') RETURNING id::text""",
        user.id, name or f"s-{uuid.uuid4().hex[:8]}", instrument, timeframe)
    sql_as_owner(dsn, """INSERT INTO strategy_versions (strategy_id, version, user_id, graph, content_hash)
                         VALUES (%s, 1, %s, %s, %s)""", strategy_id, user.id, json.dumps(graph), content_hash(graph))
    runtimes = {}
    for mode in modes:
        ((runtime_id,),) = sql_as_owner(
            dsn, """INSERT INTO strategy_runtimes (strategy_id, user_id, mode, status, started_at, strategy_version,
                                                   instrument, timeframe)
                    VALUES (%s, %s, %s, 'running', now(), 1, %s, %s) RETURNING id::text""",
            strategy_id, user.id, mode, instrument, timeframe)
        runtimes[mode] = runtime_id
    return ArrangedStrategy(user.id, strategy_id, instrument, timeframe, runtimes)


def arrange_signal(dsn: str, strategy: ArrangedStrategy, *, fired_at: datetime, side: str = "long",
                   entry_price: str = "21450.25", size: int = 1, mode: str = "paper", status: str = "open",
                   close_price: str | None = None, close_reason: str | None = None,
                   entry_market_at: datetime | None = None, exit_market_at: datetime | None = None,
                   bar_ts: datetime | None = None, stop_price: str | None = None,
                   target_price: str | None = None) -> str:
    """One signal of `strategy`'s runtime in `mode`; its id.

    Defaults: it fired at the close of its bar (entry_market_at = fired_at, bar_ts one timeframe
    earlier); a closed or cancelled one closed ten minutes later (exit_market_at) at `close_price`
    (default: the entry price), for reason target (closed) or user (cancelled), with its P&L by the one
    formula. A runtime holds one open signal at most and fires once per bar (the schema's rules)."""
    entry_market_at = entry_market_at or fired_at
    bar_ts = bar_ts or entry_market_at - TIMEFRAME_DURATIONS[strategy.timeframe]
    closing: dict[str, Any] = {k: None for k in ("closed_at", "exit_bar_ts", "exit_market_at", "close_price",
                                                 "close_reason", "gross_pnl", "slippage", "commission", "net_pnl",
                                                 "slippage_ticks")}
    if status != "open":
        exit_at = exit_market_at or entry_market_at + timedelta(minutes=10)
        price = Decimal(close_price or entry_price)
        pnl = compute_pnl(strategy.instrument, side, size, Decimal(entry_price), price)  # type: ignore[arg-type]
        closing = {"closed_at": exit_at, "exit_bar_ts": exit_at - TIMEFRAME_DURATIONS[strategy.timeframe],
                   "exit_market_at": exit_at, "close_price": price,
                   "close_reason": close_reason or ("target" if status == "closed" else "user"),
                   "gross_pnl": pnl.gross, "slippage": pnl.slippage, "commission": pnl.commission, "net_pnl": pnl.net,
                   "slippage_ticks": pnl.slippage_ticks}
    row = {"user_id": strategy.user_id, "strategy_id": strategy.id, "strategy_version": 1,
           "runtime_id": strategy.runtimes[mode], "mode": mode, "instrument": strategy.instrument,
           "timeframe": strategy.timeframe, "side": side, "status": status, "entry_price": Decimal(entry_price),
           "stop_price": stop_price, "target_price": target_price, "size": size, "bar_ts": bar_ts,
           "entry_market_at": entry_market_at, "fired_at": fired_at, "event_id": next(_EVENT_IDS), **closing}
    ((signal_id,),) = sql_as_owner(
        dsn, f"INSERT INTO signals ({', '.join(row)}) VALUES ({', '.join(['%s'] * len(row))}) RETURNING id::text",
        *row.values())
    return str(signal_id)


def arrange_audit(dsn: str, strategy: ArrangedStrategy, *, bar_ts: datetime, decision: str = "hold",
                  inputs: dict[str, Any] | None = None, reason: str | None = None, mode: str = "paper") -> str:
    """One audit row of `strategy`'s runtime in `mode` (one per bar); its id."""
    ((audit_id,),) = sql_as_owner(
        dsn, """INSERT INTO signal_audit (user_id, runtime_id, strategy_id, strategy_version, instrument, timeframe,
                                          bar_ts, decision, inputs, reason)
                VALUES (%s, %s, %s, 1, %s, %s, %s, %s, %s, %s) RETURNING id::text""",
        strategy.user_id, strategy.runtimes[mode], strategy.id, strategy.instrument, strategy.timeframe, bar_ts,
        decision, json.dumps(inputs if inputs is not None else {"close": "21450.25"}), reason)
    return str(audit_id)


def arrange_bar(dsn: str, instrument: str, ts: datetime, close: str, *, timeframe: str = "1m") -> None:
    """One imported bar opening at `ts` whose every price is `close`."""
    sql_as_owner(dsn, """INSERT INTO bars (instrument, timeframe, ts, open, high, low, close, volume, source)
                         VALUES (%s, %s, %s, %s, %s, %s, %s, 100, 'import')""",
                 instrument, timeframe, ts, close, close, close, close)
