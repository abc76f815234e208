"""compliance_acceptances: who accepted which document at which version, when, from where."""

from __future__ import annotations

from typing import Any

from db.pool import Cursor
from db.rows import fetch_all, fetch_one

_COLUMNS = "document, version, accepted_at, ip, user_agent"


async def list_for_caller(cur: Cursor) -> list[dict[str, Any]]:
    # No user predicate needed: RLS shows only the caller's rows. It is still the caller's own data
    # by construction, and the RLS test relies on exactly this query.
    await cur.execute(f"SELECT {_COLUMNS} FROM compliance_acceptances ORDER BY accepted_at, id")
    return await fetch_all(cur)


async def accept(
    cur: Cursor, user_id: str, document: str, version: str, ip: str | None, user_agent: str | None
) -> tuple[dict[str, Any], bool]:
    """Record an acceptance; returns (row, created). An existing acceptance is returned unchanged."""
    await cur.execute(
        f"""INSERT INTO compliance_acceptances (user_id, document, version, ip, user_agent)
            VALUES (%s, %s, %s, %s, %s)
            ON CONFLICT ON CONSTRAINT compliance_acceptances_once DO NOTHING
            RETURNING {_COLUMNS}""",
        (user_id, document, version, ip, user_agent),
    )
    row = await fetch_one(cur)
    if row is not None:
        return row, True
    await cur.execute(
        f"SELECT {_COLUMNS} FROM compliance_acceptances"
        " WHERE user_id = %s AND document = %s AND version = %s",
        (user_id, document, version),
    )
    existing = await fetch_one(cur)
    assert existing is not None  # the insert conflicted with it
    return existing, False
