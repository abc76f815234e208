# Health: is the service up, and is the signal pipeline fresh? (Python SDK)
# Waits until GET /api/health answers 200 (as a deploy script or a probe would; 503 while the database is
# unreachable), prints the database latency and each background loop, then the public pipeline health
# (dispatcher, market-data freshness per instrument) and, with a token, the state of your own runtimes.
# Needs the EX7 SDK and EX7_URL (default http://127.0.0.1:8000); EX7_TOKEN is optional here.
from __future__ import annotations

import os
import sys
import time

import httpx
from ex7_client import AuthenticatedClient, Client
from ex7_client.api.health import health_get_health
from ex7_client.api.signals import signals_get_my_signals_health, signals_get_signals_health
from ex7_client.models import Health
from ex7_sdk import ProblemError, unwrap

URL = os.environ.get("EX7_URL", "http://127.0.0.1:8000")
TOKEN = os.environ.get("EX7_TOKEN")


def wait_until_healthy(public: Client, seconds: float = 10) -> Health:
    """GET /api/health until it answers 200: a 503 (the database unreachable) or no answer yet is retried."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return unwrap(health_get_health.sync_detailed(client=public))
        except (ProblemError, httpx.TransportError) as exc:
            if time.monotonic() > deadline or (isinstance(exc, ProblemError) and exc.status != 503):
                raise
            time.sleep((exc.retry_after if isinstance(exc, ProblemError) else None) or 1)


def main(public: Client) -> None:
    print("== 1. Liveness: retry for up to 10 s until the service and its database answer")
    health = wait_until_healthy(public)
    print(f"  {health.status}: version {health.version}, up {health.uptime_seconds} s, database reachable="
          f"{health.database.reachable} ({health.database.latency_ms} ms), server time {health.time}")
    for loop in health.loops:
        print(f"  loop {loop.name}: {loop.status}, restarts {loop.restarts}"
              + (f", last error {loop.last_error}" if loop.last_error else ""))
    # "degraded" (still 200) means a crashed loop is waiting to be restarted.

    print("== 2. The signal pipeline (public): dispatcher, market-data freshness, runtimes by status")
    pipeline = unwrap(signals_get_signals_health.sync_detailed(client=public))
    runtimes = ", ".join(f"{n} {status}" for status, n in pipeline.runtimes.to_dict().items()) or "none"
    print(f"  dispatcher: {pipeline.dispatcher}, runtimes: {runtimes}")
    for symbol, feed in pipeline.market_data.additional_properties.items():
        print(f"  {symbol}: {feed.status}, last bar {feed.last_bar_ts}, lag {feed.lag_seconds} s")

    if TOKEN:
        print("== 3. Your runtimes (with your token)")
        with AuthenticatedClient(base_url=URL, token=TOKEN) as client:
            mine = unwrap(signals_get_my_signals_health.sync_detailed(client=client)).items
        for r in mine:
            print(f"  {r.strategy_name} {r.mode}: {r.status}, last bar {r.last_bar_ts}, "
                  f"heartbeat {r.last_heartbeat_at}")
        if not mine:
            print("  none started")


if __name__ == "__main__":
    with Client(base_url=URL) as public:
        try:
            main(public)
        except ProblemError as exc:
            sys.exit(f"API error: {exc}")
