"""vix_generations: the generations counted against a user's monthly quota."""

from __future__ import annotations

import uuid
from datetime import datetime

from db.pool import Cursor


async def used(cur: Cursor, user_id: str, *, start: datetime, end: datetime, live_since: datetime) -> int:
    """Generations in [start, end): the done ones, and the reservations made since `live_since` (an
    older reservation belongs to a generation that died before it finished)."""
    await cur.execute(
        """SELECT count(*) FROM vix_generations
           WHERE user_id = %s AND created_at >= %s AND created_at < %s
             AND (status = 'done' OR created_at >= %s)""",
        (user_id, start, end, live_since))
    return int((await cur.fetchone())[0])


async def reserve(cur: Cursor, user_id: str, provider: str, at: datetime) -> str:
    generation_id = str(uuid.uuid4())
    await cur.execute(
        "INSERT INTO vix_generations (id, user_id, status, provider, created_at) VALUES (%s, %s, 'reserved', %s, %s)",
        (generation_id, user_id, provider, at))
    return generation_id


async def finish(cur: Cursor, generation_id: str, at: datetime) -> None:
    await cur.execute("UPDATE vix_generations SET status = 'done', finished_at = %s WHERE id = %s",
                      (at, generation_id))


async def release(cur: Cursor, generation_id: str) -> None:
    await cur.execute("DELETE FROM vix_generations WHERE id = %s AND status = 'reserved'", (generation_id,))
