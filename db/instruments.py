"""instruments: the seeded catalogue of tradable contracts."""

from __future__ import annotations

from typing import Any

from db.pool import Cursor

_COLUMNS = ("symbol", "name", "exchange", "currency", "tick_size", "tick_value", "commission_per_side",
            "session_timezone", "session_open", "session_close")


async def list_all(cur: Cursor) -> list[dict[str, Any]]:
    await cur.execute(f"SELECT {', '.join(_COLUMNS)} FROM instruments ORDER BY symbol")
    return [dict(zip(_COLUMNS, row, strict=True)) for row in await cur.fetchall()]
