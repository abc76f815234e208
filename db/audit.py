"""signal_audit: one row per runtime per evaluated bar. Its unique key (runtime_id, bar_ts) is what
makes processing a bar exactly-once: a retried or taken-over bar conflicts here and rolls back."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from psycopg2.extras import Json

INSERT = """INSERT INTO signal_audit (user_id, runtime_id, strategy_id, strategy_version, instrument, timeframe,
                                      bar_ts, decision, inputs, reason)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"""


def insert_params(*, user_id: str, runtime_id: str, strategy_id: str, strategy_version: int, instrument: str,
                  timeframe: str, bar_ts: datetime, decision: str, inputs: dict[str, Any] | str,
                  reason: str | None) -> tuple[Any, ...]:
    """The parameters of INSERT; `inputs` may be JSON text already."""
    return (user_id, runtime_id, strategy_id, strategy_version, instrument, timeframe, bar_ts, decision,
            inputs if isinstance(inputs, str) else Json(inputs), reason)
