"""events: the log the stream and the alerts read. A row is appended in the same transaction as the
change it announces, and `pg_notify('events', '<id>')` rings on commit: the id only, never the
truth, so a listener that misses a notification still finds the row."""

from __future__ import annotations

from typing import Any

from psycopg2.extras import Json

from db.pool import Cursor

CHANNEL = "events"


async def next_id(cur: Cursor) -> int:
    """Reserve an event id first, so that the signal it announces can carry it in the same payload."""
    await cur.execute("SELECT nextval('events_id_seq')")
    return int((await cur.fetchone())[0])


async def append(cur: Cursor, *, event_id: int | None = None, user_id: str, kind: str, payload: dict[str, Any],
                 strategy_id: str | None = None, signal_id: str | None = None,
                 runtime_id: str | None = None) -> int:
    await cur.execute(
        """INSERT INTO events (id, user_id, kind, strategy_id, signal_id, runtime_id, payload)
           VALUES (coalesce(%s, nextval('events_id_seq')), %s, %s, %s, %s, %s, %s)
           RETURNING id""",
        (event_id, user_id, kind, strategy_id, signal_id, runtime_id, Json(payload)),
    )
    new_id = int((await cur.fetchone())[0])
    await cur.execute("SELECT pg_notify(%s, %s)", (CHANNEL, str(new_id)))
    return new_id
