"""Migrations and row-level security, against a real PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import uuid
from pathlib import Path

import psycopg2
import pytest

from db import compliance as compliance_db
from db.introspect import describe
from db.migrate import migrate
from db.pool import Database
from tests.support.db import PostgresForTests

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "db" / "schema.sql"


def test_migrating_an_empty_database_gives_the_canonical_schema(postgres: PostgresForTests) -> None:
    dsn = postgres.empty_database()
    applied = migrate(dsn, progress=lambda _m: None)
    assert applied == sorted(applied) and applied[0] == 1
    assert describe(dsn) == SCHEMA_FILE.read_text(), (
        "db/schema.sql is out of date: regenerate it with `python -m db.introspect DSN > db/schema.sql`"
    )


def test_rerunning_migrations_is_a_no_op(postgres: PostgresForTests) -> None:
    dsn = postgres.fresh_database()
    before = describe(dsn)
    assert migrate(dsn, progress=lambda _m: None) == []
    assert describe(dsn) == before


def test_concurrent_migrators_apply_each_migration_once(postgres: PostgresForTests) -> None:
    import threading

    dsn = postgres.empty_database()
    results: list[list[int]] = []
    threads = [threading.Thread(target=lambda: results.append(migrate(dsn, progress=lambda _m: None)))
               for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    applied = sorted(v for r in results for v in r)
    assert applied == sorted(set(applied))  # nothing applied twice
    conn = psycopg2.connect(dsn)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT count(*), count(DISTINCT version) FROM schema_migrations")
            total, distinct = cur.fetchone()
            assert total == distinct == len(applied)
    finally:
        conn.close()


def test_a_failing_migration_leaves_nothing_behind(postgres: PostgresForTests, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from db import migrate as migrate_module

    dsn = postgres.fresh_database()
    bad = tmp_path / "migrations"
    bad.mkdir()
    for f in migrate_module.MIGRATIONS_DIR.glob("*.sql"):
        (bad / f.name).write_text(f.read_text())
    (bad / "999_broken.sql").write_text("CREATE TABLE half_done (id int); SELECT no_such_function();")
    monkeypatch.setattr(migrate_module, "MIGRATIONS_DIR", bad)
    with pytest.raises(psycopg2.Error):
        migrate_module.migrate(dsn, progress=lambda _m: None)
    conn = psycopg2.connect(dsn)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT to_regclass('half_done'), (SELECT count(*) FROM schema_migrations WHERE version = 999)")
            assert cur.fetchone() == (None, 0)
    finally:
        conn.close()


def _run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


def test_rls_shows_only_the_callers_rows_to_a_query_with_no_user_predicate(postgres: PostgresForTests) -> None:
    dsn = postgres.fresh_database()
    alice, bob = str(uuid.uuid4()), str(uuid.uuid4())

    async def scenario() -> None:
        db = Database(dsn)
        try:
            for uid, doc in ((alice, "terms_of_service"), (bob, "privacy_policy"), (bob, "risk_disclosure")):
                async with db.transaction({"sub": uid}) as cur:
                    await cur.execute("INSERT INTO users (id) VALUES (%s) ON CONFLICT DO NOTHING", (uid,))
                    await compliance_db.accept(cur, uid, doc, "v1", None, None)
            async with db.transaction({"sub": alice}) as cur:
                # The same query the API uses: it has no WHERE user_id = ... at all.
                rows = await compliance_db.list_for_caller(cur)
                assert [r["document"] for r in rows] == ["terms_of_service"]
                await cur.execute("SELECT count(*) FROM users")
                assert (await cur.fetchone())[0] == 1
            async with db.transaction(None) as cur:
                await cur.execute("SELECT count(*) FROM compliance_acceptances")
                assert (await cur.fetchone())[0] == 0  # no claims, no rows
            async with db.transaction({"sub": alice}) as cur:
                with pytest.raises(psycopg2.Error, match="row-level security"):
                    await cur.execute(
                        "INSERT INTO compliance_acceptances (user_id, document, version) VALUES (%s, 'x', 'v')", (bob,)
                    )
        finally:
            await db.close()

    _run(scenario())


def test_the_app_role_owns_nothing_and_cannot_bypass_rls(postgres: PostgresForTests) -> None:
    dsn = postgres.fresh_database()

    async def scenario() -> None:
        db = Database(dsn)
        try:
            async with db.transaction({"sub": str(uuid.uuid4())}) as cur:
                await cur.execute(
                    "SELECT current_user, rolbypassrls, rolsuper FROM pg_roles WHERE rolname = current_user")
                assert await cur.fetchone() == ("ex7_app", False, False)
                await cur.execute("SELECT count(*) FROM pg_tables WHERE tableowner = current_user")
                assert (await cur.fetchone())[0] == 0
                with pytest.raises(psycopg2.Error):
                    await cur.execute("ALTER TABLE users DISABLE ROW LEVEL SECURITY")
        finally:
            await db.close()

    _run(scenario())


def test_claims_do_not_leak_between_transactions(postgres: PostgresForTests) -> None:
    dsn = postgres.fresh_database()

    async def scenario() -> None:
        db = Database(dsn, minsize=1, maxsize=1)  # one connection: the next transaction reuses it
        try:
            async with db.transaction({"sub": str(uuid.uuid4())}) as cur:
                await cur.execute("SELECT auth.uid()")
                assert (await cur.fetchone())[0] is not None
            async with db.transaction(None) as cur:
                await cur.execute("SELECT auth.uid(), current_setting('request.jwt.claims', true)")
                uid, raw = await cur.fetchone()
                assert uid is None and not (raw and json.loads(raw))
        finally:
            await db.close()

    _run(scenario())


@pytest.mark.parametrize("table", ["strategies", "strategy_versions", "strategy_runtimes", "backtest_cache"])
def test_every_user_scoped_table_has_forced_rls_with_a_policy(postgres: PostgresForTests, table: str) -> None:
    dsn = postgres.fresh_database()
    conn = psycopg2.connect(dsn)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = %s", (table,))
            assert cur.fetchone() == (True, True)
            cur.execute("SELECT count(*) FROM pg_policies WHERE tablename = %s", (table,))
            assert cur.fetchone()[0] >= 1
    finally:
        conn.close()


def test_strategies_of_another_user_are_invisible_without_a_predicate(postgres: PostgresForTests) -> None:
    dsn = postgres.fresh_database()
    alice, bob = str(uuid.uuid4()), str(uuid.uuid4())
    owner = psycopg2.connect(dsn)
    owner.autocommit = True
    with owner.cursor() as cur:
        for uid, name in ((alice, "a1"), (bob, "b1"), (bob, "b2")):
            cur.execute("INSERT INTO users (id) VALUES (%s) ON CONFLICT DO NOTHING", (uid,))
            cur.execute("INSERT INTO strategies (user_id, name, instrument, timeframe) VALUES (%s, %s, 'MNQ', '5m')",
                        (uid, name))
    owner.close()

    async def scenario() -> None:
        db = Database(dsn)
        try:
            async with db.transaction({"sub": alice}) as cur:
                await cur.execute("SELECT name FROM strategies")  # no user predicate at all
                assert [r[0] for r in await cur.fetchall()] == ["a1"]
                await cur.execute("UPDATE strategies SET name = 'mine' WHERE name = 'b1'")
                assert cur.rowcount == 0
        finally:
            await db.close()

    _run(scenario())
