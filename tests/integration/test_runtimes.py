"""Runtimes through the API, gate by gate in the reference's order (no dispatcher runs on this server:
what a worker does is tests/integration/test_pipeline.py's)."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import httpx
import psycopg2

from tests.support.db import sql_as_owner
from tests.support.graphs import stop, threshold_graph
from tests.support.pipeline import wait_until
from tests.support.problems import assert_problem
from tests.support.users import User


def _strategy(client: httpx.Client, user: User, *, ready: bool = True) -> str:
    r = client.post("/api/strategies", headers=user.headers, json={
        "name": f"rt-{uuid.uuid4().hex[:8]}", "instrument": "MNQ", "timeframe": "1m",
        "graph": threshold_graph(long_above=21000.0, risk=[stop(40)])})
    assert r.status_code == 201, r.text
    sid: str = r.json()["id"]
    if ready:
        assert client.post(f"/api/strategies/{sid}/promote", headers=user.headers).status_code == 200
    return sid


def _start(client: httpx.Client, user: User, sid: str, body: dict[str, Any] | None = None) -> httpx.Response:
    return client.post(f"/api/signals/runtimes/{sid}/start", headers=user.headers, json=body)


def test_start_gates_in_the_reference_order(client: httpx.Client, user: User, other_user: User, dsn: str) -> None:
    assert_problem(_start(client, user, str(uuid.uuid4())), 404, "strategy_not_found")
    mine = _strategy(client, user)
    # Someone else's strategy is a 403, even in live mode and even when it is a draft.
    theirs_draft = _strategy(client, other_user, ready=False)
    assert_problem(_start(client, user, theirs_draft, {"mode": "live"}), 403, "forbidden")
    # Mine but a draft: 409 before the live check.
    draft = _strategy(client, user, ready=False)
    conflict = assert_problem(_start(client, user, draft, {"mode": "live"}), 409, "strategy_not_startable")
    assert conflict["allowed"] == ["ready", "live", "paused"]
    assert_problem(_start(client, user, mine, {"mode": "live"}), 403, "live_mode_disabled_v1")
    started = _start(client, user, mine)
    assert started.status_code == 200, started.text
    body = started.json()
    assert (body["status"], body["mode"], body["strategy_version"], body["restart_required"]) == (
        "starting", "paper", 1, False)
    assert body["strategy_id"] == mine and body["position"] is None and body["started_at"]
    again = _start(client, user, mine, {"mode": "paper"})
    assert again.status_code == 200 and again.json()["id"] == body["id"] and again.json()["status"] == "starting"
    sql_as_owner(dsn, "UPDATE strategy_runtimes SET status = 'running' WHERE id = %s", body["id"])
    active = assert_problem(_start(client, user, mine), 409, "runtime_already_active")
    assert active["current"]["status"] == "running" and active["current"]["id"] == body["id"]
    # A deleted strategy is a 404 again.
    sql_as_owner(dsn, "UPDATE strategies SET deleted_at = now() WHERE id = %s", mine)
    assert_problem(_start(client, user, mine), 404, "strategy_not_found")


def test_bad_input_to_start_is_a_4xx(client: httpx.Client, user: User) -> None:
    sid = _strategy(client, user)
    assert_problem(_start(client, user, sid, {"mode": "demo"}), 422)
    assert_problem(_start(client, user, sid, {"mode": "paper", "extra": 1}), 422)
    assert_problem(client.post("/api/signals/runtimes/not-a-uuid/start", headers=user.headers), 422)
    assert_problem(client.post(f"/api/signals/runtimes/{sid}/start"), 401, "invalid_token")


def test_stop_drains_only_a_running_runtime(client: httpx.Client, user: User, other_user: User, dsn: str) -> None:
    sid = _strategy(client, user)
    assert_problem(client.post(f"/api/signals/runtimes/{sid}/stop", headers=user.headers), 404, "runtime_not_found")
    runtime = _start(client, user, sid).json()
    stopped = client.post(f"/api/signals/runtimes/{sid}/stop", headers=user.headers)
    assert stopped.status_code == 200 and stopped.json()["status"] == "starting"  # unchanged
    for status in ("error", "stopped", "paused", "draining"):
        sql_as_owner(dsn, "UPDATE strategy_runtimes SET status = %s WHERE id = %s", status, runtime["id"])
        r = client.post(f"/api/signals/runtimes/{sid}/stop", headers=user.headers, json={"mode": "paper"})
        assert r.status_code == 200 and r.json()["status"] == status
    sql_as_owner(dsn, "UPDATE strategy_runtimes SET status = 'running' WHERE id = %s", runtime["id"])
    r = client.post(f"/api/signals/runtimes/{sid}/stop", headers=user.headers)
    assert r.status_code == 200 and r.json()["status"] == "draining"
    # Another user's strategy: no runtime of theirs to stop, a 404 (the strategy is not looked up).
    assert_problem(client.post(f"/api/signals/runtimes/{sid}/stop", headers=other_user.headers), 404)
    assert_problem(client.post(f"/api/signals/runtimes/{sid}/stop", headers=user.headers, json={"mode": "live"}),
                   404, "runtime_not_found")


def test_lists_are_the_callers_most_recently_started_first(client: httpx.Client, user: User, other_user: User,
                                                           dsn: str) -> None:
    first, second, never = (_strategy(client, user) for _ in range(3))
    a = _start(client, user, first).json()
    b = _start(client, user, second).json()
    c = _start(client, user, never).json()
    sql_as_owner(dsn, "UPDATE strategy_runtimes SET started_at = now() - interval '1 hour' WHERE id = %s", a["id"])
    sql_as_owner(dsn, "UPDATE strategy_runtimes SET started_at = NULL WHERE id = %s", c["id"])
    _start(client, other_user, _strategy(client, other_user))
    for path in ("/api/signals/runtimes", "/api/signals/health/me"):
        r = client.get(path, headers=user.headers)
        assert r.status_code == 200
        assert [rt["id"] for rt in r.json()["items"]] == [b["id"], a["id"], c["id"]]


def test_a_newer_version_says_restart_required(client: httpx.Client, user: User) -> None:
    sid = _strategy(client, user)
    _start(client, user, sid)
    r = client.put(f"/api/strategies/{sid}", headers=user.headers,
                   json={"graph": threshold_graph(long_above=22000.0, risk=[stop(40)])})
    assert r.status_code == 200
    [runtime] = [rt for rt in client.get("/api/signals/runtimes", headers=user.headers).json()["items"]
                 if rt["strategy_id"] == sid]
    assert runtime["restart_required"] is True and runtime["strategy_version"] == 1


def test_force_close_all_gates_like_start(client: httpx.Client, user: User, other_user: User) -> None:
    assert_problem(client.post(f"/api/signals/runtimes/{uuid.uuid4()}/force-close-all", headers=user.headers),
                   404, "strategy_not_found")
    theirs = _strategy(client, other_user)
    assert_problem(client.post(f"/api/signals/runtimes/{theirs}/force-close-all", headers=user.headers),
                   403, "forbidden")
    mine = _strategy(client, user)
    r = client.post(f"/api/signals/runtimes/{mine}/force-close-all", headers=user.headers)
    assert r.status_code == 200 and r.json() == {"strategy_id": mine, "closed": 0}


def test_deleting_a_strategy_is_refused_while_its_runtime_is_active(client: httpx.Client, user: User,
                                                                    dsn: str) -> None:
    sid = _strategy(client, user)
    runtime = _start(client, user, sid).json()
    for status in ("starting", "running", "draining"):
        sql_as_owner(dsn, "UPDATE strategy_runtimes SET status = %s WHERE id = %s", status, runtime["id"])
        assert_problem(client.delete(f"/api/strategies/{sid}", headers=user.headers), 409, "runtime_active")
    sql_as_owner(dsn, "UPDATE strategy_runtimes SET status = 'stopped' WHERE id = %s", runtime["id"])
    assert client.delete(f"/api/strategies/{sid}", headers=user.headers).status_code == 204


def test_signals_health_is_public_and_counts_every_users_runtimes(client: httpx.Client, user: User,
                                                                  other_user: User) -> None:
    before = client.get("/api/signals/health").json()["runtimes"]
    _start(client, user, _strategy(client, user))
    _start(client, other_user, _strategy(client, other_user))
    r = client.get("/api/signals/health")
    assert r.status_code == 200
    body = r.json()
    assert body["runtimes"].get("starting", 0) == before.get("starting", 0) + 2
    assert body["dispatcher"] == "stale"  # no dispatcher runs against this database
    assert set(body["market_data"]) == {"MNQ", "MES", "NQ", "ES"}
    assert user.id not in r.text and other_user.id not in r.text


def _start_while_the_runtime_is_locked(base_url: str, client: httpx.Client, user: User, dsn: str,
                                       then: str) -> httpx.Response:
    """A start of a running runtime, sent while another transaction (as the dispatcher's does) holds its row
    FOR UPDATE; once the start waits for that row, the other transaction runs `then` on the strategy row
    (%s: its id) and commits. The start's answer."""
    sid = _strategy(client, user)
    runtime = _start(client, user, sid).json()
    sql_as_owner(dsn, "UPDATE strategy_runtimes SET status = 'running' WHERE id = %s", runtime["id"])
    dispatcher = psycopg2.connect(dsn)
    answers: list[httpx.Response] = []

    def start_runtime() -> None:
        with httpx.Client(base_url=base_url, timeout=30) as other:
            answers.append(_start(other, user, sid))

    try:
        with dispatcher.cursor() as cur:
            cur.execute("SELECT 1 FROM strategy_runtimes WHERE id = %s FOR UPDATE", (runtime["id"],))
            start = threading.Thread(target=start_runtime)
            start.start()
            wait_until(lambda: sql_as_owner(
                dsn, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                     "AND query LIKE 'INSERT INTO strategy_runtimes%%'")[0][0] == 1,
                10, "the start waits for the runtime row")
            cur.execute("SET LOCAL lock_timeout = '5s'")
            cur.execute(then, (sid,))
        dispatcher.commit()
        start.join(timeout=30)
    finally:
        dispatcher.close()
    return answers[0]


def test_a_start_waiting_on_the_dispatchers_lock_does_not_deadlock_its_signal(
        base_url: str, client: httpx.Client, user: User, dsn: str) -> None:
    """The dispatcher locks the runtime row, then inserts a signal (its foreign key locks the strategy row
    KEY SHARE). A start meanwhile locks the strategy, then waits for the runtime row. The start's lock must
    not block the signal's foreign key, or the two deadlock (PostgreSQL then aborts one of them)."""
    answer = _start_while_the_runtime_is_locked(base_url, client, user, dsn,
                                                "SELECT 1 FROM strategies WHERE id = %s FOR KEY SHARE")
    assert_problem(answer, 409, "runtime_already_active")


def test_a_request_that_deadlocks_is_a_503_saying_to_retry_it(
        base_url: str, client: httpx.Client, user: User, dsn: str) -> None:
    """A real deadlock (the other transaction wants the strategy row for update while the start holds it):
    PostgreSQL rolls the start back, which answers that nothing was written and to retry at once."""
    answer = _start_while_the_runtime_is_locked(base_url, client, user, dsn,
                                                "SELECT 1 FROM strategies WHERE id = %s FOR UPDATE")
    body = assert_problem(answer, 503, "database_unavailable")
    assert "collided with a concurrent one" in body["detail"] and "nothing was written" in body["detail"]
    assert answer.headers["retry-after"] == "1"
