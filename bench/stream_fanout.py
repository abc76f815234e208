"""Stream fan-out: how long a committed signal takes to reach every one of N stream clients of one API
process, and what a connected client costs the server in memory.

    python bench/stream_fanout.py [--dsn URL] [--counts 1,100,1000] [--signals 20]

Data: a fresh database `ex7bench_<pid>` on the server of --dsn (default TEST_DATABASE_URL, else the
local server on 127.0.0.1), dropped at the end; one user with one strategy and runtime.

Processes: the API is a real `ex7 serve` (no feed, no dispatcher, the per-user stream cap raised) in
a process of its own; this process is the client side: N plain HTTP/1.1 connections on loopback, each
reading `GET /api/signals/stream` as it arrives (asyncio streams, no SSE library in the way), and the
publisher, which commits a signal and its event as the dispatcher does (db.events, as ex7_worker).

Timed: from the publisher's COMMIT returning to the frame carrying that event id arriving at a
client, for every client and every signal (--signals of them, 0.3 s apart). Printed per N: p50, p99
and max, each also as a ratio to the p50 of N = 1 measured in the same run (the baseline: the same
path with one client), and the server's resident memory per connected client (VmRSS with N clients
minus VmRSS with one, over N - 1). The goal: p99 under 250 ms for 1,000 clients.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx
import psycopg2
from api_throughput import bench_database

from db import events as events_db
from db.pool import WORKER_ROLE, connect, transaction_on
from ex7 import tokens

SECRET = "bench-secret-" + "x" * 40
_ID = re.compile(rb"\nid: (\d+)\n")


def seed(dsn: str) -> tuple[str, str, str]:
    """(user id, strategy id, runtime id)."""
    email = "bench-stream@ex7.dev"
    user, strategy = tokens.user_id_for(email), str(uuid.uuid4())
    conn = psycopg2.connect(dsn)
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("INSERT INTO users (id, email) VALUES (%s, %s)", (user, email))
            cur.execute("""INSERT INTO strategies (id, user_id, name, instrument, timeframe, status)
                           VALUES (%s, %s, 'bench', 'MNQ', '1m', 'ready')""", (strategy, user))
            cur.execute("""INSERT INTO strategy_versions (strategy_id, version, user_id, graph, content_hash)
                           VALUES (%s, 1, %s, '{}', %s)""", (strategy, user, '0' * 64))
            cur.execute("""INSERT INTO strategy_runtimes (strategy_id, user_id, mode, status, started_at,
                               strategy_version, instrument, timeframe)
                           VALUES (%s, %s, 'paper', 'running', now(), 1, 'MNQ', '1m') RETURNING id""",
                        (strategy, user))
            runtime = str(cur.fetchone()[0])
    finally:
        conn.close()
    return user, strategy, runtime


class Client:
    """One stream connection: the monotonic time each event id arrived."""

    def __init__(self) -> None:
        self.arrived: dict[int, float] = {}
        self.ready = asyncio.Event()
        self.task: asyncio.Task[None] | None = None

    async def run(self, port: int, token: str) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(f"GET /api/signals/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                         "Accept: text/event-stream\r\n\r\n".encode())
            await writer.drain()
            tail = b""
            while True:
                chunk = await reader.read(65536)
                if not chunk:
                    return
                now = time.monotonic()
                data = tail + chunk
                if not self.ready.is_set() and b"event: compliance" in data:
                    self.ready.set()
                for match in _ID.finditer(data):
                    self.arrived.setdefault(int(match.group(1)), now)
                tail = data[-64:]
        finally:
            writer.close()


async def publish(dsn: str, user: str, strategy: str, runtime: str, n: int) -> tuple[int, float]:
    """Commit one signal (closing the previous) and its event; (event id, monotonic time of the commit)."""
    conn = await connect(dsn, role=WORKER_ROLE)
    try:
        async with transaction_on(conn) as cur:
            await cur.execute("UPDATE signals SET status = 'cancelled', closed_at = now(), close_reason = 'user', "
                              "close_price = entry_price WHERE runtime_id = %s AND status = 'open'", (runtime,))
            now = datetime.now(UTC)
            await cur.execute(
                """INSERT INTO signals (user_id, strategy_id, strategy_version, runtime_id, mode, instrument, timeframe,
                                        side, entry_price, size, bar_ts, entry_market_at, fired_at)
                   VALUES (%s, %s, 1, %s, 'paper', 'MNQ', '1m', 'long', %s, 1, %s, %s, %s) RETURNING id""",
                (user, strategy, runtime, 21000 + n, now, now, now))
            signal_id = str((await cur.fetchone())[0])
            event_id = await events_db.append(cur, user_id=user, kind="signal", payload={}, strategy_id=strategy,
                                              signal_id=signal_id, runtime_id=runtime)
        return event_id, time.monotonic()
    finally:
        conn.close()


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def measure(dsn: str, port: int, pid: int, token: str, ids: tuple[str, str, str], count: int,
                  signals: int, rss_one: list[int]) -> tuple[list[float], float]:
    clients = [Client() for _ in range(count)]
    for c in clients:
        c.task = asyncio.create_task(c.run(port, token))
    try:
        await asyncio.wait_for(asyncio.gather(*(c.ready.wait() for c in clients)), 120)
        await asyncio.sleep(1.0)
        rss = rss_kib(pid)
        if count == 1:
            rss_one.append(rss)
        latencies: list[float] = []
        for n in range(signals):
            await asyncio.sleep(0.3)
            event_id, committed = await publish(dsn, *ids, n)
            deadline = time.monotonic() + 30
            while any(event_id not in c.arrived for c in clients):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"event {event_id} did not reach every client within 30 s")
                await asyncio.sleep(0.005)
            latencies += [c.arrived[event_id] - committed for c in clients]
        per_client = (rss - rss_one[0]) / (count - 1) if count > 1 and rss_one else 0.0
        return latencies, per_client
    finally:
        for c in clients:
            if c.task is not None:
                c.task.cancel()
        with contextlib.suppress(Exception):
            await asyncio.gather(*(c.task for c in clients if c.task is not None), return_exceptions=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dsn", default=os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/"))
    parser.add_argument("--counts", default="1,100,1000")
    parser.add_argument("--signals", type=int, default=20)
    args = parser.parse_args()
    counts = [int(c) for c in args.counts.split(",")]
    if counts[0] != 1:
        counts.insert(0, 1)  # the baseline
    with bench_database(args.dsn) as dsn:
        ids = seed(dsn)
        token = tokens.mint(SECRET, email="bench-stream@ex7.dev", ttl=3600)
        port = 18000 + os.getpid() % 1000
        env = {**os.environ, "DATABASE_URL": dsn, "SUPABASE_JWT_SECRET": SECRET, "EX7_FEED": "none",
               "EX7_DISPATCHER": "false", "EX7_STREAM_MAX_PER_USER": str(max(counts) + 10), "LOG_LEVEL": "WARNING",
               "EX7_RATE_LIMIT_PUBLIC": "off", "EX7_RATE_LIMIT_WRITES": "off"}
        server = subprocess.Popen([sys.executable, "-m", "ex7.cli", "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while True:
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                        break
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("ex7 serve did not start")
                time.sleep(0.2)
            rss_one: list[int] = []
            results = {}
            for count in counts:
                latencies, per_client = asyncio.run(
                    measure(dsn, port, server.pid, token, ids, count, args.signals, rss_one))
                results[count] = (latencies, per_client)
                print(f"N={count:>5}: measured {len(latencies)} deliveries", flush=True)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(30)
    base = statistics.median(results[1][0])
    print(f"\nbaseline (N=1) p50 {base * 1000:.1f} ms\n")
    print(f"{'clients':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'p50/base':>9} {'p99/base':>9} "
          f"{'max/base':>9} {'KiB/client':>11}")
    for count, (latencies, per_client) in results.items():
        p50, p99, top = statistics.median(latencies), percentile(latencies, 0.99), max(latencies)
        print(f"{count:>8} {p50 * 1000:>8.1f} {p99 * 1000:>8.1f} {top * 1000:>8.1f} {p50 / base:>9.1f} "
              f"{p99 / base:>9.1f} {top / base:>9.1f} {per_client:>11.1f}")


if __name__ == "__main__":
    main()
