"""Numbered SQL migrations (`NNN_name.sql` in db/migrations), applied in order, each in its own transaction.

Concurrent starters are serialised by an advisory lock, and the `schema_migrations` table records
what ran, so re-running is a no-op. Reference data (the instrument catalogue) is upserted afterwards
from `domain/`, its one source.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg2

from domain.market.instruments import INSTRUMENTS

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Any fixed 64-bit key; it only has to be the same for every EX7 process.
_LOCK_KEY = 0x4558374D4947


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path


def discover(directory: Path | None = None) -> list[Migration]:
    found = []
    for path in sorted((directory or MIGRATIONS_DIR).glob("*.sql")):
        match = re.fullmatch(r"(\d{3})_([a-z0-9_]+)\.sql", path.name)
        if not match:
            raise ValueError(f"migration file name must be NNN_name.sql: {path.name}")
        found.append(Migration(int(match.group(1)), match.group(2), path))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise ValueError("two migrations share a number")
    return found


def migrate(dsn: str, *, progress: Callable[[str], None] = log.info) -> list[int]:
    """Apply pending migrations and refresh reference data. Returns the versions applied."""
    applied: list[int] = []
    conn = psycopg2.connect(dsn)
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_lock(%s)", (_LOCK_KEY,))
            try:
                cur.execute(
                    """CREATE TABLE IF NOT EXISTS schema_migrations (
                           version integer PRIMARY KEY,
                           name text NOT NULL,
                           applied_at timestamptz NOT NULL DEFAULT now())"""
                )
                cur.execute("SELECT version FROM schema_migrations")
                done = {row[0] for row in cur.fetchall()}
                for migration in discover():
                    if migration.version in done:
                        continue
                    progress(f"applying migration {migration.version:03d}_{migration.name}")
                    cur.execute("BEGIN")
                    try:
                        cur.execute(migration.path.read_text())
                        cur.execute(
                            "INSERT INTO schema_migrations (version, name) VALUES (%s, %s)",
                            (migration.version, migration.name),
                        )
                    except BaseException:
                        cur.execute("ROLLBACK")
                        raise
                    cur.execute("COMMIT")
                    applied.append(migration.version)
                _seed_instruments(cur)
            finally:
                cur.execute("SELECT pg_advisory_unlock(%s)", (_LOCK_KEY,))
    finally:
        conn.close()
    return applied


def _seed_instruments(cur: psycopg2.extensions.cursor) -> None:
    for spec in INSTRUMENTS.values():
        cur.execute(
            """INSERT INTO instruments (symbol, name, exchange, currency, tick_size, tick_value,
                                        commission_per_side, session_timezone, session_open, session_close)
               VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
               ON CONFLICT (symbol) DO UPDATE SET
                   name = EXCLUDED.name, exchange = EXCLUDED.exchange, currency = EXCLUDED.currency,
                   tick_size = EXCLUDED.tick_size, tick_value = EXCLUDED.tick_value,
                   commission_per_side = EXCLUDED.commission_per_side,
                   session_timezone = EXCLUDED.session_timezone,
                   session_open = EXCLUDED.session_open, session_close = EXCLUDED.session_close""",
            (
                spec.symbol, spec.name, spec.exchange, spec.currency, spec.tick_size, spec.tick_value,
                spec.commission_per_side, spec.session_timezone, spec.session_open, spec.session_close,
            ),
        )
