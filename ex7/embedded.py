"""The database to use: DATABASE_URL when given, else an embedded PostgreSQL (pgserver) in a data folder."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import psycopg2

log = logging.getLogger(__name__)

EMBEDDED_DB = "ex7"


def start_embedded(data_dir: Path) -> tuple[str, Any]:
    """Start (or reuse) a PostgreSQL in `data_dir/pgdata`; returns its DSN and the server handle.

    The server stops when the last handle is released. As root, pgserver runs it as a `pgserver`
    system user, which it creates.
    """
    import pgserver  # imported here: only newcomers without DATABASE_URL need it

    pgdata = (data_dir / "pgdata").resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    admin_dsn = server.get_uri()
    conn = psycopg2.connect(admin_dsn)
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (EMBEDDED_DB,))
            if cur.fetchone() is None:
                cur.execute(f"CREATE DATABASE {EMBEDDED_DB}")
    finally:
        conn.close()
    return server.get_uri(EMBEDDED_DB), server


def dev_secret(data_dir: Path) -> str:
    """A per-installation HS256 secret for development, so `ex7 serve` and `ex7 token` agree."""
    import secrets

    path = data_dir / "dev-jwt-secret"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()
