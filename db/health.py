"""A round trip to the database, for /api/health."""

from __future__ import annotations

from db.pool import Cursor


async def ping(cur: Cursor) -> None:
    await cur.execute("SELECT 1")
    await cur.fetchone()
