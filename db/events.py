"""events: the log the stream and the alerts read. A row is appended in the same transaction as the
change it announces, and `pg_notify('events', '<id>')` rings on commit: the id only, never the
truth, so a listener that misses a notification still finds the row.

Commit order is id order. A bigserial alone does not give that: a transaction that took id 10 can
commit after one that took id 11, and a reader that has passed 11 would never see 10. So ids are
handed out under one transaction-level advisory lock (`next_id`), held until the transaction ends:
the next writer gets its id only once the previous one is committed (and visible, which PostgreSQL
makes it before it releases locks) or rolled back. A reader that sees id N therefore sees every
committed id below it, and "everything after the last id I read" never skips. The price: the tail
of event-writing transactions (from the id to the commit) runs one at a time, so callers take the
id as late as they can, after every row lock they need (a writer holding the lock never waits for
a row, so the lock cannot be part of a deadlock).
"""

from __future__ import annotations

from typing import Any

from psycopg2.extras import Json

from db.pool import Cursor
from db.rows import fetch_all
from db.signals import COLUMNS as SIGNAL_COLUMNS
from db.signals import signal_from_row
from domain.signals.records import StreamEvent

CHANNEL = "events"
# The advisory lock key of the id order (any constant no other lock of ours uses).
_ORDER_LOCK = 7_000_700_001


async def next_id(cur: Cursor) -> int:
    """Take the id order lock, then an event id (so that the signal it announces can carry it in the
    same payload). The lock is held until this transaction ends."""
    await cur.execute(f"SELECT pg_advisory_xact_lock({_ORDER_LOCK}); SELECT nextval('events_id_seq')")
    return int((await cur.fetchone())[0])


async def append(cur: Cursor, *, event_id: int | None = None, user_id: str, kind: str, payload: dict[str, Any],
                 strategy_id: str | None = None, signal_id: str | None = None,
                 runtime_id: str | None = None) -> int:
    if event_id is None:
        event_id = await next_id(cur)
    await cur.execute(
        """INSERT INTO events (id, user_id, kind, strategy_id, signal_id, runtime_id, payload)
           VALUES (%s, %s, %s, %s, %s, %s, %s); SELECT pg_notify(%s, %s)""",
        (event_id, user_id, kind, strategy_id, signal_id, runtime_id, Json(payload), CHANNEL, str(event_id)),
    )
    return event_id


# ---- reads for the stream ---------------------------------------------------------------------------------

_SIGNAL = ", ".join(f"s.{name.strip()}" for name in SIGNAL_COLUMNS.split(","))


async def signal_events(cur: Cursor, *, after: int, upto: int | None = None, user_id: str | None = None,
                        strategy_id: str | None = None, instrument: str | None = None,
                        limit: int = 500) -> list[StreamEvent]:
    """`signal` and `signal_closed` events with ids in (after, upto], oldest first, each with its signal
    as it is now; of one user (and strategy, instrument) or, for the stream hub (ex7_worker), of all."""
    await cur.execute(
        f"""SELECT e.id AS stream_id, e.kind AS stream_kind, {_SIGNAL}
            FROM events e JOIN signals s ON s.id = e.signal_id
            WHERE e.id > %(after)s AND (%(upto)s::bigint IS NULL OR e.id <= %(upto)s)
              AND e.kind IN ('signal', 'signal_closed')
              AND (%(user)s::uuid IS NULL OR e.user_id = %(user)s)
              AND (%(strategy)s::uuid IS NULL OR e.strategy_id = %(strategy)s)
              AND (%(instrument)s::text IS NULL OR s.instrument = %(instrument)s)
            ORDER BY e.id LIMIT %(limit)s""",
        {"after": after, "upto": upto, "user": user_id, "strategy": strategy_id, "instrument": instrument,
         "limit": limit},
    )
    events = []
    for row in await fetch_all(cur):
        event_id, kind = row.pop("stream_id"), row.pop("stream_kind")
        events.append(StreamEvent(id=event_id, kind=kind, signal=signal_from_row(row)))
    return events


async def tip(cur: Cursor) -> int:
    """The newest committed event id (0 for none): where a reader that has just started stands."""
    await cur.execute("SELECT coalesce(max(id), 0) FROM events")
    return int((await cur.fetchone())[0])


async def last_issued(cur: Cursor) -> int:
    """The newest id ever handed out, committed or not (0 for none): no event id can be above it."""
    await cur.execute("SELECT coalesce(pg_sequence_last_value('events_id_seq'), 0)")
    return int((await cur.fetchone())[0])


async def pruned_through(cur: Cursor) -> int:
    """The highest id pruned (0 for none): a replay from below it would be incomplete."""
    await cur.execute("SELECT pruned_through FROM events_pruned")
    return int((await cur.fetchone())[0])


async def prune(cur: Cursor, older_than_seconds: float) -> int:
    """Delete the prefix of ids up to the newest event created more than `older_than_seconds` ago
    (database time, as created_at is) and record it; the number of events deleted. As ex7_worker."""
    await cur.execute(
        """WITH edge AS (SELECT max(id) AS id FROM events WHERE created_at < now() - %s * interval '1 second'),
                gone AS (DELETE FROM events WHERE id <= (SELECT id FROM edge) RETURNING id),
                mark AS (UPDATE events_pruned SET pruned_through = greatest(pruned_through, (SELECT id FROM edge))
                         WHERE (SELECT id FROM edge) IS NOT NULL)
           SELECT count(*) FROM gone""",
        (older_than_seconds,),
    )
    return int((await cur.fetchone())[0])
