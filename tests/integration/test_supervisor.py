"""The supervisor of background loops: restarts with backoff, heartbeat rows, health, graceful stop."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Iterator
from typing import Any

import httpx
import psycopg2
import pytest

from ex7.app import create_app
from ex7.workers.feeds.synthetic import SyntheticFeed
from ex7.workers.supervisor import Supervisor
from tests.support.db import PostgresForTests, sql_as_owner
from tests.support.http import serve
from tests.support.settings import make_settings


def _workers(dsn: str) -> list[tuple[Any, ...]]:
    return sql_as_owner(dsn, "SELECT id::text, kind, pid, loops FROM workers ORDER BY started_at")


@pytest.fixture
def fresh_dsn(postgres: PostgresForTests) -> str:
    return postgres.fresh_database()


def test_a_crashing_loop_is_restarted_with_backoff_and_its_state_is_kept(fresh_dsn: str) -> None:
    calls: list[float] = []
    fourth_start = asyncio.Event()

    async def flaky() -> None:
        calls.append(time.monotonic())
        if len(calls) <= 3:
            raise RuntimeError(f"crash {len(calls)}")
        fourth_start.set()
        await asyncio.sleep(3600)

    async def scenario() -> None:
        supervisor = Supervisor(fresh_dsn, backoff=0.05, heartbeat_seconds=0.05)
        supervisor.add("flaky", flaky)
        await supervisor.start()
        await asyncio.wait_for(fourth_start.wait(), 20)
        await asyncio.sleep(0.2)  # a heartbeat or two after the fourth start
        (state,) = supervisor.states()
        assert (state.status, state.restarts, state.last_error) == ("running", 3, "RuntimeError: crash 3")
        assert not supervisor.degraded
        # The backoff doubles: 0.05, 0.1, 0.2 s between the starts.
        gaps = [b - a for a, b in itertools.pairwise(calls)]
        assert gaps[0] >= 0.05 and gaps[1] >= 0.1 and gaps[2] >= 0.2, gaps
        (row,) = _workers(fresh_dsn)
        assert row[0] == supervisor.worker_id and row[1] == "api"
        assert row[3] == [state.as_dict()]
        await supervisor.stop(within=5)
        assert state.status == "stopped"
        assert _workers(fresh_dsn) == []

    asyncio.run(scenario())


def test_stop_does_not_wait_past_its_timeout_for_a_slow_loop(fresh_dsn: str) -> None:
    async def slow_to_stop() -> None:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            await asyncio.sleep(2)  # a cleanup that takes longer than the shutdown allows
            raise

    async def scenario() -> float:
        supervisor = Supervisor(fresh_dsn)
        supervisor.add("slow", slow_to_stop)
        await supervisor.start()
        await asyncio.sleep(0.05)
        started = time.monotonic()
        await supervisor.stop(within=0.3)
        return time.monotonic() - started

    assert asyncio.run(scenario()) < 1.5


def test_stalled_rows_of_dead_processes_are_pruned_when_a_process_registers(fresh_dsn: str) -> None:
    conn = psycopg2.connect(fresh_dsn)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("""INSERT INTO workers (id, kind, hostname, pid, heartbeat_at) VALUES
                       ('00000000-0000-4000-8000-000000000001', 'worker', 'gone', 1, now() - interval '1 hour'),
                       ('00000000-0000-4000-8000-000000000002', 'worker', 'alive', 2, now())""")
    conn.close()

    async def scenario() -> None:
        supervisor = Supervisor(fresh_dsn, heartbeat_seconds=0.05)
        supervisor.add("idle", lambda: asyncio.sleep(3600))
        await supervisor.start()
        await asyncio.sleep(0.3)
        ids = {row[0] for row in _workers(fresh_dsn)}
        assert ids == {"00000000-0000-4000-8000-000000000002", supervisor.worker_id}
        await supervisor.stop()

    asyncio.run(scenario())


@pytest.fixture
def crashing_feed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The synthetic feed crashes on its first three starts, then runs quietly."""
    starts: list[int] = []

    async def run(self: SyntheticFeed) -> None:
        starts.append(1)
        if len(starts) <= 3:
            raise ConnectionResetError("the feed's upstream went away")
        await asyncio.sleep(3600)

    monkeypatch.setattr(SyntheticFeed, "run", run)
    yield starts


def test_health_shows_a_crashed_loop_as_degraded_until_it_runs_again(fresh_dsn: str, crashing_feed: list[int]) -> None:
    settings = make_settings(ex7_feed="synthetic", ex7_restart_backoff_seconds=0.5)
    with serve(create_app(settings, fresh_dsn, validate_responses=True)) as url:
        seen: list[tuple[str, str, int]] = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            body = httpx.get(f"{url}/api/health", timeout=10).json()
            (loop,) = body["loops"]
            seen.append((body["status"], loop["status"], loop["restarts"]))
            if loop["restarts"] == 3 and loop["status"] == "running":
                break
            time.sleep(0.05)
        assert ("degraded", "backoff", 1) in seen, seen
        assert seen[-1] == ("ok", "running", 3), seen
        assert body["loops"][0]["name"] == "feed-synthetic"
        assert body["loops"][0]["last_error"] == "ConnectionResetError: the feed's upstream went away"
        assert len(_workers(fresh_dsn)) == 1
    assert _workers(fresh_dsn) == []  # a graceful shutdown leaves no row behind


def test_health_of_a_process_without_loops_lists_none(dsn: str) -> None:
    # A server of its own: the shared one has a stream hub running once any test has opened a stream.
    with serve(create_app(make_settings(), dsn)) as url:
        body = httpx.get(f"{url}/api/health", timeout=10).json()
    assert body["status"] == "ok" and body["loops"] == []
