"""Every way a signal closes, each writing its `signal_closed` event in the same transaction:

- the engine's exits (stop, target, exit rule, reverse, max bars), decided by the dispatcher;
- the user (POST /api/signals/{id}/close, paper only): status `cancelled`, close_reason `user`;
- the emergency lever (force-close-all): `cancelled`, `force_close`, at the entry price, no P&L;
- the runtime being stopped with a position open: `closed`, `runtime_stopped`.

Every close goes through the guarded UPDATE of db.signals.close (only while the signal is still open),
so a user's close racing the dispatcher's own exit closes the signal once, with one P&L: whichever
commits second finds it closed and writes nothing.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from decimal import Decimal

from db import bars as bars_db
from db import events as events_db
from db import signals as signals_db
from db.pool import Cursor
from domain.market.bars import StoredBar, bar_close
from domain.pnl import PnL, compute_pnl
from domain.signals.errors import PaperOnly, PriceUnavailable, SignalNotFound, SignalNotOpen
from domain.signals.records import CloseReason, Signal, SignalStatus
from services.tx import Tx

# Without a close price from the client, the newest 1m bar stands for the market only if it was
# written this recently (database time; a replay feed keeps it fresh).
CLOSE_PRICE_MAX_AGE_SECONDS = 180.0
_ZERO = Decimal("0.00")


async def _close(cur: Cursor, signal: Signal, *, status: SignalStatus, reason: CloseReason, price: Decimal,
                 pnl: PnL | None,
                 closed_at: datetime, exit_bar_ts: datetime | None, exit_market_at: datetime) -> Signal | None:
    """Close `signal` if it is still open, with its event; the closed signal, or None when it was not open.

    The row is locked before the event id is taken: a writer holding the id order lock must not wait
    for a row (db/events.py)."""
    if not await signals_db.lock_open(cur, signal.id):
        return None
    event_id = await events_db.next_id(cur)
    closed = dataclasses.replace(
        signal, status=status, close_reason=reason, close_price=price, closed_at=closed_at, exit_bar_ts=exit_bar_ts,
        exit_market_at=exit_market_at, event_id=event_id,
        gross_pnl=pnl.gross if pnl else _ZERO, slippage=pnl.slippage if pnl else _ZERO,
        commission=pnl.commission if pnl else _ZERO, net_pnl=pnl.net if pnl else _ZERO,
        slippage_ticks=pnl.slippage_ticks if pnl else Decimal("0"))
    if not await signals_db.close(cur, closed):
        return None
    await events_db.append(cur, event_id=event_id, user_id=closed.user_id, kind="signal_closed",
                           payload=closed.to_json(), strategy_id=closed.strategy_id, signal_id=closed.id,
                           runtime_id=closed.runtime_id)
    return closed


async def engine_exit(cur: Cursor, signal: Signal, *, reason: CloseReason, price: Decimal, pnl: PnL,
                      now: datetime, bar_ts: datetime, market_at: datetime) -> Signal | None:
    return await _close(cur, signal, status="closed", reason=reason, price=price, pnl=pnl, closed_at=now,
                        exit_bar_ts=bar_ts, exit_market_at=market_at)


async def _at(cur: Cursor, signal: Signal, mark: tuple[StoredBar, float] | None, *, status: SignalStatus,
              reason: CloseReason, price: Decimal, pnl: PnL | None, now: datetime) -> Signal | None:
    """Close at `price`, the newest bar `mark` standing for the market's time (now without one)."""
    bar = None if mark is None else mark[0]
    return await _close(cur, signal, status=status, reason=reason, price=price, pnl=pnl, closed_at=now,
                        exit_bar_ts=None if bar is None else bar.ts,
                        exit_market_at=now if bar is None else bar_close(bar.ts, "1m", signal.instrument))


def _pnl(signal: Signal, price: Decimal) -> PnL:
    return compute_pnl(signal.instrument, signal.side, signal.size, signal.entry_price, price)


async def force_close(cur: Cursor, signal: Signal, now: datetime) -> Signal | None:
    """At the entry price, with no realised P&L: an emergency cancel books nothing."""
    mark = await bars_db.newest(cur, signal.instrument)
    return await _at(cur, signal, mark, status="cancelled", reason="force_close", price=signal.entry_price, pnl=None,
                     now=now)


async def runtime_stopped(cur: Cursor, signal: Signal, now: datetime) -> Signal | None:
    """The runtime holding it stops: at the newest 1m close whatever its age (there is no better
    price now), or at the entry price when the instrument has no bar at all."""
    mark = await bars_db.newest(cur, signal.instrument)
    price = signal.entry_price if mark is None else mark[0].close
    return await _at(cur, signal, mark, status="closed", reason="runtime_stopped", price=price,
                     pnl=_pnl(signal, price), now=now)


async def at_market(cur: Cursor, signal: Signal, *, reason: CloseReason, status: SignalStatus, now: datetime,
                    price: Decimal | None = None) -> Signal | None:
    """Close at `price`, or at the instrument's newest 1m close; PriceUnavailable when there is no
    price, or (without `price`) when the newest bar is older than CLOSE_PRICE_MAX_AGE_SECONDS."""
    mark = await bars_db.newest(cur, signal.instrument)
    if price is None:
        if mark is None:
            raise PriceUnavailable(f"There is no {signal.instrument} price to close at; send close_price.")
        if mark[1] > CLOSE_PRICE_MAX_AGE_SECONDS:
            raise PriceUnavailable(
                f"The newest {signal.instrument} price was written {mark[1]:.0f} s ago (at most "
                f"{CLOSE_PRICE_MAX_AGE_SECONDS:.0f} s); send close_price to close at a price of your own.",
                price_age_seconds=round(mark[1], 1))
        price = mark[0].close
    return await _at(cur, signal, mark, status=status, reason=reason, price=price, pnl=_pnl(signal, price), now=now)


async def close_signal(tx: Tx, signal_id: str, close_price: Decimal | None) -> Signal:
    """POST /api/signals/{id}/close, the reference's steps in order: lock scoped by the caller (404),
    not open (409 with the row), not paper (403), P&L, the guarded update, the event."""
    signal = await signals_db.lock(tx.cur, tx.caller(), signal_id)
    if signal is None:
        raise SignalNotFound("No such signal.")
    if signal.status != "open":
        raise SignalNotOpen(f"The signal is {signal.status} already.", current=signal.to_json())
    if signal.mode != "paper":
        raise PaperOnly("Only paper signals can be closed manually.")
    closed = await at_market(tx.cur, signal, reason="user", status="cancelled", now=tx.clock.now(), price=close_price)
    if closed is None:  # cannot happen under the row lock; the guard stays as the last word
        raise SignalNotOpen("The signal was closed meanwhile.", current=signal.to_json())
    return closed
