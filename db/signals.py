"""signals: what runtimes fire and how each ended. Reads run under RLS as the caller (ex7_app) or for
every user as the dispatcher (ex7_worker); either way the explicit user_id predicates say whose rows
are meant, as defence in depth."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from db.pool import Cursor
from db.rows import fetch_all, fetch_one
from domain.signals.records import Signal

# Every column a `Signal` holds, in its field order.
COLUMNS = """id, user_id, strategy_id, strategy_version, runtime_id, mode, instrument, timeframe, side, status,
    entry_price, stop_price, target_price, size, bar_ts, entry_market_at, fired_at, closed_at, exit_bar_ts,
    exit_market_at, close_price, close_reason, gross_pnl, slippage, commission, net_pnl, slippage_ticks, event_id"""


def signal_from_row(row: dict[str, Any]) -> Signal:
    return Signal(**{**row, "id": str(row["id"]), "user_id": str(row["user_id"]),
                     "strategy_id": str(row["strategy_id"]), "runtime_id": str(row["runtime_id"])})


async def insert(cur: Cursor, signal: Signal) -> None:
    """A signal just fired (open), with the id of the event announcing it."""
    await cur.execute(
        f"INSERT INTO signals ({COLUMNS}) VALUES ({', '.join(['%s'] * 28)})",
        _values(signal),
    )


def _values(signal: Signal) -> tuple[Any, ...]:
    return tuple(getattr(signal, name) for name in Signal.__dataclass_fields__)


async def lock(cur: Cursor, user_id: str, signal_id: str) -> Signal | None:
    """The caller's signal, locked for this transaction (a close)."""
    await cur.execute(f"SELECT {COLUMNS} FROM signals WHERE id = %s AND user_id = %s FOR UPDATE",
                      (signal_id, user_id))
    row = await fetch_one(cur)
    return None if row is None else signal_from_row(row)


async def open_of_runtime(cur: Cursor, runtime_id: str) -> Signal | None:
    await cur.execute(f"SELECT {COLUMNS} FROM signals WHERE runtime_id = %s AND status = 'open'", (runtime_id,))
    row = await fetch_one(cur)
    return None if row is None else signal_from_row(row)


async def open_of_strategy(cur: Cursor, user_id: str, strategy_id: str) -> list[Signal]:
    await cur.execute(
        f"SELECT {COLUMNS} FROM signals WHERE user_id = %s AND strategy_id = %s AND status = 'open' FOR UPDATE",
        (user_id, strategy_id))
    return [signal_from_row(row) for row in await fetch_all(cur)]


async def close(cur: Cursor, closed: Signal) -> bool:
    """Write the close of a signal that is still open; False (nothing written) when a concurrent
    writer closed it first: the guard that makes a close happen once, with one P&L."""
    await cur.execute(
        """UPDATE signals SET status = %s, closed_at = %s, exit_bar_ts = %s, exit_market_at = %s, close_price = %s,
                  close_reason = %s, gross_pnl = %s, slippage = %s, commission = %s, net_pnl = %s,
                  slippage_ticks = %s, event_id = %s
           WHERE id = %s AND status = 'open'""",
        (closed.status, closed.closed_at, closed.exit_bar_ts, closed.exit_market_at, closed.close_price,
         closed.close_reason, closed.gross_pnl, closed.slippage, closed.commission, closed.net_pnl,
         closed.slippage_ticks, closed.event_id, closed.id),
    )
    return bool(cur.rowcount)


async def of_runtime(cur: Cursor, runtime_id: str, since_bar_ts: datetime) -> list[Signal]:
    """A runtime's signals fired on bars opening at or after `since_bar_ts`, in bar order."""
    await cur.execute(f"SELECT {COLUMNS} FROM signals WHERE runtime_id = %s AND bar_ts >= %s ORDER BY bar_ts",
                      (runtime_id, since_bar_ts))
    return [signal_from_row(row) for row in await fetch_all(cur)]
