"""strategy_runtimes: one row per (strategy, mode), started by the API, leased and run by workers.

The API (ex7_app, RLS) starts, stops and lists the caller's runtimes. Workers (ex7_worker) claim
runtimes with a lease: `claim` takes every active runtime whose lease is free, expired or already
the worker's own (renewing those), skipping rows another transaction holds locked; `lock` is the
first statement of every transaction that processes a bar, and says whether the lease is still the
worker's, so that a worker that lost its lease never writes for that runtime again. Lease times are
the database's, so workers on several hosts agree.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from psycopg2.extras import Json

from db import audit as audit_db
from db.pool import BEGIN, COMMIT, Cursor
from db.rows import fetch_all, fetch_one

# A runtime as the API shows it: with the strategy's name, and whether the strategy has changed
# since the runtime pinned it.
_VIEW = """
    SELECT r.id, r.strategy_id, s.name AS strategy_name, r.mode, r.status, r.started_at, r.stopped_at,
           r.last_heartbeat_at, r.last_bar_ts, r.last_error, r.position, r.strategy_version, r.instrument,
           r.timeframe,
           (r.strategy_version IS NOT NULL AND (r.strategy_version <> s.current_version
               OR r.instrument <> s.instrument OR r.timeframe <> s.timeframe)) AS restart_required
    FROM strategy_runtimes r
    JOIN strategies s ON s.id = r.strategy_id
"""


async def start(cur: Cursor, user_id: str, strategy_id: str, mode: str, *, version: int, instrument: str,
                timeframe: str, now: datetime) -> dict[str, Any]:
    """Upsert the (strategy, mode) runtime to `starting`, pinning what it will run. A running or
    draining row keeps its status and everything it pinned; the caller sees which."""
    await cur.execute(
        """INSERT INTO strategy_runtimes (strategy_id, user_id, mode, status, started_at, strategy_version,
                                          instrument, timeframe, live_after)
           VALUES (%(strategy)s, %(user)s, %(mode)s, 'starting', %(now)s, %(version)s, %(instrument)s,
                   %(timeframe)s, now())
           ON CONFLICT (strategy_id, mode) DO UPDATE SET
               status = 'starting', started_at = EXCLUDED.started_at, stopped_at = NULL,
               strategy_version = EXCLUDED.strategy_version, instrument = EXCLUDED.instrument,
               timeframe = EXCLUDED.timeframe, live_after = EXCLUDED.live_after, last_error = NULL,
               last_bar_ts = NULL, snapshot = NULL, position = NULL, warmup_bars = NULL,
               lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
           WHERE strategy_runtimes.status NOT IN ('running', 'draining', 'starting')""",
        {"strategy": strategy_id, "user": user_id, "mode": mode, "now": now, "version": version,
         "instrument": instrument, "timeframe": timeframe},
    )
    found = await get(cur, user_id, strategy_id, mode)
    assert found is not None
    return found


async def get(cur: Cursor, user_id: str, strategy_id: str, mode: str) -> dict[str, Any] | None:
    await cur.execute(_VIEW + " WHERE r.user_id = %s AND r.strategy_id = %s AND r.mode = %s",
                      (user_id, strategy_id, mode))
    return await fetch_one(cur)


async def stop(cur: Cursor, user_id: str, strategy_id: str, mode: str) -> dict[str, Any] | None:
    """running -> draining; any other status is left as it is. None when there is no such row."""
    await cur.execute(
        """UPDATE strategy_runtimes SET status = 'draining', updated_at = now()
           WHERE user_id = %s AND strategy_id = %s AND mode = %s AND status = 'running'""",
        (user_id, strategy_id, mode),
    )
    return await get(cur, user_id, strategy_id, mode)


async def halt(cur: Cursor, runtime_id: str) -> str | None:
    """Stop a runtime whatever it is doing: running -> draining (the dispatcher settles it), starting
    -> stopped; the status it is left in (None: no such runtime)."""
    await cur.execute(
        """UPDATE strategy_runtimes SET
               status = CASE status WHEN 'running' THEN 'draining' WHEN 'starting' THEN 'stopped' ELSE status END,
               stopped_at = CASE WHEN status = 'starting' THEN now() ELSE stopped_at END, updated_at = now()
           WHERE id = %s RETURNING status""", (runtime_id,))
    row = await cur.fetchone()
    return None if row is None else str(row[0])


async def list_for_user(cur: Cursor, user_id: str) -> list[dict[str, Any]]:
    """Most recently started first; never started last."""
    await cur.execute(_VIEW + " WHERE r.user_id = %s ORDER BY r.started_at DESC NULLS LAST, r.id", (user_id,))
    return await fetch_all(cur)


async def status_counts(cur: Cursor) -> dict[str, int]:
    """Runtimes per status, over every user (a SECURITY DEFINER function: numbers only)."""
    await cur.execute("SELECT status, runtimes FROM runtime_status_counts()")
    return {status: int(n) for status, n in await cur.fetchall()}


# -- workers --

_CLAIMED = """id, user_id, strategy_id, mode, status, strategy_version, instrument, timeframe, last_bar_ts,
              live_after, snapshot IS NOT NULL AS has_snapshot"""


async def claim(cur: Cursor, worker_id: str, lease_seconds: float, limit: int) -> list[dict[str, Any]]:
    """Lease (or renew) up to `limit` active runtimes for `worker_id`; the rows now leased to it."""
    await cur.execute(
        f"""UPDATE strategy_runtimes r
            SET lease_owner = %(me)s, lease_expires_at = now() + make_interval(secs => %(lease)s),
                last_heartbeat_at = now()
            FROM (SELECT id FROM strategy_runtimes
                  WHERE status IN ('starting', 'running', 'draining')
                    AND (lease_owner IS NULL OR lease_owner = %(me)s OR lease_expires_at < now())
                  ORDER BY lease_owner = %(me)s DESC, id
                  LIMIT %(limit)s
                  FOR UPDATE SKIP LOCKED) free
            WHERE r.id = free.id
            RETURNING {_CLAIMED.replace('id,', 'r.id,', 1)}""",
        {"me": worker_id, "lease": lease_seconds, "limit": limit},
    )
    return await fetch_all(cur)


async def release(cur: Cursor, worker_id: str) -> None:
    """Give up every lease of `worker_id` now (a graceful stop): another worker may take over at once."""
    await cur.execute("UPDATE strategy_runtimes SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = %s",
                      (worker_id,))


async def lock(cur: Cursor, runtime_id: str, worker_id: str, *, begin: bool = False) -> dict[str, Any] | None:
    """Lock the runtime row for this transaction: its status, last bar, whether the lease is still
    `worker_id`'s, the database's now, and the id of its open signal if it holds one. With `begin`,
    this statement opens the transaction (db.pool.piggybacked_transaction)."""
    await cur.execute(
        (BEGIN if begin else "") + """SELECT r.status, r.last_bar_ts,
                  (r.lease_owner = %(me)s AND r.lease_expires_at > now()) AS leased, now() AS db_now,
                  (SELECT id FROM signals WHERE runtime_id = r.id AND status = 'open') AS open_signal_id
           FROM strategy_runtimes r WHERE r.id = %(id)s FOR UPDATE OF r""",
        {"me": worker_id, "id": runtime_id},
    )
    return await fetch_one(cur)


async def saved_state(cur: Cursor, runtime_id: str) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(the evaluator's snapshot, the position as the API shows it) a worker resumes from; decoded only
    when a runtime is loaded, not on every bar."""
    await cur.execute("SELECT snapshot, position FROM strategy_runtimes WHERE id = %s", (runtime_id,))
    row = await cur.fetchone()
    return (None, None) if row is None else (row[0], row[1])


async def save(cur: Cursor, runtime_id: str, *, status: str, last_bar_ts: datetime | None,
               snapshot: dict[str, Any] | str | None, position: dict[str, Any] | None, lease_seconds: float,
               warmup_bars: int | None = None, stopped_at: datetime | None = None,
               audit: dict[str, Any] | None = None, commit: bool = False) -> None:
    """The runtime's progress after a bar (or a warm-up, or a stop), renewing the lease. `snapshot`
    may be JSON text already (the dispatcher encodes it once). With `audit` (db.audit.insert_params),
    the bar's audit row is inserted by the same statement; with `commit`, the statement ends the
    transaction (db.pool.piggybacked_transaction)."""
    await cur.execute(
        (f"WITH audit AS ({audit_db.INSERT}) " if audit else "") + """UPDATE strategy_runtimes
           SET status = %(status)s, last_bar_ts = %(last)s, snapshot = %(snapshot)s::jsonb, position = %(position)s,
               warmup_bars = coalesce(%(warmup)s, warmup_bars), stopped_at = coalesce(%(stopped)s, stopped_at),
               last_heartbeat_at = now(), lease_expires_at = now() + make_interval(secs => %(lease)s),
               updated_at = now()
           WHERE id = %(id)s""" + (COMMIT if commit else ""),
        {"status": status, "last": last_bar_ts, "position": Json(position) if position is not None else None,
         "snapshot": snapshot if isinstance(snapshot, str) or snapshot is None else Json(snapshot),
         "warmup": warmup_bars, "stopped": stopped_at, "lease": lease_seconds, "id": runtime_id, **(audit or {})},
    )


async def fail(cur: Cursor, runtime_id: str, message: str) -> None:
    """Put the runtime in `error` with why; its lease is let go (nothing is left to run)."""
    await cur.execute(
        """UPDATE strategy_runtimes SET status = 'error', last_error = %s, lease_owner = NULL,
                  lease_expires_at = NULL, updated_at = now()
           WHERE id = %s""",
        (message[:2000], runtime_id),
    )


async def stopped(cur: Cursor, runtime_id: str, now: datetime) -> None:
    await cur.execute(
        """UPDATE strategy_runtimes SET status = 'stopped', stopped_at = %s, position = NULL, lease_owner = NULL,
                  lease_expires_at = NULL, updated_at = now()
           WHERE id = %s""",
        (now, runtime_id),
    )


async def version_graph(cur: Cursor, strategy_id: str, version: int) -> dict[str, Any] | None:
    await cur.execute("SELECT graph FROM strategy_versions WHERE strategy_id = %s AND version = %s",
                      (strategy_id, version))
    row = await cur.fetchone()
    return None if row is None else row[0]


RUNTIMES_CHANNEL = "runtimes"


async def notify_change(cur: Cursor, runtime_id: str) -> None:
    """Wake the dispatchers: a runtime was started or asked to stop (delivered on commit)."""
    await cur.execute("SELECT pg_notify(%s, %s)", (RUNTIMES_CHANNEL, runtime_id))



async def for_reconciliation(cur: Cursor, user_id: str, strategy_id: str) -> list[dict[str, Any]]:
    """The runtimes of a strategy that have run (pinned a version)."""
    await cur.execute(
        """SELECT id, strategy_id, mode, status, strategy_version, instrument, timeframe, live_after
           FROM strategy_runtimes
           WHERE user_id = %s AND strategy_id = %s AND strategy_version IS NOT NULL AND live_after IS NOT NULL
           ORDER BY mode""",
        (user_id, strategy_id))
    return await fetch_all(cur)
