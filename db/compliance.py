"""compliance_acceptances: who accepted which document at which version, when, from where."""

from __future__ import annotations

from typing import Any

from db.pool import Cursor

_COLUMNS = ("document", "version", "accepted_at", "ip", "user_agent")


async def list_for_caller(cur: Cursor) -> list[dict[str, Any]]:
    # No user predicate needed: RLS shows only the caller's rows. It is still the caller's own data
    # by construction, and the RLS test relies on exactly this query.
    await cur.execute(f"SELECT {', '.join(_COLUMNS)} FROM compliance_acceptances ORDER BY accepted_at, id")
    return [dict(zip(_COLUMNS, row, strict=True)) for row in await cur.fetchall()]


async def accept(
    cur: Cursor, user_id: str, document: str, version: str, ip: str | None, user_agent: str | None
) -> tuple[dict[str, Any], bool]:
    """Record an acceptance; returns (row, created). An existing acceptance is returned unchanged."""
    await cur.execute(
        f"""INSERT INTO compliance_acceptances (user_id, document, version, ip, user_agent)
            VALUES (%s, %s, %s, %s, %s)
            ON CONFLICT ON CONSTRAINT compliance_acceptances_once DO NOTHING
            RETURNING {', '.join(_COLUMNS)}""",
        (user_id, document, version, ip, user_agent),
    )
    row = await cur.fetchone()
    if row is not None:
        return dict(zip(_COLUMNS, row, strict=True)), True
    await cur.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM compliance_acceptances"
        " WHERE user_id = %s AND document = %s AND version = %s",
        (user_id, document, version),
    )
    existing = await cur.fetchone()
    return dict(zip(_COLUMNS, existing, strict=True)), False
