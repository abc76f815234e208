"""backtest_cache: statistics of (strategy version, data extent), written once, read by /api/performance."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from psycopg2.extras import Json

from db.pool import Cursor

Key = tuple[Any, int, str, str, datetime, datetime, int]  # strategy, version, instrument, timeframe, extent


async def get(cur: Cursor, key: Key) -> dict[str, Any] | None:
    await cur.execute(
        """SELECT statistics FROM backtest_cache
           WHERE strategy_id = %s AND version = %s AND instrument = %s AND timeframe = %s
             AND data_from = %s AND data_to = %s AND bars = %s""",
        key,
    )
    row = await cur.fetchone()
    return row[0] if row is not None else None


async def put(cur: Cursor, user_id: str, key: Key, statistics: dict[str, Any]) -> None:
    # Older extents of the same version are superseded: keep one row per strategy version.
    await cur.execute("DELETE FROM backtest_cache WHERE strategy_id = %s AND version = %s", key[:2])
    await cur.execute(
        """INSERT INTO backtest_cache (strategy_id, version, instrument, timeframe, data_from, data_to, bars,
                                       user_id, statistics)
           VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING""",
        (*key, user_id, Json(statistics)),
    )
