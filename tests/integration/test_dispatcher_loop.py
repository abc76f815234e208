"""The dispatcher as `ex7 serve` runs it: a supervised loop woken by the `bars` doorbell, polling for what
a missed notification would lose; and the newcomer's path of the README, from a fixture to a signal."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from domain.market.bars import StoredBar
from tests.support.db import PostgresForTests, sql_as_owner
from tests.support.graphs import stop, threshold_graph
from tests.support.live_server import readme_path
from tests.support.pipeline import Pipeline, store_bars
from tests.support.users import User

T = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


def _bar(minute: int, close: float) -> StoredBar:
    c = Decimal(str(close))
    return StoredBar(T + timedelta(minutes=minute), c, c + 1, c - 1, c, 100)


async def _until(condition, within: float = 30) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {within} s")
        await asyncio.sleep(0.01)


def test_the_loop_wakes_on_the_doorbell_and_polls_for_a_missed_one(postgres: PostgresForTests, user: User) -> None:
    with Pipeline(postgres) as p:
        sid = p.ready_strategy(user, threshold_graph(long_above=21000.0, risk=[stop(400)]))
        p.start(user, sid)
        dispatcher = p.dispatcher(poll_seconds=60.0)  # only the doorbell can wake it in time

        async def scenario() -> tuple[float, float]:
            task = asyncio.create_task(dispatcher.run())
            try:
                await _until(lambda: dispatcher.held)
                started = time.monotonic()
                await store_bars(p.dsn, "MNQ", "1m", [_bar(0, 21010.0)])
                await _until(lambda: next(iter(dispatcher.held.values())).last_bar_ts == T)
                return started, time.monotonic()
            finally:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)

        started, done = p.loop.run_until_complete(scenario())
        assert done - started < 30  # woken by the doorbell, long before its 60 s poll
        # A bar written without ringing (a notification lost): the poll finds it.
        polling = p.dispatcher(poll_seconds=0.2)

        async def missed() -> None:
            task = asyncio.create_task(polling.run())
            try:
                await store_bars(p.dsn, "MNQ", "1m", [_bar(1, 21011.0)], ring=False)
                await _until(lambda: sql_as_owner(p.dsn, "SELECT count(*) FROM signal_audit")[0][0] >= 2)
            finally:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)

        p.loop.run_until_complete(missed())
        assert [d for (d,) in p.sql("SELECT decision FROM signal_audit ORDER BY bar_ts")] == ["enter_long", "hold"]


def test_the_readme_path_a_fixture_started_in_paper_fires_within_minutes(postgres: PostgresForTests,
                                                                          user: User) -> None:
    """As `ex7 serve` composes it: the synthetic feed and a dispatcher in the API process, one clock."""
    with readme_path(postgres, user) as p:
        assert p.client.get("/api/signals/health").json()["dispatcher"] == "ok"
        fired = []
        for minute in range(1, 6):  # five minutes of market, one bar each
            p.market_minute(minute)
            fired = p.client.get("/api/signals", headers=user.headers).json()["items"]
            if fired:
                break
        assert fired, "no signal within five minutes of the demo feed"
        assert fired[0]["strategy_id"] == p.strategy_id and fired[0]["mode"] == "paper" and fired[0]["status"] == "open"
