"""Alert outbox throughput: how fast one alert worker turns committed events into signed webhook
deliveries, against a bare sender doing the same sends with no outbox.

    python bench/alert_outbox.py [--dsn URL] [--events 1000] [--concurrency 16] [--rounds 3]

Data: a fresh database `ex7bench_<pid>` on the server of --dsn (default TEST_DATABASE_URL, else the
local server on 127.0.0.1), dropped at the end; one user, one strategy, one verified webhook channel
subscribed to it, and --events `signal` events written as the dispatcher writes them.

Ours: an AlertWorker (ex7/workers/alerts.py) running rounds until every delivery is delivered: the
relay writing the deliveries, the claims (`FOR UPDATE SKIP LOCKED`), the sends, each attempt recorded
in a transaction of its own. The baseline, measured in the same run: the same WebhookTransport sending
the same number of signed requests with the same concurrency, and no database. Both send to the same
local receiver (an aiohttp server in a thread). Printed: deliveries per second of each (median of
--rounds), their ratio, and what the outbox adds per delivery in milliseconds.
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
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import psycopg2
from api_throughput import bench_database

from db.pool import WORKER_ROLE, Database
from domain.alerts.addresses import parse_allow_list
from ex7.clock import SystemClock
from ex7.workers.alerts import AlertWorker
from services.alert_transports import Transports, WebhookTransport
from services.alerts_config import AlertsConfig
from tests.support.alert_fakes import webhook_receiver

SECRET = "whsec_" + "YmVuY2gtc2VjcmV0LWJlbmNoLXNlY3JldA=="
ALLOW = parse_allow_list("127.0.0.0/8")


def seed(dsn: str, url: str, events: int) -> None:
    user, strategy, channel = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    conn = psycopg2.connect(dsn)
    try:
        with conn, conn.cursor() as cur:
            cur.execute("INSERT INTO users (id, email) VALUES (%s, %s)", (user, f"{user}@bench.ex7.dev"))
            cur.execute("INSERT INTO strategies (id, user_id, name, instrument, timeframe) "
                        "VALUES (%s, %s, 'bench', 'MNQ', '1m')", (strategy, user))
            cur.execute("INSERT INTO alert_channels (id, user_id, type, destination, secret, verified_at) "
                        "VALUES (%s, %s, 'webhook', %s, %s, now())", (channel, user, url, SECRET))
            cur.execute("INSERT INTO alert_subscriptions (id, user_id, strategy_id, channel_id, events) "
                        "VALUES (%s, %s, %s, %s, '{signal}')", (str(uuid.uuid4()), user, strategy, channel))
            payload = json.dumps({"id": str(uuid.uuid4()), "strategy_id": strategy, "instrument": "MNQ",
                                  "side": "long", "entry_price": "21450.25", "size": 1, "mode": "paper",
                                  "timeframe": "1m", "status": "open", "fired_at": "2026-11-24T15:01:00Z"})
            cur.execute("INSERT INTO events (user_id, kind, strategy_id, payload) "
                        "SELECT %s, 'signal', %s, %s FROM generate_series(1, %s)", (user, strategy, payload, events))
    finally:
        conn.close()


def reset(dsn: str) -> None:
    conn = psycopg2.connect(dsn)
    try:
        with conn, conn.cursor() as cur:
            cur.execute("TRUNCATE alert_attempts, alert_deliveries")
            cur.execute("UPDATE alert_relay SET last_event_id = (SELECT min(id) - 1 FROM events)")
    finally:
        conn.close()


async def ours(dsn: str, events: int, concurrency: int) -> float:
    config = AlertsConfig("http://bench.ex7.dev", b"bench", webhook_allow=ALLOW, webhook_allow_http=True)
    worker = AlertWorker(dsn, SystemClock(), "bench", config, lambda: Transports(WebhookTransport(ALLOW)),
                         concurrency=concurrency)
    db = Database(dsn, minsize=0, maxsize=2, role=WORKER_ROLE)
    transports = worker.transports()
    try:
        started = time.perf_counter()
        delivered = 0
        while delivered < events:
            await worker.round(db, transports)
            async with db.transaction() as cur:
                await cur.execute("SELECT count(*) FROM alert_deliveries WHERE status = 'delivered'")
                delivered = (await cur.fetchone())[0]
        return events / (time.perf_counter() - started)
    finally:
        await transports.close()
        await db.close()


async def baseline(url: str, events: int, concurrency: int) -> float:
    transport = WebhookTransport(ALLOW)
    slots = asyncio.Semaphore(concurrency)
    body = json.dumps({"type": "signal.fired", "data": {"instrument": "MNQ"}}).encode()

    async def one() -> None:
        async with slots:
            outcome = await transport.send(url, SECRET, str(uuid.uuid4()), datetime.now(UTC), body)
            assert outcome.ok, outcome

    try:
        started = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(events)))
        return events / (time.perf_counter() - started)
    finally:
        await transport.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dsn", default=os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with webhook_receiver(SECRET) as receiver, bench_database(args.dsn) as dsn:
        seed(dsn, receiver.url, args.events)
        mine, bare = [], []
        for round_ in range(1, args.rounds + 1):
            reset(dsn)
            mine.append(asyncio.run(ours(dsn, args.events, args.concurrency)))
            bare.append(asyncio.run(baseline(receiver.url, args.events, args.concurrency)))
            print(f"round {round_}: outbox {mine[-1]:,.0f}/s, bare sender {bare[-1]:,.0f}/s", flush=True)
        assert all(r.verified for r in receiver.received), "a delivery's signature did not verify"
    m, b = statistics.median(mine), statistics.median(bare)
    print(f"\n{args.events} deliveries, concurrency {args.concurrency}, medians of {args.rounds}:")
    print(f"  outbox (relay, claim, send, record): {m:,.0f} deliveries/s")
    print(f"  bare sender (same transport, no db): {b:,.0f} requests/s")
    print(f"  ratio outbox/bare: {m / b:.2f}x; the outbox adds {1000 / m - 1000 / b:.2f} ms per delivery")


if __name__ == "__main__":
    main()
