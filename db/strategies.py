"""strategies, strategy_versions (and the runtime check a delete needs). Every query runs under RLS
as the caller; the explicit user_id predicates are defence in depth, as the reference describes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import psycopg2
from psycopg2.extras import Json

from db.pool import Cursor
from db.rows import fetch_all, fetch_one
from domain.strategy.errors import NameTaken


def _select(graph: str = "v.graph") -> str:
    """A strategy as the API shows it: the row joined with its current version."""
    return f"""
    SELECT s.id, s.name, s.description, s.instrument, s.timeframe, s.tags, s.status, s.current_version,
           s.revision, s.created_at, s.updated_at, {graph}, v.content_hash
    FROM strategies s
    JOIN strategy_versions v ON v.strategy_id = s.id AND v.version = s.current_version
"""


_SELECT = _select()
# A list page hands the graphs on as the text PostgreSQL prints them (`graph_json`): spliced into the
# answer as they are, never decoded and encoded again (validation results are cached by content hash).
_SELECT_PAGE = _select("v.graph::text AS graph_json")
_VERSION_COLUMNS = "version, content_hash, note, created_at, graph"


def _name_taken(exc: psycopg2.IntegrityError, name: str) -> NameTaken | None:
    if getattr(exc.diag, "constraint_name", None) == "strategies_user_name":
        return NameTaken(f"You already have a strategy named {name!r}.")
    return None


async def create(
    cur: Cursor, user_id: str, *, name: str, description: str, instrument: str, timeframe: str,
    tags: list[str], graph: dict[str, Any], content_hash: str, note: str | None,
) -> dict[str, Any]:
    try:
        await cur.execute("SAVEPOINT create_strategy")
        await cur.execute(
            """INSERT INTO strategies (user_id, name, description, instrument, timeframe, tags)
               VALUES (%s, %s, %s, %s, %s, %s) RETURNING id""",
            (user_id, name, description, instrument, timeframe, tags),
        )
    except psycopg2.IntegrityError as exc:
        await cur.execute("ROLLBACK TO SAVEPOINT create_strategy")
        raise (_name_taken(exc, name) or exc) from exc
    strategy_id = (await cur.fetchone())[0]
    await insert_version(cur, user_id, strategy_id, 1, graph, content_hash, note)
    created = await get(cur, user_id, strategy_id)
    assert created is not None
    return created


async def insert_version(
    cur: Cursor, user_id: str, strategy_id: Any, version: int, graph: dict[str, Any], content_hash: str,
    note: str | None,
) -> None:
    await cur.execute(
        """INSERT INTO strategy_versions (strategy_id, version, user_id, graph, content_hash, note)
           VALUES (%s, %s, %s, %s, %s, %s)""",
        (strategy_id, version, user_id, Json(graph), content_hash, note),
    )


async def get(cur: Cursor, user_id: str, strategy_id: Any, *, for_update: bool = False) -> dict[str, Any] | None:
    if for_update:
        # Lock the strategy row on its own first. Locking through the join would, after waiting for a
        # concurrent writer, re-check the join against the old version row and find nothing (a 404).
        # NO KEY UPDATE, not UPDATE: writers of the strategy still queue behind each other, but rows that
        # merely reference it (a signal the dispatcher inserts, its foreign key's KEY SHARE lock) do not
        # wait. With FOR UPDATE a runtime start (strategy, then runtime row) and the dispatcher (runtime
        # row, then a signal of that strategy) deadlocked.
        await cur.execute(
            "SELECT 1 FROM strategies WHERE id = %s AND user_id = %s AND deleted_at IS NULL FOR NO KEY UPDATE",
            (strategy_id, user_id),
        )
        if await cur.fetchone() is None:
            return None
    await cur.execute(f"{_SELECT} WHERE s.id = %s AND s.user_id = %s AND s.deleted_at IS NULL", (strategy_id, user_id))
    return await fetch_one(cur)


async def list_all(cur: Cursor, user_id: str) -> list[dict[str, Any]]:
    """Every strategy of the user that is not deleted, newest change first."""
    await cur.execute(f"{_SELECT} WHERE s.user_id = %s AND s.deleted_at IS NULL ORDER BY s.updated_at DESC, s.id DESC",
                      (user_id,))
    return await fetch_all(cur)


async def list_page(
    cur: Cursor, user_id: str, *, status: str | None, instrument: str | None, tag: str | None,
    after: tuple[datetime, str] | None, limit: int,
) -> list[dict[str, Any]]:
    """One page, newest change first; `after` is the (updated_at, id) of the previous page's last row.
    Fetches limit + 1 rows so the caller knows whether another page exists. Graphs as `graph_json`."""
    where = ["s.user_id = %s", "s.deleted_at IS NULL"]
    args: list[Any] = [user_id]
    if status is not None:
        where.append("s.status = %s")
        args.append(status)
    if instrument is not None:
        where.append("s.instrument = %s")
        args.append(instrument)
    if tag is not None:
        where.append("%s = ANY (s.tags)")
        args.append(tag)
    if after is not None:
        # Row comparison: strictly after the cursor in (updated_at DESC, id DESC) order, ties included.
        where.append("(s.updated_at, s.id) < (%s, %s)")
        args.extend(after)
    await cur.execute(
        f"{_SELECT_PAGE} WHERE {' AND '.join(where)} ORDER BY s.updated_at DESC, s.id DESC LIMIT %s",
        (*args, limit + 1),
    )
    return await fetch_all(cur)


async def update(
    cur: Cursor, user_id: str, strategy_id: Any, *, name: str, description: str, instrument: str, timeframe: str,
    tags: list[str], current_version: int, status: str,
) -> None:
    try:
        await cur.execute("SAVEPOINT update_strategy")
        await cur.execute(
            """UPDATE strategies SET name = %s, description = %s, instrument = %s, timeframe = %s, tags = %s,
                      current_version = %s, status = %s, revision = revision + 1, updated_at = clock_timestamp()
               WHERE id = %s AND user_id = %s AND deleted_at IS NULL""",
            (name, description, instrument, timeframe, tags, current_version, status, strategy_id, user_id),
        )
    except psycopg2.IntegrityError as exc:
        await cur.execute("ROLLBACK TO SAVEPOINT update_strategy")
        raise (_name_taken(exc, name) or exc) from exc


async def soft_delete(cur: Cursor, user_id: str, strategy_id: Any) -> None:
    await cur.execute(
        "UPDATE strategies SET deleted_at = clock_timestamp() WHERE id = %s AND user_id = %s AND deleted_at IS NULL",
        (strategy_id, user_id),
    )


async def lock_names(cur: Cursor, user_id: str) -> None:
    """Serialise the choice of strategy names per user until the transaction ends: whoever waits here
    next sees the names the previous holder committed (READ COMMITTED reads anew per statement)."""
    await cur.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (f"strategy-names:{user_id}",))


async def names_with_prefix(cur: Cursor, user_id: str, prefix: str) -> set[str]:
    like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    await cur.execute(
        "SELECT name FROM strategies WHERE user_id = %s AND deleted_at IS NULL AND name LIKE %s",
        (user_id, like),
    )
    return {row[0] for row in await cur.fetchall()}


async def has_active_runtime(cur: Cursor, strategy_id: Any) -> bool:
    await cur.execute(
        """SELECT EXISTS (SELECT 1 FROM strategy_runtimes
                          WHERE strategy_id = %s AND status IN ('starting', 'running', 'draining'))""",
        (strategy_id,),
    )
    return bool((await cur.fetchone())[0])


async def list_versions(
    cur: Cursor, user_id: str, strategy_id: Any, *, before: int | None, limit: int
) -> list[dict[str, Any]]:
    await cur.execute(
        f"""SELECT {_VERSION_COLUMNS} FROM strategy_versions
            WHERE strategy_id = %(id)s AND user_id = %(user)s AND (%(before)s::int IS NULL OR version < %(before)s)
            ORDER BY version DESC LIMIT %(limit)s""",
        {"id": strategy_id, "user": user_id, "before": before, "limit": limit + 1},
    )
    return await fetch_all(cur)


async def get_version(cur: Cursor, user_id: str, strategy_id: Any, version: int) -> dict[str, Any] | None:
    await cur.execute(
        f"SELECT {_VERSION_COLUMNS} FROM strategy_versions WHERE strategy_id = %s AND user_id = %s AND version = %s",
        (strategy_id, user_id, version),
    )
    return await fetch_one(cur)


async def owner(cur: Cursor, strategy_id: Any) -> tuple[str, bool] | None:
    """(owner's user id, deleted) of any strategy, whoever's it is; None when there is none. Only for
    gates the reference makes answer 403 for another user's strategy."""
    await cur.execute("SELECT user_id, deleted FROM strategy_owner(%s)", (strategy_id,))
    row = await cur.fetchone()
    return None if row is None else (str(row[0]), bool(row[1]))
