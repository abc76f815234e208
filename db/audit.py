"""signal_audit: one row per runtime per evaluated bar. Its unique key (runtime_id, bar_ts) is what
makes processing a bar exactly-once: a retried or taken-over bar conflicts here and rolls back."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from psycopg2.extras import Json

from db.pool import Cursor

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
