"""waitlist: public sign-ups (not user-scoped)."""

from __future__ import annotations

from db.pool import Cursor


async def add(cur: Cursor, email: str, source: str | None) -> None:
    # DO NOTHING: a repeated sign-up changes nothing and must look exactly like a new one.
    await cur.execute(
        "INSERT INTO waitlist (email, source) VALUES (%s, %s) ON CONFLICT (email) DO NOTHING", (email, source)
    )


async def count(cur: Cursor) -> int:
    await cur.execute("SELECT count(*) FROM waitlist")
    row = await cur.fetchone()
    return int(row[0])
