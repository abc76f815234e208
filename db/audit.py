"""signal_audit: one row per runtime per evaluated bar, the decision and what it was made from. The
dispatcher writes it (as ex7_worker); its unique key (runtime_id, bar_ts) is what makes processing a
bar exactly-once: a retried or taken-over bar conflicts here and rolls back. The API reads the
caller's rows under RLS, with the explicit user_id predicate as defence in depth."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from psycopg2.extras import Json

from db.pool import Cursor
from db.rows import fetch_all

# Named parameters prefixed a_, so that the statement can ride in another's WITH (db.runtimes.save).
INSERT = """INSERT INTO signal_audit (user_id, runtime_id, strategy_id, strategy_version, instrument, timeframe,
                                      bar_ts, decision, inputs, reason)
            VALUES (%(a_user)s, %(a_runtime)s, %(a_strategy)s, %(a_version)s, %(a_instrument)s, %(a_timeframe)s,
                    %(a_bar_ts)s, %(a_decision)s, %(a_inputs)s::jsonb, %(a_reason)s)"""


def insert_params(*, user_id: str, runtime_id: str, strategy_id: str, strategy_version: int, instrument: str,
                  timeframe: str, bar_ts: datetime, decision: str, inputs: dict[str, Any] | str,
                  reason: str | None) -> dict[str, Any]:
    """The parameters of INSERT; `inputs` may be JSON text already."""
    return {"a_user": user_id, "a_runtime": runtime_id, "a_strategy": strategy_id, "a_version": strategy_version,
            "a_instrument": instrument, "a_timeframe": timeframe, "a_bar_ts": bar_ts, "a_decision": decision,
            "a_inputs": inputs if isinstance(inputs, str) else Json(inputs), "a_reason": reason}


async def insert(cur: Cursor, **row: Any) -> None:
    await cur.execute(INSERT, insert_params(**row))


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
    # A filter left out is NULL, and `NULL IS NULL` folds away (as db.bars.between does). The cursor is a
    # row comparison: strictly after it in (bar_ts DESC, id DESC) order, ties included.
    await cur.execute(
        f"""SELECT {_COLUMNS} FROM signal_audit
            WHERE user_id = %(user)s
              AND (%(strategy)s::uuid IS NULL OR strategy_id = %(strategy)s)
              AND (%(decision)s::text IS NULL OR decision = %(decision)s)
              AND (%(start)s::timestamptz IS NULL OR bar_ts >= %(start)s)
              AND (%(end)s::timestamptz IS NULL OR bar_ts < %(end)s)
              AND (%(after_ts)s::timestamptz IS NULL OR (bar_ts, id) < (%(after_ts)s, %(after_id)s::uuid))
            ORDER BY bar_ts DESC, id DESC LIMIT %(limit)s""",
        {"user": user_id, "strategy": strategy_id, "decision": decision, "start": start, "end": end,
         "after_ts": after[0] if after else None, "after_id": after[1] if after else None, "limit": limit + 1},
    )
    return await fetch_all(cur)
