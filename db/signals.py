"""signals: what runtimes fire and how each ended. Reads run under RLS as the caller (ex7_app) or for
every user as the dispatcher (ex7_worker); either way the explicit user_id predicates say whose rows
are meant, as defence in depth."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from db.pool import Cursor
from db.rows import fetch_all, fetch_one
from domain.signals.records import Signal
from domain.signals.stats import CumulativeStats, LiveStats, TodayStats

# Every column a `Signal` holds, in its field order.
COLUMNS = """id, user_id, strategy_id, strategy_version, runtime_id, mode, instrument, timeframe, side, status,
    entry_price, stop_price, target_price, size, bar_ts, entry_market_at, fired_at, closed_at, exit_bar_ts,
    exit_market_at, close_price, close_reason, gross_pnl, slippage, commission, net_pnl, slippage_ticks, event_id"""


def signal_from_row(row: dict[str, Any]) -> Signal:
    return Signal(**{**row, "id": str(row["id"]), "user_id": str(row["user_id"]),
                     "strategy_id": str(row["strategy_id"]), "runtime_id": str(row["runtime_id"])})


# ---- reads for the API -------------------------------------------------------------------------------

# The legacy lists are not paginated; the contract bounds them at this many signals (LegacySignalList).
RECENT_MAX = 10_000
# Open positions of one mode: one per runtime, so one per strategy; bounded as the contract's list is.
OPEN_MAX = 10_000


async def page(
    cur: Cursor, user_id: str, *, strategy_id: str | None, start: datetime | None, end: datetime | None,
    side: str | None, status: str | None, instrument: str | None, after: tuple[datetime, str] | None, limit: int,
) -> list[Signal]:
    """One page, newest first (fired_at DESC, id DESC), fired in [start, end); `after` is the
    (fired_at, id) of the previous page's last signal. Fetches limit + 1 rows so the caller knows
    whether another page exists."""
    # A filter left out is NULL, and `NULL IS NULL` folds away (as db.bars.between does). The cursor is a
    # row comparison: strictly after it in (fired_at DESC, id DESC) order, ties included.
    await cur.execute(
        f"""SELECT {COLUMNS} FROM signals
            WHERE user_id = %(user)s
              AND (%(strategy)s::uuid IS NULL OR strategy_id = %(strategy)s)
              AND (%(side)s::text IS NULL OR side = %(side)s)
              AND (%(status)s::text IS NULL OR status = %(status)s)
              AND (%(instrument)s::text IS NULL OR instrument = %(instrument)s)
              AND (%(start)s::timestamptz IS NULL OR fired_at >= %(start)s)
              AND (%(end)s::timestamptz IS NULL OR fired_at < %(end)s)
              AND (%(after_ts)s::timestamptz IS NULL OR (fired_at, id) < (%(after_ts)s, %(after_id)s::uuid))
            ORDER BY fired_at DESC, id DESC LIMIT %(limit)s""",
        {"user": user_id, "strategy": strategy_id, "side": side, "status": status, "instrument": instrument,
         "start": start, "end": end, "after_ts": after[0] if after else None,
         "after_id": after[1] if after else None, "limit": limit + 1},
    )
    return [signal_from_row(row) for row in await fetch_all(cur)]


async def get(cur: Cursor, user_id: str, signal_id: str) -> Signal | None:
    await cur.execute(f"SELECT {COLUMNS} FROM signals WHERE id = %s AND user_id = %s", (signal_id, user_id))
    row = await fetch_one(cur)
    return None if row is None else signal_from_row(row)


async def recent(cur: Cursor, user_id: str, since: datetime, instrument: str | None = None) -> list[Signal]:
    """Signals fired at or after `since`, newest first, at most RECENT_MAX of them (the newest)."""
    await cur.execute(
        f"""SELECT {COLUMNS} FROM signals
            WHERE user_id = %(user)s AND fired_at >= %(since)s
              AND (%(instrument)s::text IS NULL OR instrument = %(instrument)s)
            ORDER BY fired_at DESC, id DESC LIMIT %(limit)s""",
        {"user": user_id, "since": since, "instrument": instrument, "limit": RECENT_MAX},
    )
    return [signal_from_row(row) for row in await fetch_all(cur)]


async def open_signals(cur: Cursor, user_id: str, mode: str) -> list[Signal]:
    """The open signals of one mode, newest first (at most OPEN_MAX)."""
    await cur.execute(
        f"""SELECT {COLUMNS} FROM signals WHERE user_id = %s AND mode = %s AND status = 'open'
            ORDER BY fired_at DESC, id DESC LIMIT %s""",
        (user_id, mode, OPEN_MAX),
    )
    return [signal_from_row(row) for row in await fetch_all(cur)]


# The portfolio of one mode in one statement. `closed` is everything not open (closed or cancelled);
# a closed signal without a net P&L counts as a trade of zero. The equity curve runs over the closed
# signals in exit order (market time, then write time, then id: a total order), and each point's peak
# includes the 0 the curve starts from.
_PORTFOLIO = """
    WITH mine AS (
        SELECT status <> 'open' AS done, coalesce(net_pnl, 0) AS net, entry_market_at >= %(day_start)s AS today,
               exit_market_at, closed_at, id
        FROM signals WHERE user_id = %(user)s AND mode = %(mode)s
    ),
    curve AS (
        SELECT sum(net) OVER (ORDER BY exit_market_at, closed_at, id) AS equity,
               row_number() OVER (ORDER BY exit_market_at, closed_at, id) AS n
        FROM mine WHERE done
    ),
    peaks AS (
        SELECT equity, greatest(0, max(equity) OVER (ORDER BY n)) AS peak FROM curve
    )
    -- In the field order of TodayStats, then of CumulativeStats.
    SELECT count(*) FILTER (WHERE today),
           count(*) FILTER (WHERE today AND NOT done),
           count(*) FILTER (WHERE today AND done),
           coalesce(sum(net) FILTER (WHERE today AND done), 0),
           count(*),
           count(*) FILTER (WHERE done),
           count(*) FILTER (WHERE done AND net > 0),
           count(*) FILTER (WHERE done AND net < 0),
           coalesce(sum(net) FILTER (WHERE done), 0),
           coalesce(sum(net) FILTER (WHERE done AND net > 0), 0),
           coalesce(sum(net) FILTER (WHERE done AND net < 0), 0),
           max(net) FILTER (WHERE done),
           min(net) FILTER (WHERE done),
           (SELECT coalesce(max(peak - equity), 0) FROM peaks)
    FROM mine
"""


async def portfolio(cur: Cursor, user_id: str, mode: str, day_start: datetime) -> tuple[TodayStats, CumulativeStats]:
    """Today's signals (entry_market_at >= day_start) and every signal of `mode`, summed up."""
    await cur.execute(_PORTFOLIO, {"user": user_id, "mode": mode, "day_start": day_start})
    row = await cur.fetchone()
    return TodayStats(*row[:4]), CumulativeStats(*row[4:])


async def live_stats(cur: Cursor, user_id: str) -> dict[str, LiveStats]:
    """Per strategy (by id) that has fired any, the statistics of its signals in either mode."""
    await cur.execute(
        """SELECT strategy_id, count(*), count(*) FILTER (WHERE status = 'open'),
                  count(*) FILTER (WHERE status <> 'open'),
                  count(*) FILTER (WHERE status <> 'open' AND net_pnl > 0),
                  count(*) FILTER (WHERE status <> 'open' AND net_pnl < 0),
                  coalesce(sum(net_pnl) FILTER (WHERE status <> 'open'), 0)
           FROM signals WHERE user_id = %s GROUP BY strategy_id""",
        (user_id,),
    )
    return {str(row[0]): LiveStats(*row[1:]) for row in await cur.fetchall()}


# ---- writes: the dispatcher and the closes ------------------------------------------------------
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


async def lock_open(cur: Cursor, signal_id: str) -> bool:
    """Lock a signal that is still open (a no-op when this transaction holds it already); False when
    it is not open."""
    await cur.execute("SELECT 1 FROM signals WHERE id = %s AND status = 'open' FOR UPDATE", (signal_id,))
    return await cur.fetchone() is not None


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
