"""users: one row per caller, created the first time their token is seen."""

from __future__ import annotations

from typing import Any

from db.pool import Cursor
from db.rows import fetch_one


async def upsert_seen(cur: Cursor, user_id: str, email: str | None, is_admin: bool) -> None:
    await cur.execute(
        """INSERT INTO users (id, email, is_admin) VALUES (%s, %s, %s)
           ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, is_admin = EXCLUDED.is_admin,
                                          last_seen_at = now()""",
        (user_id, email, is_admin),
    )


async def get(cur: Cursor, user_id: str) -> dict[str, Any] | None:
    await cur.execute("SELECT id, email, is_admin, created_at, last_seen_at FROM users WHERE id = %s", (user_id,))
    return await fetch_one(cur)
