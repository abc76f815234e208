"""What the risk gate reads and writes: a user's usage of a trading day (from signals), their limit
overrides (risk_limits) and the blocked signals (signals_blocked).

The gate runs as the caller (ex7_app, under RLS) for GET /api/risk and as the dispatcher (ex7_worker,
which sees every user's rows and has no claims, so auth.uid() is NULL) for every bar it decides. The
explicit `user_id = %s` predicates are therefore what says whose rows are meant, not defence in depth.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from psycopg2.extras import Json

from db.pool import Cursor
from db.rows import fetch_all, fetch_one
from domain.risk.gate import RiskDecision, RiskUsage
from domain.risk.limits import LIMIT_NAMES

# One statement, so that every number comes from the same snapshot. Everything is as of market time
# `as_of` (the close of the bar being decided): runtimes catching up on old bars run at different
# speeds, and one deciding at 10:05 must not see what another already closed at 10:40 of that day,
# so that the answer depends on the market's history, not on who processed what first. `closes` are
# the day's closes up to `as_of`, newest first (ties broken by when they were written, then id, so the order is total);
# a cancelled signal counts as closed, its missing P&L as zero. The trailing losing streak is the rank
# of the newest close that was not a loss, minus one, or every close when all of them were losses.
_USAGE = """
WITH closes AS (
    SELECT coalesce(net_pnl, 0) AS net_pnl, exit_market_at,
           row_number() OVER (ORDER BY exit_market_at DESC, closed_at DESC, id DESC) AS newest
    FROM signals
    WHERE user_id = %(user_id)s AND mode = %(mode)s AND status IN ('closed', 'cancelled')
      AND exit_market_at >= %(day_start)s AND exit_market_at <= %(as_of)s
)
SELECT
    (SELECT coalesce(sum(net_pnl), 0) FROM closes) AS daily_pnl,
    (SELECT count(*) FROM signals
     WHERE user_id = %(user_id)s AND mode = %(mode)s
       AND entry_market_at >= %(day_start)s AND entry_market_at <= %(as_of)s) AS signals_today,
    coalesce((SELECT min(newest) - 1 FROM closes WHERE net_pnl >= 0),
             (SELECT count(*) FROM closes)) AS consecutive_losses,
    (SELECT count(*) FROM signals
     WHERE user_id = %(user_id)s AND mode = %(mode)s AND entry_market_at <= %(as_of)s
       AND (status = 'open' OR exit_market_at > %(as_of)s)) AS open_positions,
    (SELECT max(exit_market_at) FROM closes WHERE net_pnl < 0) AS last_loss_at
"""


async def usage(cur: Cursor, user_id: str, mode: str, day_start: datetime, as_of: datetime) -> RiskUsage:
    """The user's usage in `mode` in the trading day that started at `day_start`, as of market time `as_of`."""
    await cur.execute(_USAGE, {"user_id": user_id, "mode": mode, "day_start": day_start, "as_of": as_of})
    row = await fetch_one(cur)
    assert row is not None  # an aggregate always answers one row
    return RiskUsage(daily_pnl=row["daily_pnl"], signals_today=row["signals_today"],
                     consecutive_losses=row["consecutive_losses"], open_positions=row["open_positions"],
                     last_loss_at=row["last_loss_at"])


async def limit_overrides(cur: Cursor, user_id: str, mode: str) -> dict[str, Any] | None:
    """The user's overrides for `mode` (None: no row), keyed by limit name; a None value keeps the default."""
    await cur.execute(f"SELECT {', '.join(LIMIT_NAMES)} FROM risk_limits WHERE user_id = %s AND mode = %s",
                      (user_id, mode))
    return await fetch_one(cur)


_BLOCKED_COLUMNS = """id, user_id, strategy_id, strategy_version, runtime_id, instrument, timeframe, bar_ts, mode,
    side, triggered_limit, reason, observed, "limit", reason_json, blocked_at"""


async def insert_blocked(
    cur: Cursor, *, user_id: str, strategy_id: str | None, strategy_version: int | None, runtime_id: str | None,
    instrument: str, timeframe: str, bar_ts: datetime, mode: str, side: str | None, decision: RiskDecision,
) -> dict[str, Any]:
    """One refusal of the gate. The row's observed/limit are required; an `error` decision has neither
    (nothing could be read), so it stores empty strings and its reason_json keeps the nulls."""
    await cur.execute(
        f"""INSERT INTO signals_blocked (user_id, strategy_id, strategy_version, runtime_id, instrument, timeframe,
                                        bar_ts, mode, side, triggered_limit, reason, observed, "limit", reason_json)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
            RETURNING {_BLOCKED_COLUMNS}""",
        (user_id, strategy_id, strategy_version, runtime_id, instrument, timeframe, bar_ts, mode, side,
         decision.breaker, decision.reason, decision.observed or "", decision.limit or "",
         Json(decision.reason_json())),
    )
    row = await fetch_one(cur)
    assert row is not None
    return row


async def list_blocked(cur: Cursor, user_id: str, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """One page of the user's blocked signals, newest first, and how many there are in all.

    One statement, so the page and the total agree; the count row is there even when the page is
    empty (an offset past the end), with the page's columns NULL.
    """
    await cur.execute(
        f"""SELECT total.n AS total, page.*
            FROM (SELECT count(*) AS n FROM signals_blocked WHERE user_id = %(user_id)s) AS total
            LEFT JOIN LATERAL (
                SELECT {_BLOCKED_COLUMNS} FROM signals_blocked
                WHERE user_id = %(user_id)s
                ORDER BY blocked_at DESC, id DESC
                LIMIT %(limit)s OFFSET %(offset)s
            ) AS page ON true
            ORDER BY page.blocked_at DESC, page.id DESC""",
        {"user_id": user_id, "limit": limit, "offset": offset},
    )
    rows = await fetch_all(cur)
    total = rows[0]["total"]
    return [{k: v for k, v in r.items() if k != "total"} for r in rows if r["id"] is not None], total
