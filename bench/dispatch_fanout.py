"""Dispatch fan-out: how long one bar takes to reach N running runtimes of one instrument and timeframe.

    python bench/dispatch_fanout.py [--dsn URL] [--counts 1,10,100,1000] [--bars 5] [--connections 8]

Data: a fresh database `ex7bench_<pid>` on the server of --dsn (default TEST_DATABASE_URL, else the
local server on 127.0.0.1), dropped at the end. One user, N strategies (the EMA crossover fixture, 1m
MNQ) started in paper mode and warmed up by a dispatcher on a day of synthetic bars.

Timed: a dispatcher runs its real loop (`Dispatcher.run`: LISTEN on the `bars` doorbell, poll as a
fallback); a writer stores the next 1m bar and rings the doorbell, and the clock stops when every
one of the N runtimes has committed that bar (its audit row, its snapshot, any signal), seen from a
separate connection. Median over --bars bars per N. Printed: the time per bar for each N, the time
per runtime, and the ratio of each to N = 1 measured in the same run (the goal: 1,000 runtimes in
under a second, and a per-runtime cost that stays flat as N grows).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import psycopg2
from api_throughput import bench_database

from db import bars as bars_db
from db.pool import connect, transaction_on
from domain.market.synthetic import bars_between
from domain.strategy.fixtures import get_fixture
from domain.strategy.format import content_hash
from ex7.clock import SystemClock
from ex7.workers.dispatcher import Dispatcher

T = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


def _churn() -> dict:  # type: ignore[type-arg]
    """The worst case for the event log: long on every bar, out after one bar, so that every runtime
    closes a signal and fires one on every bar (two events each, all on the same bar)."""
    def n(id_: str, type_: str, **params: object) -> dict:  # type: ignore[type-arg]
        return {"id": id_, "type": type_, "params": params}

    def e(a: str, ap: str, b: str, bp: str) -> dict:  # type: ignore[type-arg]
        return {"from": {"node": a, "port": ap}, "to": {"node": b, "port": bp}}

    return {"nodes": [n("price", "price", field="close"), n("zero", "constant", value=0),
                      n("above", "compare", op=">"), n("go", "enter_long"), n("out", "max_bars_in_trade", bars=1)],
            "edges": [e("price", "value", "above", "a"), e("zero", "value", "above", "b"),
                      e("above", "signal", "go", "when")], "meta": {}}


def seed(dsn: str, count: int, churn: bool = False) -> None:
    """`count` strategies of one user, each with a runtime to start."""
    graph = _churn() if churn else get_fixture("ema-crossover")["graph"]
    user = str(uuid.uuid4())
    conn = psycopg2.connect(dsn)
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("INSERT INTO users (id, email) VALUES (%s, 'bench@ex7.dev')", (user,))
            for i in range(count):
                sid = str(uuid.uuid4())
                cur.execute("""INSERT INTO strategies (id, user_id, name, instrument, timeframe, status)
                               VALUES (%s, %s, %s, 'MNQ', '1m', 'ready')""", (sid, user, f"bench {i}"))
                cur.execute("""INSERT INTO strategy_versions (strategy_id, version, user_id, graph, content_hash)
                               VALUES (%s, 1, %s, %s, %s)""", (sid, user, json.dumps(graph), content_hash(graph)))
                cur.execute("""INSERT INTO strategy_runtimes (strategy_id, user_id, mode, status, started_at,
                                   strategy_version, instrument, timeframe, live_after)
                               VALUES (%s, %s, 'paper', 'starting', now(), 1, 'MNQ', '1m', now())""", (sid, user))
    finally:
        conn.close()


async def write(dsn: str, bars: list) -> None:  # type: ignore[type-arg]
    conn = await connect(dsn)
    try:
        async with transaction_on(conn) as cur:
            await bars_db.upsert(cur, "MNQ", "1m", bars, source="replay")
            await bars_db.notify_bar(cur, "MNQ", "1m", bars[-1].ts)
    finally:
        conn.close()


async def measure(dsn: str, count: int, rounds: int, connections: int, churn: bool = False) -> list[float]:
    history = bars_between("MNQ", T - timedelta(hours=24), T, seed=3)
    live = bars_between("MNQ", T, T + timedelta(minutes=rounds), seed=3)
    await write(dsn, history)
    await asyncio.sleep(0.05)
    seed(dsn, count, churn)
    if churn:  # every signal published: the risk gate's defaults would stop a user's 1,000 runtimes
        with psycopg2.connect(dsn) as conn, conn.cursor() as cur:
            cur.execute("""INSERT INTO risk_limits (user_id, mode, daily_loss_limit, max_signals_per_day,
                               max_consecutive_losses, max_open_positions, cooldown_minutes,
                               no_entry_before_break_minutes)
                           SELECT id, 'paper', -1000000000, 100000000, 1000000, 1000000, 0, 0 FROM users""")
    dispatcher = Dispatcher(dsn, SystemClock(), worker_id=str(uuid.uuid4()), connections=connections,
                            poll_seconds=5.0)
    task = asyncio.create_task(dispatcher.run())
    watcher = await connect(dsn, role=None)
    try:
        async def committed(ts: datetime) -> int:
            async with watcher.cursor() as cur:
                await cur.execute("SELECT count(*) FROM strategy_runtimes WHERE status = 'running' "
                                  "AND last_bar_ts >= %s", (ts,))
                return int((await cur.fetchone())[0])

        deadline = time.monotonic() + 300
        while await committed(history[-1].ts) < count:  # warmed up and running
            if time.monotonic() > deadline or task.done():
                raise RuntimeError("the runtimes did not start")
            await asyncio.sleep(0.05)
        times = []
        for bar in live:
            await asyncio.sleep(0.2)  # idle, as between real bars
            started = time.perf_counter()
            await write(dsn, [bar])
            while await committed(bar.ts) < count:
                if task.done():
                    task.result()  # the dispatcher died: say why instead of waiting for ever
                    raise RuntimeError("the dispatcher stopped")
                await asyncio.sleep(0.01)
            times.append(time.perf_counter() - started)
        return times
    finally:
        watcher.close()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dsn", default=os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/"))
    parser.add_argument("--counts", default="1,10,100,1000")
    parser.add_argument("--bars", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--churn", action="store_true",
                        help="every runtime closes a signal and fires one on every bar (the event log's worst case)")
    args = parser.parse_args()
    results: dict[int, float] = {}
    for count in (int(c) for c in args.counts.split(",")):
        with bench_database(args.dsn) as dsn:
            times = asyncio.run(measure(dsn, count, args.bars, args.connections, args.churn))
        results[count] = statistics.median(times)
        print(f"{count:>6} runtimes: {results[count] * 1000:8.1f} ms per bar (median of {len(times)}), "
              f"{results[count] / count * 1000:6.2f} ms per runtime", flush=True)
    base = next(iter(results.values()))
    base_count = next(iter(results))
    print(f"\nratios to {base_count} runtime(s), same run:")
    for count, t in results.items():
        per = (t / count) / (base / base_count)
        print(f"{count:>6} runtimes: whole bar {t / base:7.1f}x   per runtime {per:5.2f}x")


if __name__ == "__main__":
    main()
