"""signal_audit: one row per runtime per evaluated bar, the decision and what it was made from. The
dispatcher writes it (as ex7_worker); the API reads the caller's rows under RLS, with the explicit
user_id predicate as defence in depth."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from db.pool import Cursor
from db.rows import fetch_all

# `inputs` as the text PostgreSQL prints it (`inputs_json`): a page passes it on as it is, never decoded
# and encoded again. `reason` is cut to the contract's bound: a longer one written by some future
# dispatcher must not turn a read into a failed response.
_COLUMNS = """id, strategy_id, strategy_version, runtime_id, instrument, timeframe, bar_ts, decision,
    inputs::text AS inputs_json, left(reason, 2000) AS reason, created_at"""


async def page(
    cur: Cursor, user_id: str, *, strategy_id: str | None, start: datetime | None, end: datetime | None,
    decision: str | None, after: tuple[datetime, str] | None, limit: int,
) -> list[dict[str, Any]]:
    """One page, newest bar first (bar_ts DESC, id DESC), for bars in [start, end); `after` is the
    (bar_ts, id) of the previous page's last row. Fetches limit + 1 rows so the caller knows whether
    another page exists."""
    where = ["user_id = %s"]
    args: list[Any] = [user_id]
    if strategy_id is not None:
        where.append("strategy_id = %s")
        args.append(strategy_id)
    if decision is not None:
        where.append("decision = %s")
        args.append(decision)
    if start is not None:
        where.append("bar_ts >= %s")
        args.append(start)
    if end is not None:
        where.append("bar_ts < %s")
        args.append(end)
    if after is not None:
        # Row comparison: strictly after the cursor in (bar_ts DESC, id DESC) order, ties included.
        where.append("(bar_ts, id) < (%s, %s)")
        args.extend(after)
    await cur.execute(
        f"SELECT {_COLUMNS} FROM signal_audit WHERE {' AND '.join(where)} ORDER BY bar_ts DESC, id DESC LIMIT %s",
        (*args, limit + 1),
    )
    return await fetch_all(cur)
