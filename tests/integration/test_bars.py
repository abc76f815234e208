"""Market data against a real PostgreSQL: the bars table, `ex7 bars import`, GET /api/instruments, the feeds.

Each test takes a fresh database (bars are shared reference data, so tests cannot isolate by user)
and drives time with a ManualClock where time matters.
"""

from __future__ import annotations

import asyncio
import io
import time
from collections.abc import Awaitable
from datetime import UTC, datetime, timedelta
from decimal import Decimal as D
from pathlib import Path
from typing import Any, TypeVar

import httpx
import psycopg2
import pytest

from db import bars as bars_db
from db.pool import connect, transaction_on
from domain.market import synthetic as synthetic_bars
from domain.market.bars import ONE_MINUTE, StoredBar, aggregate, format_bar_row
from ex7 import bars_import
from ex7.app import create_app
from ex7.clock import ManualClock
from ex7.workers.feeds import BarSink, ReplayFeed, SyntheticFeed
from ex7.workers.feeds.replay import CsvSource, StoredSource
from tests.support.db import PostgresForTests, sql_as_owner
from tests.support.http import serve
from tests.support.settings import make_settings
from tests.support.users import User

T = TypeVar("T")
HEADER = "ts,open,high,low,close,volume\n"


def run(coro: Awaitable[T]) -> T:
    async def wrapper() -> T:
        return await coro

    return asyncio.run(wrapper())


def utc(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=UTC)


async def upsert(dsn: str, instrument: str, timeframe: str, bars: list[StoredBar],
                 source: bars_db.Source) -> bars_db.Written:
    conn = await connect(dsn)
    try:
        async with transaction_on(conn) as cur:
            return await bars_db.upsert(cur, instrument, timeframe, bars, source=source)
    finally:
        conn.close()


async def doorbells(listener: Any, wanted: set[str], within: float = 10) -> set[str]:
    """Read notifications until every payload in `wanted` has been seen; returns all seen."""
    seen: set[str] = set()
    async with asyncio.timeout(within):
        while not wanted <= seen:
            seen.add((await listener.notifies.get()).payload)
    return seen


def csv_file(tmp_path: Path, bars: list[StoredBar], name: str = "bars.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(format_bar_row(b) + "\n" for b in bars))
    return path


def do_import(dsn: str, path: Path, instrument: str = "MES", timeframe: str = "1m") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = bars_import.run(lambda: dsn, bars_import.ImportOptions(path, instrument, timeframe, progress=False),
                           out=out, err=err)
    return code, out.getvalue(), err.getvalue()


# --- the table and db/bars.py ------------------------------------------------------------------------

def test_upsert_is_idempotent_and_says_what_it_did(postgres: PostgresForTests) -> None:
    dsn = postgres.fresh_database()
    bars = synthetic_bars.bars_between("MES", utc(2026, 3, 10, 14), utc(2026, 3, 10, 15), 1)
    assert run(upsert(dsn, "MES", "1m", bars, "import")) == bars_db.Written(60, 0, 0)
    assert run(upsert(dsn, "MES", "1m", bars, "import")) == bars_db.Written(0, 0, 60)
    changed = [StoredBar(b.ts, b.open, b.high + D("0.25"), b.low, b.close, b.volume) for b in bars[:5]]
    assert run(upsert(dsn, "MES", "1m", changed, "import")) == bars_db.Written(0, 5, 0)
    assert sql_as_owner(dsn, "SELECT count(*) FROM bars") == [(60,)]


def test_a_feed_never_overwrites_imported_bars_but_an_import_overwrites_a_feed(postgres: PostgresForTests) -> None:
    dsn = postgres.fresh_database()
    real = synthetic_bars.bars_between("ES", utc(2026, 3, 10, 14), utc(2026, 3, 10, 14, 10), 1)
    fake = synthetic_bars.bars_between("ES", utc(2026, 3, 10, 14), utc(2026, 3, 10, 14, 20), 2)
    run(upsert(dsn, "ES", "1m", real, "import"))
    assert run(upsert(dsn, "ES", "1m", fake, "synthetic")) == bars_db.Written(10, 0, 10)
    assert sql_as_owner(dsn, "SELECT source, count(*) FROM bars GROUP BY source ORDER BY source") == [
        ("import", 10), ("synthetic", 10)]
    assert run(upsert(dsn, "ES", "1m", real, "replay")) == bars_db.Written(0, 0, 10)  # replay < import
    assert run(upsert(dsn, "ES", "1m", fake[10:], "import")) == bars_db.Written(0, 10, 0)
    assert sql_as_owner(dsn, "SELECT DISTINCT source FROM bars") == [("import",)]


def test_the_table_refuses_inconsistent_bars_and_the_app_role_cannot_delete(postgres: PostgresForTests) -> None:
    dsn = postgres.fresh_database()
    bad = StoredBar(utc(2026, 3, 10, 14), D("100"), D("99"), D("98"), D("100"), 1)  # high below the open
    with pytest.raises(psycopg2.errors.CheckViolation):
        run(upsert(dsn, "ES", "1m", [bad], "import"))

    async def delete() -> None:
        conn = await connect(dsn)  # as ex7_app
        try:
            async with transaction_on(conn) as cur:
                await cur.execute("DELETE FROM bars")
        finally:
            conn.close()

    with pytest.raises(psycopg2.errors.InsufficientPrivilege):
        run(delete())


def test_latest_and_session_references(postgres: PostgresForTests) -> None:
    dsn = postgres.fresh_database()
    # Tuesday's session (trading date 2026-03-10) and Wednesday's (opens Tue 17:00 CDT = 22:00 UTC).
    tuesday = synthetic_bars.bars_between("NQ", utc(2026, 3, 10, 20), utc(2026, 3, 10, 21), 4)
    wednesday = synthetic_bars.bars_between("NQ", utc(2026, 3, 10, 22), utc(2026, 3, 10, 22, 30), 4)
    run(upsert(dsn, "NQ", "1m", tuesday + wednesday, "import"))

    async def read() -> tuple[dict[str, StoredBar], dict[str, tuple[D | None, D | None]]]:
        conn = await connect(dsn)
        try:
            async with transaction_on(conn) as cur:
                last = await bars_db.latest(cur, ["NQ", "ES"])
                refs = await bars_db.session_references(cur, {"NQ": utc(2026, 3, 10, 22)})
                return last, refs
        finally:
            conn.close()

    last, refs = run(read())
    assert set(last) == {"NQ"} and last["NQ"] == wednesday[-1]
    assert refs["NQ"] == (tuesday[-1].close, wednesday[0].open)


# --- ex7 bars import ---------------------------------------------------------------------------------

def test_import_twice_changes_nothing_and_derives_higher_timeframes(postgres: PostgresForTests,
                                                                    tmp_path: Path) -> None:
    dsn = postgres.fresh_database()
    day = synthetic_bars.bars_between("MES", utc(2026, 3, 9, 22), utc(2026, 3, 10, 21), 9)  # one session
    path = csv_file(tmp_path, day)
    code, out, err = do_import(dsn, path)
    assert code == 0, err
    assert f"{len(day)} rows read (plain CSV)" in out and f"1m imported: {len(day)} inserted" in out
    counts = dict(sql_as_owner(dsn, "SELECT timeframe, count(*) FROM bars GROUP BY timeframe"))
    assert counts == {"1m": 1380, "2m": 690, "5m": 276, "15m": 92, "30m": 46, "1h": 23, "4h": 6, "1d": 1}
    before = sql_as_owner(dsn, "SELECT instrument, timeframe, ts, open, high, low, close, volume, updated_at FROM bars "
                        "ORDER BY 1, 2, 3")
    code, out, _err = do_import(dsn, path)
    assert code == 0
    assert f"1m imported: 0 inserted, 0 updated, {len(day)} unchanged" in out
    assert "1d derived: 0 inserted, 0 updated, 1 unchanged" in out
    after = sql_as_owner(dsn, "SELECT instrument, timeframe, ts, open, high, low, close, volume, updated_at FROM bars "
                       "ORDER BY 1, 2, 3")
    assert after == before  # not even rewritten with the same values
    # The stored daily bar is the session, aggregated.
    (o, h, lo, c, v), = sql_as_owner(dsn, "SELECT open, high, low, close, volume FROM bars WHERE timeframe = '1d'")
    expected = aggregate(day, "1d", "MES")[0]
    assert (o, h, lo, c, v) == (expected.open, expected.high, expected.low, expected.close, expected.volume)


def test_a_file_with_one_bad_row_writes_nothing_and_names_the_line(postgres: PostgresForTests,
                                                                  tmp_path: Path) -> None:
    dsn = postgres.fresh_database()
    bars = synthetic_bars.bars_between("MES", utc(2026, 3, 10, 14), utc(2026, 3, 10, 15), 1)
    lines = [format_bar_row(b) for b in bars]
    lines[41] = lines[41].replace(f",{bars[41].volume}", ",-3")  # line 43 of the file (the header is line 1)
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "\n".join(lines) + "\n")
    code, out, err = do_import(dsn, path)
    assert code == 2 and out == ""
    assert f"{path}:43: volume '-3' is not a non-negative integer" in err
    assert "1 bad row(s) of 60; nothing was written" in err
    assert sql_as_owner(dsn, "SELECT count(*) FROM bars") == [(0,)]


def test_an_import_that_fills_holes_rebuilds_the_buckets_from_everything_stored(postgres: PostgresForTests,
                                                                                tmp_path: Path) -> None:
    dsn = postgres.fresh_database()
    hour = synthetic_bars.bars_between("ES", utc(2026, 3, 10, 14), utc(2026, 3, 10, 15), 5)
    odd, even = hour[1::2], hour[0::2]
    assert do_import(dsn, csv_file(tmp_path, odd, "odd.csv"), "ES")[0] == 0
    assert do_import(dsn, csv_file(tmp_path, even, "even.csv"), "ES")[0] == 0
    stored = sql_as_owner(dsn, "SELECT ts, open, high, low, close, volume FROM bars WHERE timeframe = '1h'")
    full = aggregate(hour, "1h", "ES")[0]
    assert stored == [(full.ts, full.open, full.high, full.low, full.close, full.volume)]


def test_import_refuses_unknown_instruments_and_missing_files(postgres: PostgresForTests, tmp_path: Path) -> None:
    assert do_import("unused", tmp_path / "nope.csv")[0] == 2
    path = csv_file(tmp_path, synthetic_bars.bars_between("ES", utc(2026, 3, 10, 14), utc(2026, 3, 10, 14, 2), 1))
    code, _out, err = do_import("unused", path, "ZN")
    assert code == 2 and "unknown instrument" in err


# --- GET /api/instruments --------------------------------------------------------------------------------

def markets(client: httpx.Client, user: User) -> dict[str, dict[str, Any]]:
    resp = client.get("/api/instruments", headers=user.headers)
    assert resp.status_code == 200, resp.text
    return {i["symbol"]: i["market"] for i in resp.json()["items"]}


def test_instruments_carry_market_data_fresh_stale_and_closed(postgres: PostgresForTests, user: User) -> None:
    dsn = postgres.fresh_database()
    # Wednesday 2026-03-11, CDT. NQ: Tuesday's session then Wednesday's up to 09:59 CT (14:59 UTC).
    tuesday_close = StoredBar(utc(2026, 3, 10, 20, 59), D("20000.00"), D("20001.00"), D("19999.00"), D("20000.00"), 5)
    wednesday = [
        StoredBar(utc(2026, 3, 10, 22, 0), D("20010.00"), D("20012.00"), D("20008.00"), D("20011.00"), 5),
        StoredBar(utc(2026, 3, 11, 14, 59), D("20100.00"), D("20101.00"), D("20099.00"), D("20100.25"), 5),
    ]
    run(upsert(dsn, "NQ", "1m", [tuesday_close, *wednesday], "import"))
    # ES: only Wednesday's session, so its change is measured from the session's first open.
    run(upsert(dsn, "ES", "1m", [StoredBar(utc(2026, 3, 11, 14, 59), D("5990.00"), D("6001.00"), D("5989.00"),
                                     D("6000.00"), 3)], "import"))
    clock = ManualClock(utc(2026, 3, 11, 15, 0, 30))  # 10:00:30 CDT
    app = create_app(make_settings(), dsn, validate_responses=True, clock=clock)
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        m = markets(client, user)
        assert m["NQ"] == {"last_price": "20100.25", "change": "100.25", "change_pct": "0.50",
                           "last_bar_ts": "2026-03-11T14:59:00Z", "status": "fresh"}
        assert m["ES"]["change"] == "10" and m["ES"]["change_pct"] == "0.17" and m["ES"]["status"] == "fresh"
        assert m["MNQ"] == {"last_price": None, "change": None, "change_pct": None, "last_bar_ts": None,
                            "status": "stale"}
        clock.set(utc(2026, 3, 11, 15, 3, 30))  # the newest bar closed 3.5 minutes ago
        assert markets(client, user)["NQ"]["status"] == "stale"
        clock.set(utc(2026, 3, 11, 21, 30))  # 16:30 CDT: the daily break
        assert {m["status"] for m in markets(client, user).values()} == {"closed"}
        clock.set(utc(2026, 3, 14, 12, 0))  # Saturday
        m = markets(client, user)
        assert m["NQ"]["status"] == "closed" and m["NQ"]["last_price"] == "20100.25"


# --- feeds -------------------------------------------------------------------------------------------------

def test_the_synthetic_feed_backfills_then_appends_each_minute_and_rings_the_doorbell(
        postgres: PostgresForTests) -> None:
    dsn = postgres.fresh_database()
    start = utc(2026, 3, 11, 15, 0, 30)  # Wednesday 10:00:30 CDT

    async def scenario() -> None:
        clock = ManualClock(start)
        listener = await connect(dsn, role=None)
        async with listener.cursor() as cur:
            await cur.execute("LISTEN bars")
        feed = SyntheticFeed(BarSink(dsn, source="synthetic"), clock, ["MNQ", "ES"], seed=3, backfill_days=2)
        task = asyncio.create_task(feed.run())
        try:
            await clock.until_sleeping()  # the backfill is written and the feed waits for 10:01
            # Two trading days: Tuesday's whole session and Wednesday's up to 09:59 CDT.
            (count, first, last), = sql_as_owner(dsn, "SELECT count(*), min(ts), max(ts) FROM bars "
                                               "WHERE instrument = 'MNQ' AND timeframe = '1m'")
            assert (first, last) == (utc(2026, 3, 9, 22), utc(2026, 3, 11, 14, 59))
            assert count == 1380 + 17 * 60
            assert sql_as_owner(dsn, "SELECT ts FROM bars WHERE instrument = 'MNQ' AND timeframe = '1d'") == [
                (utc(2026, 3, 9, 22),)]  # Wednesday's day has not closed
            assert sql_as_owner(dsn, "SELECT max(ts) FROM bars WHERE instrument = 'ES' AND timeframe = '5m'") == [
                (utc(2026, 3, 11, 14, 55),)]
            assert sql_as_owner(dsn, "SELECT DISTINCT source FROM bars") == [("synthetic",)]
            await doorbells(listener, {"MNQ:1m:2026-03-11T14:59:00+00:00", "ES:5m:2026-03-11T14:55:00+00:00",
                                       "MNQ:1d:2026-03-09T22:00:00+00:00"})

            clock.set(utc(2026, 3, 11, 15, 1, 0))  # 10:01:00: the 10:00 bar has closed
            await doorbells(listener, {"MNQ:1m:2026-03-11T15:00:00+00:00", "ES:1m:2026-03-11T15:00:00+00:00"})
            assert bars_db.parse_doorbell("MNQ:1m:2026-03-11T15:00:00+00:00") == ("MNQ", "1m", utc(2026, 3, 11, 15))
            row = sql_as_owner(dsn, "SELECT open, high, low, close, volume FROM bars WHERE instrument = 'MNQ' "
                             "AND timeframe = '1m' AND ts = %s", utc(2026, 3, 11, 15))
            expected = synthetic_bars.bar_at("MNQ", utc(2026, 3, 11, 15), 3)
            assert expected is not None
            assert row == [(expected.open, expected.high, expected.low, expected.close, expected.volume)]

            await clock.until_sleeping()
            clock.set(utc(2026, 3, 11, 15, 5, 1))  # 10:05: four more minutes, and the 10:00 5m bar closes
            await doorbells(listener, {"MNQ:5m:2026-03-11T15:00:00+00:00", "MNQ:1m:2026-03-11T15:04:00+00:00"})
            five = sql_as_owner(dsn, "SELECT open, high, low, close, volume FROM bars WHERE instrument = 'MNQ' "
                              "AND timeframe = '5m' AND ts = %s", utc(2026, 3, 11, 15))
            agg = aggregate(synthetic_bars.bars_between("MNQ", utc(2026, 3, 11, 15), utc(2026, 3, 11, 15, 5), 3),
                            "5m", "MNQ")[0]
            assert five == [(agg.open, agg.high, agg.low, agg.close, agg.volume)]
            await clock.until_sleeping()  # ES too has been published
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            listener.close()

    run(scenario())
    # A restart (a new feed, the same seed) backfills the same values: nothing is updated.
    before = sql_as_owner(dsn, "SELECT max(updated_at), count(*) FROM bars")

    async def restart() -> None:
        clock = ManualClock(utc(2026, 3, 11, 15, 5, 30))
        feed = SyntheticFeed(BarSink(dsn, source="synthetic"), clock, ["MNQ", "ES"], seed=3, backfill_days=2)
        task = asyncio.create_task(feed.run())
        await clock.until_sleeping()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    run(restart())
    assert sql_as_owner(dsn, "SELECT max(updated_at), count(*) FROM bars") == before


def test_the_synthetic_feed_publishes_nothing_while_the_market_is_closed(postgres: PostgresForTests) -> None:
    dsn = postgres.fresh_database()

    async def scenario() -> None:
        clock = ManualClock(utc(2026, 3, 14, 12, 0, 30))  # Saturday
        feed = SyntheticFeed(BarSink(dsn, source="synthetic"), clock, ["NQ"], seed=1, backfill_days=1)
        task = asyncio.create_task(feed.run())
        try:
            await clock.until_sleeping()
            for _ in range(3):
                clock.advance(timedelta(minutes=1))
                await clock.until_sleeping()
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    run(scenario())
    # The backfill is Friday's session; nothing after Friday 16:00 CDT (21:00 UTC).
    assert sql_as_owner(dsn, "SELECT max(ts) FROM bars WHERE timeframe = '1m'") == [(utc(2026, 3, 13, 20, 59),)]
    assert sql_as_owner(dsn, "SELECT ts FROM bars WHERE timeframe = '1d'") == [(utc(2026, 3, 12, 22),)]


def test_replay_plays_a_csv_at_speed_with_the_doorbell(postgres: PostgresForTests, tmp_path: Path) -> None:
    dsn = postgres.fresh_database()
    # Two hours of 1m bars with a 3-hour hole (shortened to 5 minutes by the replay).
    bars = (synthetic_bars.bars_between("MES", utc(2026, 3, 10, 14), utc(2026, 3, 10, 15), 6)
            + synthetic_bars.bars_between("MES", utc(2026, 3, 10, 18), utc(2026, 3, 10, 19), 6))
    path = csv_file(tmp_path, bars)

    async def scenario() -> None:
        clock = ManualClock(utc(2026, 6, 1, 12))
        listener = await connect(dsn, role=None)
        async with listener.cursor() as cur:
            await cur.execute("LISTEN bars")
        feed = ReplayFeed(BarSink(dsn, source="replay"), clock, "MES", CsvSource(path, "MES", clock), speed=60)
        task = asyncio.create_task(feed.run())
        try:
            await clock.until_sleeping()
            assert sql_as_owner(dsn, "SELECT count(*) FROM bars") == [(0,)]
            clock.advance(timedelta(seconds=1))  # at 60x, one second of wall time is a minute of bars
            assert await doorbells(listener, {"MES:1m:2026-03-10T14:00:00+00:00"}) == {
                "MES:1m:2026-03-10T14:00:00+00:00"}
            await clock.until_sleeping()
            clock.advance(timedelta(seconds=59))  # the first hour
            await clock.until_sleeping()
            assert sql_as_owner(dsn, "SELECT count(*), max(ts) FROM bars WHERE timeframe = '1m'") == [
                (60, utc(2026, 3, 10, 14, 59))]
            clock.advance(timedelta(seconds=5 + 60))  # the shortened hole, then the second hour
            await asyncio.wait_for(task, 10)
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            listener.close()

    run(scenario())
    assert sql_as_owner(dsn, "SELECT count(*) FROM bars WHERE timeframe = '1m' AND source = 'replay'") == [(120,)]
    assert sql_as_owner(dsn, "SELECT count(*) FROM bars WHERE timeframe = '1h'") == [(2,)]


def test_replay_of_stored_bars_rings_for_bars_it_does_not_change(postgres: PostgresForTests) -> None:
    dsn = postgres.fresh_database()
    bars = synthetic_bars.bars_between("NQ", utc(2026, 3, 10, 14), utc(2026, 3, 10, 14, 30), 2)
    run(upsert(dsn, "NQ", "1m", bars, "import"))

    async def scenario() -> None:
        clock = ManualClock(utc(2026, 6, 1, 12))
        listener = await connect(dsn, role=None)
        async with listener.cursor() as cur:
            await cur.execute("LISTEN bars")
        feed = ReplayFeed(BarSink(dsn, source="replay"), clock, "NQ", StoredSource(dsn, "NQ"), speed=600)
        task = asyncio.create_task(feed.run())
        try:
            await clock.until_sleeping()
            clock.advance(timedelta(seconds=3))  # 30 minutes at 600x
            await asyncio.wait_for(task, 10)
            await doorbells(listener, {"NQ:1m:2026-03-10T14:29:00+00:00", "NQ:30m:2026-03-10T14:00:00+00:00"})
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            listener.close()

    run(scenario())
    assert sql_as_owner(dsn, "SELECT DISTINCT source FROM bars WHERE timeframe = '1m'") == [("import",)]
    assert bars[-1].ts + ONE_MINUTE == utc(2026, 3, 10, 14, 30)


def test_the_app_runs_the_feed_it_is_configured_with_and_stops_it(postgres: PostgresForTests, user: User) -> None:
    dsn = postgres.fresh_database()
    clock = ManualClock(utc(2026, 3, 11, 15, 0, 30))  # Wednesday 10:00:30 CDT
    settings = make_settings(ex7_feed="synthetic", ex7_feed_instruments="ES", ex7_feed_backfill_days=1,
                             ex7_feed_seed=5)
    with serve(create_app(settings, dsn, validate_responses=True, clock=clock)) as url, \
            httpx.Client(base_url=url, timeout=30) as client:
        clock.wait_for_sleepers()  # the lifespan started the feed; its backfill is written
        m = markets(client, user)
        expected = synthetic_bars.bar_at("ES", utc(2026, 3, 11, 14, 59), 5)
        assert expected is not None
        assert m["ES"]["last_bar_ts"] == "2026-03-11T14:59:00Z" and m["ES"]["status"] == "fresh"
        assert m["ES"]["last_price"] == f"{expected.close.normalize():f}"
        assert m["MES"]["last_bar_ts"] is None  # not fed
        clock.set(utc(2026, 3, 11, 15, 1, 0))
        deadline = datetime.now(UTC) + timedelta(seconds=10)
        while markets(client, user)["ES"]["last_bar_ts"] != "2026-03-11T15:00:00Z":
            assert datetime.now(UTC) < deadline, "the feed did not publish the 10:00 bar"
            time.sleep(0.05)
        clock.wait_for_sleepers()
    # Shut down with the app: no task writes any more (the ManualClock would let it, if it were alive).
    assert clock.sleepers == 0
    clock.set(utc(2026, 3, 11, 15, 10))
    assert sql_as_owner(dsn, "SELECT max(ts) FROM bars WHERE timeframe = '1m'") == [(utc(2026, 3, 11, 15),)]
