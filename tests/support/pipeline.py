"""The signal pipeline under test: a database of its own (so no other test's runtimes are claimed), the
API on a real uvicorn over it with a ManualClock, dispatchers ticked by hand, and bars written as a
feed writes them.

    with Pipeline(postgres) as p:
        sid = p.ready_strategy(user, graph)
        p.start(user, sid)
        p.write_bars(bars)          # as a replay feed: stored, doorbell rung
        p.tick()                    # one dispatcher round, on the test's own loop
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

import httpx

from db import bars as bars_db
from db.pool import connect, transaction_on
from domain.market.bars import StoredBar
from ex7.app import create_app
from ex7.clock import ManualClock
from ex7.workers.dispatcher import Dispatcher
from tests.support.db import PostgresForTests, sql_as_owner
from tests.support.http import serve
from tests.support.settings import make_settings
from tests.support.users import User

START = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)  # a Tuesday, 09:00 Chicago: the market is open


class Pipeline:
    def __init__(self, postgres: PostgresForTests, *, now: datetime = START, **settings: Any) -> None:
        self.dsn = postgres.fresh_database()
        self.clock = ManualClock(now)
        self._settings = settings
        self._stack = contextlib.ExitStack()
        self.loop = asyncio.new_event_loop()
        self.dispatchers: list[Dispatcher] = []

    def __enter__(self) -> Pipeline:
        url = self._stack.enter_context(
            serve(create_app(make_settings(**self._settings), self.dsn, validate_responses=True, clock=self.clock)))
        self.client = self._stack.enter_context(httpx.Client(base_url=url, timeout=30))
        return self

    def __exit__(self, *exc: object | TracebackType) -> None:
        for d in self.dispatchers:
            self.loop.run_until_complete(d.close(release=False))
        self.loop.close()
        self._stack.close()

    # -- the API --

    def ready_strategy(self, user: User, graph: dict[str, Any], *, instrument: str = "MNQ",
                       timeframe: str = "1m", name: str | None = None) -> str:
        r = self.client.post("/api/strategies", headers=user.headers, json={
            "name": name or f"s-{uuid.uuid4().hex[:8]}", "instrument": instrument, "timeframe": timeframe,
            "graph": graph})
        assert r.status_code == 201, r.text
        sid: str = r.json()["id"]
        promoted = self.client.post(f"/api/strategies/{sid}/promote", headers=user.headers)
        assert promoted.status_code == 200 and promoted.json()["status"] == "ready", promoted.text
        return sid

    def start(self, user: User, strategy_id: str) -> dict[str, Any]:
        r = self.client.post(f"/api/signals/runtimes/{strategy_id}/start", headers=user.headers)
        assert r.status_code == 200, r.text
        body: dict[str, Any] = r.json()
        return body

    def signals(self, user: User) -> list[dict[str, Any]]:
        """All the user's signals through GET /api/signals (every page), in the order of the bars that
        fired them (a ManualClock that does not move gives them all one fired_at)."""
        items: list[dict[str, Any]] = []
        cursor = None
        while True:
            params: dict[str, Any] = {"limit": 200, **({"cursor": cursor} if cursor else {})}
            r = self.client.get("/api/signals", headers=user.headers, params=params)
            assert r.status_code == 200, r.text
            items += r.json()["items"]
            cursor = r.json()["next_cursor"]
            if cursor is None:
                return sorted(items, key=lambda s: (s["bar_ts"], s["fired_at"]))

    def runtime(self, user: User, strategy_id: str) -> dict[str, Any]:
        r = self.client.get("/api/signals/runtimes", headers=user.headers)
        assert r.status_code == 200, r.text
        found = [rt for rt in r.json()["items"] if rt["strategy_id"] == strategy_id]
        assert len(found) == 1, found
        return found[0]

    def open_risk_limits(self, user: User) -> None:
        open_risk_limits(self.dsn, user.id)

    # -- the market --

    def write_bars(self, instrument: str, timeframe: str, bars: Sequence[StoredBar], *,
                   source: bars_db.Source = "replay") -> None:
        self.loop.run_until_complete(store_bars(self.dsn, instrument, timeframe, bars, source=source))

    def started_earlier(self, seconds: float) -> None:
        """Make every runtime look as if it had been started `seconds` earlier (before it is loaded)."""
        self.sql("UPDATE strategy_runtimes SET live_after = live_after - make_interval(secs => %s)", seconds)

    def backdate_arrival(self, instrument: str, timeframe: str, seconds: float, *, from_ts: datetime) -> None:
        """Make the stored bars of the series opening at or after `from_ts` look as if they arrived
        `seconds` earlier: what a dispatcher that was down meanwhile finds when it comes back."""
        self.sql("UPDATE bars SET updated_at = updated_at - make_interval(secs => %s) "
                 "WHERE instrument = %s AND timeframe = %s AND ts >= %s", seconds, instrument, timeframe, from_ts)

    # -- dispatchers --

    def dispatcher(self, **options: Any) -> Dispatcher:
        d = Dispatcher(self.dsn, self.clock, worker_id=str(uuid.uuid4()), **options)
        self.loop.run_until_complete(d.open())
        self.dispatchers.append(d)
        return d

    def tick(self, d: Dispatcher | None = None, times: int = 1) -> None:
        d = d or (self.dispatchers[0] if self.dispatchers else self.dispatcher())
        for _ in range(times):
            self.loop.run_until_complete(d.tick())

    def sql(self, statement: str, *args: Any) -> list[tuple[Any, ...]]:
        return sql_as_owner(self.dsn, statement, *args)


async def store_bars(dsn: str, instrument: str, timeframe: str, bars: Sequence[StoredBar], *,
                     source: bars_db.Source = "replay", ring: bool = True) -> None:
    """Store bars as a feed does, in one transaction, ringing the doorbell on commit (unless `ring` is
    False: a notification lost)."""
    conn = await connect(dsn)
    try:
        async with transaction_on(conn) as cur:
            await bars_db.upsert(cur, instrument, timeframe, bars, source=source)
            if ring:
                await bars_db.notify_bar(cur, instrument, timeframe, bars[-1].ts)
    finally:
        conn.close()


def open_risk_limits(dsn: str, user_id: str) -> None:
    """Open every breaker of the user's paper pool wide (a test about the engine, not the gate). The
    users row must exist (the user has made a request)."""
    sql_as_owner(dsn, """INSERT INTO risk_limits (user_id, mode, daily_loss_limit, max_signals_per_day,
                                                  max_consecutive_losses, max_open_positions, cooldown_minutes,
                                                  no_entry_before_break_minutes)
                         VALUES (%s, 'paper', -1000000, 100000, 100000, 100000, 0, 0)""", user_id)


def write_bars(dsn: str, instrument: str, timeframe: str, bars: Sequence[StoredBar], *,
               source: bars_db.Source = "replay") -> None:
    """Store bars as a feed does (one transaction, the doorbell rung on commit)."""
    asyncio.run(store_bars(dsn, instrument, timeframe, bars, source=source))


def wait_until(condition: Callable[[], object], within: float, what: str) -> None:
    """Block until `condition()` is true (a server thread or another process makes it so)."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {within} s: {what}")
        time.sleep(0.05)
