"""The aiopg pool and the one way to run a request's SQL: a transaction carrying the caller's claims.

The pool's connections switch to the `ex7_app` role on connect. That role owns no table and has no
BYPASSRLS, so row-level security applies to every query the API makes; each transaction sets
`request.jwt.claims` (as Supabase's PostgREST does) and the policies read it through `auth.uid()`.
Migrations run with the connecting role (the owner), never through this pool.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

import aiopg
import psycopg2
import psycopg2.extensions
import psycopg2.extras

from db.errors import DatabaseUnavailable, TransactionConflict

log = logging.getLogger(__name__)

APP_ROLE = "ex7_app"
# The dispatcher's role: every user's pipeline rows, nothing else (db/migrations/006_signals.sql).
WORKER_ROLE = "ex7_worker"

# Decimal for NUMERIC (psycopg2's default), and timestamps stay timezone-aware.
psycopg2.extras.register_uuid()


async def _set_up(conn: aiopg.Connection, role: str | None) -> None:
    async with conn.cursor() as cur:
        await cur.execute(f"SET ROLE {role}; SET TIME ZONE 'UTC'" if role else "SET TIME ZONE 'UTC'")


Cursor = aiopg.Cursor


class Database:
    def __init__(self, dsn: str, *, minsize: int = 1, maxsize: int = 10, timeout: float = 5.0,
                 role: str = APP_ROLE) -> None:
        self._dsn = dsn
        self._minsize = minsize
        self._maxsize = maxsize
        self._timeout = timeout
        self._role = role
        self._pool: aiopg.Pool | None = None
        self._lock = asyncio.Lock()

    async def _get_pool(self) -> aiopg.Pool:
        # Created lazily so the API starts (and /api/health answers 503) while the database is down.
        if self._pool is None:
            async with self._lock:
                if self._pool is None:
                    try:
                        self._pool = await aiopg.create_pool(
                            self._dsn,
                            minsize=self._minsize,
                            maxsize=self._maxsize,
                            timeout=self._timeout,
                            on_connect=functools.partial(_set_up, role=self._role),
                        )
                    except (TimeoutError, psycopg2.OperationalError, OSError) as exc:
                        raise DatabaseUnavailable(str(exc).strip() or type(exc).__name__) from exc
        return self._pool

    async def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            await self._pool.wait_closed()
            self._pool = None

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[aiopg.Connection]:
        """A pooled connection for the block (DatabaseUnavailable when none can be had)."""
        pool = await self._get_pool()
        try:
            conn = await pool.acquire()
        except (TimeoutError, psycopg2.OperationalError, OSError) as exc:
            raise DatabaseUnavailable(str(exc).strip() or type(exc).__name__) from exc
        try:
            yield conn
        finally:
            pool.release(conn)

    @asynccontextmanager
    async def transaction(self, claims: Mapping[str, Any] | None = None) -> AsyncIterator[aiopg.Cursor]:
        """One transaction; commits when the block ends, rolls back on any exception.

        `claims` are the caller's JWT claims (at least `sub`); without them RLS shows no user rows.
        """
        async with self.connection() as conn, transaction_on(conn, claims) as cur:
            yield cur


async def connect(dsn: str, *, connect_timeout: float = 5.0, role: str | None = APP_ROLE) -> aiopg.Connection:
    """A dedicated connection outside the pool (a feed's writer, a LISTEN), as `role` (the app role by
    default; None keeps the connecting role).

    Raises DatabaseUnavailable when the server cannot be reached.
    """
    try:
        conn = await aiopg.connect(dsn, timeout=connect_timeout)
    except (TimeoutError, psycopg2.OperationalError, OSError) as exc:
        raise DatabaseUnavailable(str(exc).strip() or type(exc).__name__) from exc
    try:
        await _set_up(conn, role)
    except BaseException:
        conn.close()
        raise
    return conn


@asynccontextmanager
async def transaction_on(
    conn: aiopg.Connection, claims: Mapping[str, Any] | None = None
) -> AsyncIterator[aiopg.Cursor]:
    """One transaction on `conn`: commits when the block ends, rolls back on any exception. With
    `claims` (the caller's JWT claims, at least `sub`) row-level security shows the caller's rows."""
    try:
        async with conn.cursor() as cur:
            # One round trip: BEGIN and the claims travel together (a simple-query batch).
            if claims is None:
                await cur.execute("BEGIN")
            else:
                await cur.execute("BEGIN; SELECT set_config('request.jwt.claims', %s, true)",
                                  (json.dumps(dict(claims)),))
            try:
                yield cur
            except BaseException:
                if not conn.closed:
                    await cur.execute("ROLLBACK")
                raise
            else:
                await cur.execute("COMMIT")
    except psycopg2.extensions.TransactionRollbackError as exc:
        raise TransactionConflict(str(exc).strip() or type(exc).__name__) from exc
    except (psycopg2.OperationalError, psycopg2.InterfaceError) as exc:
        raise DatabaseUnavailable(str(exc).strip() or type(exc).__name__) from exc


# On the dispatcher's hot path every round trip counts: a bar of a runtime that only holds is two
# statements, so its BEGIN rides with the first (`BEGIN; ...`, a simple-query batch) and its COMMIT
# with the last (`...; COMMIT`). `piggybacked_transaction` is the entry point's side of that deal:
# it rolls back whatever is left open by a failure, and commits what was not committed by the last
# statement (so a use case that returns early still leaves nothing open).
BEGIN = "BEGIN; "
COMMIT = "; COMMIT"


@asynccontextmanager
async def piggybacked_transaction(conn: aiopg.Connection) -> AsyncIterator[aiopg.Cursor]:
    try:
        async with conn.cursor() as cur:
            try:
                yield cur
            except BaseException:
                if not conn.closed and conn.raw.get_transaction_status() != psycopg2.extensions.TRANSACTION_STATUS_IDLE:
                    await cur.execute("ROLLBACK")
                raise
            if conn.raw.get_transaction_status() != psycopg2.extensions.TRANSACTION_STATUS_IDLE:
                await cur.execute("COMMIT")
    except psycopg2.extensions.TransactionRollbackError as exc:
        raise TransactionConflict(str(exc).strip() or type(exc).__name__) from exc
    except (psycopg2.OperationalError, psycopg2.InterfaceError) as exc:
        raise DatabaseUnavailable(str(exc).strip() or type(exc).__name__) from exc
