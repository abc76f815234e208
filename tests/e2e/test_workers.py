"""Two real `ex7 worker` processes against one database; the one running the runtimes is killed with
SIGKILL in the middle of a replay. The other takes the runtimes over within a lease, every bar is
audited exactly once, and the paper signals are the backtest's trades: nothing lost, nothing doubled."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from domain.engine import compile_graph, run_backtest
from domain.market.synthetic import bars_between
from domain.strategy.fixtures import get_fixture
from ex7.app import create_app
from services.dispatch import engine_bar
from tests.support.cli import EX7, cli_env
from tests.support.db import PostgresForTests, sql_as_owner
from tests.support.http import serve
from tests.support.pipeline import open_risk_limits, wait_until, write_bars
from tests.support.settings import make_settings
from tests.support.users import TEST_SECRET, new_user

LEASE = 3.0
T = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


@pytest.mark.slow
def test_a_killed_worker_loses_its_runtimes_to_another_and_nothing_is_lost_or_doubled(
        postgres: PostgresForTests) -> None:
    dsn = postgres.fresh_database()
    user = new_user()
    graph = get_fixture("ema-crossover")["graph"]
    bars = bars_between("MNQ", T, T + timedelta(hours=6), seed=5)
    env = cli_env(DATABASE_URL=dsn, SUPABASE_JWT_SECRET=TEST_SECRET, EX7_LEASE_SECONDS=str(LEASE),
                  EX7_DISPATCH_POLL_SECONDS="0.2", LOG_LEVEL="WARNING")
    workers = [subprocess.Popen([*EX7, "worker"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
               for _ in range(2)]
    try:
        with serve(create_app(make_settings(), dsn, validate_responses=True)) as url, \
                httpx.Client(base_url=url, timeout=30) as client:
            sids = []
            for _ in range(3):
                r = client.post("/api/strategies", headers=user.headers, json={
                    "name": f"w-{uuid.uuid4().hex[:8]}", "instrument": "MNQ", "timeframe": "1m", "graph": graph})
                sid = r.json()["id"]
                assert client.post(f"/api/strategies/{sid}/promote", headers=user.headers).status_code == 200
                assert client.post(f"/api/signals/runtimes/{sid}/start", headers=user.headers).status_code == 200
                sids.append(sid)
            open_risk_limits(dsn, user.id)  # every engine trade published: the gate is tested elsewhere

            def running() -> bool:
                rows = sql_as_owner(dsn, "SELECT count(*) FROM strategy_runtimes WHERE status = 'running'")
                return rows[0][0] == 3

            wait_until(running, 30, "the workers start the runtimes")
            third = len(bars) // 3
            for i in range(0, third, 20):
                write_bars(dsn, "MNQ", "1m", bars[i:i + 20])
                time.sleep(0.05)
            owners = {row[0] for row in sql_as_owner(dsn, "SELECT lease_owner FROM strategy_runtimes")}
            pids = {str(wid): pid for wid, pid in sql_as_owner(dsn, "SELECT id, pid FROM workers")}
            victim = next(p for p in workers if str(p.pid) in {str(pids.get(str(o))) for o in owners})
            os.kill(victim.pid, signal.SIGKILL)
            victim.wait(timeout=10)
            killed_at = sql_as_owner(dsn, "SELECT now()")[0][0]
            survivor = next(p for p in workers if p is not victim)
            for i in range(third, len(bars), 20):
                write_bars(dsn, "MNQ", "1m", bars[i:i + 20])
                time.sleep(0.05)

            last = bars[-1].ts

            def caught_up() -> bool:
                rows = sql_as_owner(dsn, "SELECT count(*) FROM strategy_runtimes WHERE last_bar_ts = %s", last)
                return rows[0][0] == 3

            wait_until(caught_up, 60, "the survivor processes every bar")
            assert survivor.poll() is None
            [(new_owner_pid,)] = sql_as_owner(dsn, """SELECT DISTINCT w.pid FROM strategy_runtimes r
                                                      JOIN workers w ON w.id = r.lease_owner""")
            assert new_owner_pid == survivor.pid
            # Taken over within one lease of the kill (plus a poll and the first bar's transaction).
            [(first_after,)] = sql_as_owner(
                dsn, "SELECT min(created_at) FROM signal_audit WHERE created_at > %s", killed_at)
            assert (first_after - killed_at).total_seconds() < LEASE + 2.0

            audit = sql_as_owner(dsn, """SELECT runtime_id, count(*), count(DISTINCT bar_ts) FROM signal_audit
                                         GROUP BY runtime_id""")
            assert len(audit) == 3 and all(n == len(bars) and d == len(bars) for _r, n, d in audit)

            trades = [t for t in run_backtest(compile_graph(graph, "MNQ", "1m"), "MNQ",
                                              [engine_bar(b) for b in bars], "1m").trades
                      if t.reason != "end_of_data"]
            assert trades
            for sid in sids:
                closed = sql_as_owner(dsn, """SELECT bar_ts, exit_bar_ts, close_reason, net_pnl FROM signals
                                              WHERE strategy_id = %s AND status = 'closed' ORDER BY bar_ts""", sid)
                assert [(e, x, r, n) for e, x, r, n in closed] == [
                    (t.entry_ts, t.exit_ts, t.reason, t.net) for t in trades]
    finally:
        for p in workers:
            if p.poll() is None:
                p.send_signal(signal.SIGINT)
        for p in workers:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
