"""A live EX7 as `ex7 serve` composes it, for tests that drive it from outside (the docs examples, run as
subprocesses): a real uvicorn over a database of its own, the synthetic feed, a dispatcher and the alert
worker in the process, all on one ManualClock at START, and nothing arranged for any user.

    with live_server(postgres, ex7_webhook_allow_networks="127.0.0.0/8") as server:
        server.url                      # http://127.0.0.1:<port>
        with server.market_running():   # a thread moves the market on, a minute at a time
            ...                         # runtimes started meanwhile evaluate those bars and fire

No strategy is created or started by `live_server`: what runs is what the client under test starts.
`readme_path` is the README's newcomer path on one: the demo fixture started in paper mode, running.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx

from ex7.app import create_app
from ex7.clock import ManualClock
from tests.support.db import PostgresForTests, sql_as_owner
from tests.support.http import serve
from tests.support.pipeline import START, wait_until
from tests.support.settings import make_settings
from tests.support.users import User


@dataclass
class LiveServer:
    url: str
    dsn: str
    clock: ManualClock
    minutes: int = 0  # market minutes past START
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def market_minute(self, within: float = 10) -> None:
        """Move the clock one minute on (the feed writes that minute's bar) and wait until every running
        runtime has evaluated it, so that no entry is late (a dispatcher behind the clock skips them)."""
        with self._lock:
            self.minutes += 1
            bar_ts = START + timedelta(minutes=self.minutes - 1)
            self.clock.set(START + timedelta(minutes=self.minutes, seconds=1))
            wait_until(lambda: sql_as_owner(
                self.dsn, "SELECT count(*) FROM bars WHERE timeframe = '1m' AND ts = %s", bar_ts)[0][0] > 0,
                within, f"the feed writes the bar of {bar_ts}")
            wait_until(lambda: sql_as_owner(
                self.dsn, "SELECT count(*) FROM strategy_runtimes WHERE status = 'running' "
                          "AND (last_bar_ts IS NULL OR last_bar_ts < %s)", bar_ts)[0][0] == 0,
                within, f"every running runtime evaluates the bar of {bar_ts}")

    @contextlib.contextmanager
    def market_running(self, pause: float = 0.1) -> Iterator[None]:
        """For the length of the block, a thread moves the market on a minute at a time (each minute's bar
        evaluated before the next), `pause` seconds apart."""
        stop = threading.Event()
        failures: list[BaseException] = []

        def run() -> None:
            try:
                while not stop.wait(pause):
                    self.market_minute()
            except BaseException as exc:  # reported by the block's owner, not lost in the thread
                failures.append(exc)

        thread = threading.Thread(target=run, name="market", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join(timeout=30)
        if failures:
            raise failures[0]


@contextlib.contextmanager
def live_server(postgres: PostgresForTests, *, instruments: str = "MNQ", **settings: Any) -> Iterator[LiveServer]:
    """`ex7 serve` on a fresh database: the synthetic feed (`instruments`, a day of backfill), a
    dispatcher and the alert worker in the API process, on a ManualClock at START; settings override
    make_settings' (which has no rate limits and uncapped tiers unless told otherwise)."""
    dsn = postgres.fresh_database()
    clock = ManualClock(START)
    app_settings = make_settings(**{
        "ex7_feed": "synthetic", "ex7_feed_instruments": instruments, "ex7_feed_backfill_days": 1,
        "ex7_dispatcher": True, "ex7_dispatch_poll_seconds": 0.5, "ex7_alerts": True,
        "ex7_alerts_poll_seconds": 0.2, **settings})
    count = len(instruments.split(","))
    with serve(create_app(app_settings, dsn, validate_responses=True, clock=clock)) as url:
        wait_until(lambda: sql_as_owner(dsn, "SELECT count(DISTINCT instrument) FROM bars WHERE timeframe = '1m' "
                                             "AND ts = %s", START - timedelta(minutes=1))[0][0] == count, 60,
                   "the feed's backfill")
        yield LiveServer(url, dsn, clock)


@dataclass
class ReadmePath:
    """The README's newcomer path on a live server (the synthetic feed of MNQ and a dispatcher, no alert
    worker unless asked): the `demo-1m-momentum` fixture created, promoted and started in paper mode by the
    user, its runtime running."""

    server: LiveServer
    client: httpx.Client
    strategy_id: str

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def dsn(self) -> str:
        return self.server.dsn

    @property
    def clock(self) -> ManualClock:
        return self.server.clock

    def market_minute(self, minute: int) -> None:
        """Move the clock `minute` minutes past START (the feed writes that bar) and wait until the
        runtime has evaluated it."""
        self.clock.set(START + timedelta(minutes=minute, seconds=1))
        wait_until(lambda: sql_as_owner(self.dsn, "SELECT count(*) FROM signal_audit")[0][0] >= minute, 30,
                   f"minute {minute} evaluated")


@contextlib.contextmanager
def readme_path(postgres: PostgresForTests, user: User, **settings: Any) -> Iterator[ReadmePath]:
    with live_server(postgres, **{"ex7_alerts": False, **settings}) as server, \
            httpx.Client(base_url=server.url, timeout=30) as client:
        h = user.headers
        sid = client.post("/api/strategies/from-fixture/demo-1m-momentum", headers=h).json()["id"]
        assert client.post(f"/api/strategies/{sid}/promote", headers=h).json()["status"] == "ready"
        assert client.post(f"/api/signals/runtimes/{sid}/start", headers=h).json()["status"] == "starting"
        wait_until(lambda: client.get("/api/signals/runtimes", headers=h).json()["items"][0]["status"] == "running",
                   30, "the dispatcher starts the runtime")
        yield ReadmePath(server, client, str(sid))
