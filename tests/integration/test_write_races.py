"""A trader's writes racing the dispatcher on a live server: while the market moves a minute every tenth of
a second (each bar evaluated, signals fired and closed), several clients at once start, stop and
force-close the runtime, close its open signals, edit, archive, unarchive and promote the strategy and subscribe a
channel to it. Every answer must be a 2xx or a 4xx: a deadlock, a lost race or a broken invariant shows as a
5xx (a deadlock is a 503 `database_unavailable` saying it collided with a concurrent request)."""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections.abc import Callable

import httpx

from tests.support.db import PostgresForTests, sql_as_owner
from tests.support.live_server import readme_path
from tests.support.pipeline import open_risk_limits, wait_until
from tests.support.users import new_user

CLIENTS = 4
SECONDS = 8.0  # the writes race for at least this long...
AT_MOST = 120.0  # ...and on until the race was real (a signal fired; start, stop and force-close all took effect)


def _operations(sid: str, channel_id: str) -> list[tuple[str, Callable[[httpx.Client], httpx.Response]]]:
    def close_open_signals(c: httpx.Client) -> httpx.Response:
        page = c.get("/api/signals", params={"strategy_id": sid, "status": "open", "limit": 5})
        for signal in page.json()["items"] if page.status_code == 200 else []:
            closed = c.post(f"/api/signals/{signal['id']}/close")
            if closed.status_code >= 500:
                return closed
        return page

    def edit(c: httpx.Client) -> httpx.Response:
        current = c.get(f"/api/strategies/{sid}")
        if current.status_code != 200:
            return current
        body = current.json()
        period = 3 + (int(body["current_version"]) % 3)
        graph = {**body["graph"], "nodes": [{**n, "params": {**n["params"], "period": period}} if n["id"] == "ema"
                                            else n for n in body["graph"]["nodes"]]}
        return c.put(f"/api/strategies/{sid}", json={"graph": graph, "note": f"EMA {period}"},
                     headers={"If-Match": current.headers["etag"]})

    def subscribe(c: httpx.Client) -> httpx.Response:
        created = c.post("/api/alerts/subscriptions", json={"channel_id": channel_id, "strategy_id": sid})
        if created.status_code == 201:
            return c.delete(f"/api/alerts/subscriptions/{created.json()['id']}")
        return created

    return [
        ("start", lambda c: c.post(f"/api/signals/runtimes/{sid}/start", json={"mode": "paper"})),
        ("stop", lambda c: c.post(f"/api/signals/runtimes/{sid}/stop", json={"mode": "paper"})),
        ("force-close-all", lambda c: c.post(f"/api/signals/runtimes/{sid}/force-close-all")),
        ("close open signals", close_open_signals),
        ("edit the graph", edit),
        ("archive", lambda c: c.post(f"/api/strategies/{sid}/archive")),
        ("unarchive", lambda c: c.post(f"/api/strategies/{sid}/unarchive")),
        ("promote", lambda c: c.post(f"/api/strategies/{sid}/promote")),
        ("subscribe and unsubscribe", subscribe),
        ("portfolio", lambda c: c.get("/api/portfolio")),
        ("risk", lambda c: c.get("/api/risk")),
    ]


def test_writes_racing_the_dispatcher_never_answer_a_5xx(postgres: PostgresForTests) -> None:
    user = new_user()
    with readme_path(postgres, user, ex7_webhook_allow_networks="127.0.0.0/8", ex7_webhook_allow_http=True) as p:
        server, client, sid = p.server, p.client, p.strategy_id
        open_risk_limits(server.dsn, user.id)  # many signals, not the breakers, are what races here
        channel = client.post("/api/alerts/channels", headers=user.headers,
                              json={"type": "webhook", "destination": "http://127.0.0.1:9/unused"})
        assert channel.status_code == 201, channel.text
        # Verified by hand: nothing listens there, and a subscription needs a verified channel.
        sql_as_owner(server.dsn, "UPDATE alert_channels SET verified_at = now(), code_hash = NULL WHERE id = %s",
                     channel.json()["id"])
        operations = _operations(sid, channel.json()["id"])
        failures: list[str] = []
        statuses: dict[str, list[int]] = {name: [] for name, _ in operations}
        done = threading.Event()

        def trader(seed: int) -> None:
            pick = random.Random(seed)
            with httpx.Client(base_url=server.url, timeout=30, headers=user.headers) as c:
                while not done.is_set():
                    name, call = pick.choice(operations)
                    answer = call(c)
                    statuses[name].append(answer.status_code)
                    if answer.status_code >= 500:
                        failures.append(f"{name}: {answer.status_code} {answer.text}")

        def fired() -> int:
            return int(sql_as_owner(server.dsn, "SELECT count(*) FROM signals WHERE strategy_id = %s", sid)[0][0])

        def race_was_real() -> bool:
            return all(200 in statuses[name] for name in ("start", "stop", "force-close-all")) and fired() > 0

        with server.market_running(pause=0.1):
            threads = [threading.Thread(target=trader, args=(i,)) for i in range(CLIENTS)]
            for t in threads:
                t.start()
            try:
                time.sleep(SECONDS)
                # On a loaded machine a market minute waits for the runtime's evaluation, so a fixed few
                # seconds may pass too few bars for the strategy to fire: the race lasts until it has.
                with contextlib.suppress(AssertionError):  # the asserts below say what went wrong
                    wait_until(lambda: failures or race_was_real(), AT_MOST - SECONDS, "the race was real")
            finally:  # the traders stop whatever happened, or their threads would outlive the test
                done.set()
                for t in threads:
                    t.join(timeout=60)
        assert not failures, "\n".join(failures[:10])
        assert race_was_real(), (f"in {AT_MOST:.0f} s ({server.minutes} market minutes) the race was never real: "
                                 f"{fired()} signals fired; {({n: sorted(set(s)) for n, s in statuses.items()})}")
