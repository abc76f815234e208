"""Real PostgreSQL for tests: a server (PostgresForTests) handing out migrated databases, and sql_as_owner."""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg2

from db.migrate import migrate


def _with_database(dsn: str, name: str) -> str:
    parts = urlsplit(dsn)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


class PostgresForTests:
    """A server to test against: TEST_DATABASE_URL / DATABASE_URL, else an embedded pgserver.

    A migrated template database is made once; every database a test gets is a copy of it
    (CREATE DATABASE ... TEMPLATE), so each starts from exactly the migrated schema.
    """

    def __init__(self) -> None:
        self._server: Any = None
        url = os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL")
        if url:
            self.admin_dsn = _with_database(url, "postgres")
        else:
            import pgserver

            self._tmp = Path(tempfile.mkdtemp(prefix="ex7-test-pg-"))
            self._tmp.chmod(0o755)
            self._server = pgserver.get_server(self._tmp / "pgdata", cleanup_mode="delete")
            self.admin_dsn = self._server.get_uri()
        self.prefix = f"ex7t_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.template = f"{self.prefix}_tmpl"
        self._created: list[str] = []
        self._execute(f"CREATE DATABASE {self.template}")
        self._created.append(self.template)
        migrate(self.dsn(self.template), progress=lambda _m: None)

    def dsn(self, name: str) -> str:
        if self._server is not None:
            return self._server.get_uri(name)
        return _with_database(self.admin_dsn, name)

    def _execute(self, sql: str) -> None:
        conn = psycopg2.connect(self.admin_dsn)
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute(sql)
        finally:
            conn.close()

    def empty_database(self) -> str:
        """A new database with nothing in it (not even migrations)."""
        name = f"{self.prefix}_e{len(self._created)}"
        self._execute(f"CREATE DATABASE {name}")
        self._created.append(name)
        return self.dsn(name)

    def fresh_database(self) -> str:
        """A new database holding exactly the migrated schema and seed data."""
        name = f"{self.prefix}_d{len(self._created)}"
        self._execute(f"CREATE DATABASE {name} TEMPLATE {self.template}")
        self._created.append(name)
        return self.dsn(name)

    def close(self) -> None:
        for name in reversed(self._created):
            with contextlib.suppress(psycopg2.Error):
                self._execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if self._server is not None:
            self._server.cleanup()


def sql_as_owner(dsn: str, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """Run one statement as the database owner (bypasses RLS), committed; its rows, if it returns any.

    For arranging states the API cannot reach and for reading what it wrote."""
    conn = psycopg2.connect(dsn)
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(sql, args)
            return cur.fetchall() if cur.description else []
    finally:
        conn.close()
