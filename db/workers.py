"""workers: one row per process running background loops, with its heartbeat and its loops' states."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from psycopg2.extras import Json

from db.pool import Cursor
from db.rows import fetch_all


async def register(cur: Cursor, worker_id: str, kind: str, hostname: str, pid: int,
                   loops: Sequence[dict[str, Any]]) -> None:
    await cur.execute(
        """INSERT INTO workers (id, kind, hostname, pid, loops) VALUES (%(id)s, %(kind)s, %(host)s, %(pid)s, %(loops)s)
           ON CONFLICT (id) DO UPDATE SET heartbeat_at = now(), loops = EXCLUDED.loops""",
        {"id": worker_id, "kind": kind, "host": hostname, "pid": pid, "loops": Json(list(loops))},
    )


async def heartbeat(cur: Cursor, worker_id: str, loops: Sequence[dict[str, Any]]) -> bool:
    """Refresh the row; False when it is gone (pruned as stalled while this process was cut off)."""
    await cur.execute("UPDATE workers SET heartbeat_at = now(), loops = %s WHERE id = %s",
                      (Json(list(loops)), worker_id))
    return bool(cur.rowcount)


async def unregister(cur: Cursor, worker_id: str) -> None:
    await cur.execute("DELETE FROM workers WHERE id = %s", (worker_id,))


async def prune_stalled(cur: Cursor, older_than_seconds: float) -> int:
    """Forget processes whose heartbeat stopped more than `older_than_seconds` ago."""
    await cur.execute("DELETE FROM workers WHERE heartbeat_at < now() - make_interval(secs => %s)",
                      (older_than_seconds,))
    return int(cur.rowcount)


async def list_all(cur: Cursor) -> list[dict[str, Any]]:
    await cur.execute("""SELECT id, kind, hostname, pid, started_at, heartbeat_at, loops FROM workers
                         ORDER BY started_at, id""")
    return await fetch_all(cur)


async def dispatching(cur: Cursor, within_seconds: float) -> bool:
    """Whether some process running the dispatcher loop has beaten within `within_seconds`."""
    await cur.execute(
        """SELECT EXISTS (SELECT 1 FROM workers
                          WHERE heartbeat_at > now() - make_interval(secs => %s)
                            AND loops @> '[{"name": "dispatcher"}]')""",
        (within_seconds,))
    return bool((await cur.fetchone())[0])
