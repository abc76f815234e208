"""Signals as the caller reads them: the paginated list, one signal, the legacy windows, the audit trail
(the Signals tag's reads), and the portfolio they add up to (GET /api/portfolio).

Writes (the dispatcher firing and closing signals, start/stop, closes by hand) are elsewhere; these
use cases only read, inside the caller's transaction, under RLS.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from db import audit as audit_db
from db import bars as bars_db
from db import signals as signals_db
from domain.errors import InvalidRange
from domain.market.calendar import trading_day_start
from domain.market.instruments import INSTRUMENTS
from domain.pagination import decode_time_id_cursor, encode_cursor
from domain.signals.errors import InstrumentNotFound, SignalNotFound
from domain.signals.records import Mode, Signal
from domain.signals.stats import MARK_TIMEFRAME, Portfolio, mark_to_market
from services.tx import Tx


def _check_range(start: datetime | None, end: datetime | None) -> None:
    if start is not None and end is not None and start >= end:
        raise InvalidRange("`from` must be before `to`.")


@dataclass(frozen=True)
class SignalPage:
    items: list[Signal]
    next_cursor: str | None


async def list_signals(tx: Tx, *, limit: int, strategy_id: str | None = None, start: datetime | None = None,
                       end: datetime | None = None, side: str | None = None, status: str | None = None,
                       instrument: str | None = None, cursor: str | None = None) -> SignalPage:
    """Newest first, keyset-paginated on (fired_at, id); fired in [start, end)."""
    _check_range(start, end)
    after = decode_time_id_cursor(cursor) if cursor else None
    rows = await signals_db.page(tx.cur, tx.caller(), strategy_id=strategy_id, start=start, end=end, side=side,
                                 status=status, instrument=instrument, after=after, limit=limit)
    page, more = rows[:limit], len(rows) > limit
    return SignalPage(page, encode_cursor(page[-1].fired_at, page[-1].id) if more else None)


async def get_signal(tx: Tx, signal_id: str) -> Signal:
    signal = await signals_db.get(tx.cur, tx.caller(), signal_id)
    if signal is None:
        raise SignalNotFound("No such signal.")
    return signal


async def get_legacy_signals(tx: Tx, hours: int, instrument: str | None = None) -> list[Signal]:
    """Every signal fired in the last `hours` hours (of one catalogue instrument, if given), newest first."""
    if instrument is not None and instrument not in INSTRUMENTS:
        raise InstrumentNotFound(f"No such instrument {instrument}.")
    since = tx.clock.now() - timedelta(hours=hours)
    return await signals_db.recent(tx.cur, tx.caller(), since, instrument)


@dataclass(frozen=True)
class AuditPage:
    items: list[dict[str, Any]]
    next_cursor: str | None


async def list_audit(tx: Tx, *, limit: int, strategy_id: str | None = None, start: datetime | None = None,
                     end: datetime | None = None, decision: str | None = None,
                     cursor: str | None = None) -> AuditPage:
    """Newest bar first, keyset-paginated on (bar_ts, id); bars in [start, end)."""
    _check_range(start, end)
    after = decode_time_id_cursor(cursor) if cursor else None
    rows = await audit_db.page(tx.cur, tx.caller(), strategy_id=strategy_id, start=start, end=end,
                               decision=decision, after=after, limit=limit)
    page, more = rows[:limit], len(rows) > limit
    return AuditPage(page, encode_cursor(page[-1]["bar_ts"], page[-1]["id"]) if more else None)


async def get_portfolio(tx: Tx, mode: Mode) -> Portfolio:
    """Today (since the trading day containing now started) and all time, for the signals of `mode`,
    with each open position marked at the newest 1m close of its instrument."""
    user = tx.caller()
    day_start = trading_day_start(tx.clock.now())
    today, cumulative = await signals_db.portfolio(tx.cur, user, mode, day_start)
    open_signals = await signals_db.open_signals(tx.cur, user, mode)
    newest = await bars_db.latest(tx.cur, sorted({s.instrument for s in open_signals}), MARK_TIMEFRAME)
    positions = [mark_to_market(s, newest.get(s.instrument)) for s in open_signals]
    return Portfolio(today, cumulative, positions, day_start)
