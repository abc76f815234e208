"""Rows as dicts keyed by the column names of the query that produced them: one mapper for db/."""

from __future__ import annotations

from typing import Any

from db.pool import Cursor


def _names(cur: Cursor) -> list[str]:
    return [column.name for column in cur.description or ()]


async def fetch_one(cur: Cursor) -> dict[str, Any] | None:
    row = await cur.fetchone()
    return dict(zip(_names(cur), row, strict=True)) if row is not None else None


async def fetch_all(cur: Cursor) -> list[dict[str, Any]]:
    names = _names(cur)
    return [dict(zip(names, row, strict=True)) for row in await cur.fetchall()]
