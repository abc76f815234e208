"""The tier caps and admin comps, on a server with the built-in tier catalogue (free: 3 strategies, 1
running strategy; pro: 25 and 5): `GET /api/billing/me`, every cap at its exact boundary, comps
granted by an admin and refused for others, and the downgrade rule for runtimes above a cap."""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from db.pool import WORKER_ROLE, Database
from domain.billing.tiers import DEFAULT_TIERS
from ex7.app import create_app
from ex7.clock import ManualClock
from ex7.workers.housekeeping import Housekeeping
from tests.support.db import sql_as_owner
from tests.support.http import serve
from tests.support.problems import assert_problem
from tests.support.settings import make_settings
from tests.support.users import User, new_user

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def url(dsn: str) -> Iterator[str]:
    clock = ManualClock(NOW)
    with serve(create_app(make_settings(ex7_tiers_file=None), dsn, validate_responses=True, clock=clock)) as base:
        yield base


@pytest.fixture
def api(url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=url, timeout=30) as client:
        yield client


def _new_strategy(api: httpx.Client, user: User) -> httpx.Response:
    return api.post("/api/strategies/from-fixture/demo-1m-momentum", headers=user.headers)


def test_a_new_user_is_on_free_with_its_caps_and_no_usage(api: httpx.Client, user: User) -> None:
    me = api.get("/api/billing/me", headers=user.headers).json()
    assert (me["tier"], me["source"], me["status"], me["comp"], me["cancel_at_period_end"]) == \
        ("free", "free", "none", None, False)
    assert me["entitlements"]["max_strategies"] == 3 and me["entitlements"]["max_running_runtimes"] == 1
    assert me["usage"] == {"strategies": 0, "running_runtimes": 0, "vix_generations_this_month": 0,
                           "alert_channels": []}
    assert me["compliance_accepted"] is False


def test_the_strategy_cap_bites_at_exactly_the_limit_on_every_way_of_creating_one(api: httpx.Client,
                                                                                  user: User) -> None:
    created = [_new_strategy(api, user) for _ in range(3)]
    assert [r.status_code for r in created] == [201, 201, 201]
    sid = created[0].json()["id"]
    export = api.get(f"/api/strategies/{sid}/export", headers=user.headers).json()
    for over in (_new_strategy(api, user), api.post(f"/api/strategies/{sid}/clone", headers=user.headers),
                 api.post("/api/strategies/import", headers=user.headers,
                          json={**export, "name_on_conflict": "suffix"}),
                 api.post("/api/strategies", headers=user.headers, json={
                     "name": "one more", "instrument": "MNQ", "timeframe": "1m", "graph": export["graph"]})):
        body = assert_problem(over, 403, "tier_cap_reached")
        assert (body["cap"], body["limit"], body["usage"], body["tier"], body["upgrade_to"]) == \
            ("max_strategies", 3, 3, "free", "pro")
    assert api.get("/api/billing/me", headers=user.headers).json()["usage"]["strategies"] == 3
    assert api.delete(f"/api/strategies/{sid}", headers=user.headers).status_code == 204
    assert _new_strategy(api, user).status_code == 201  # a deleted strategy frees its place


def test_concurrent_creates_at_the_boundary_let_exactly_one_through(url: str, user: User) -> None:
    with httpx.Client(base_url=url, timeout=30) as api:
        for _ in range(2):
            assert _new_strategy(api, user).status_code == 201

    def attempt(_: int) -> int:
        with httpx.Client(base_url=url, timeout=30) as client:
            return _new_strategy(client, user).status_code

    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        statuses = sorted(pool.map(attempt, range(6)))
    assert statuses == [201] + [403] * 5


def _ready(api: httpx.Client, user: User) -> str:
    sid = _new_strategy(api, user).json()["id"]
    assert api.post(f"/api/strategies/{sid}/promote", headers=user.headers).json()["status"] == "ready"
    return str(sid)


def test_the_running_runtime_cap_bites_at_exactly_the_limit(api: httpx.Client, dsn: str, user: User) -> None:
    first, second = _ready(api, user), _ready(api, user)
    assert api.post(f"/api/signals/runtimes/{first}/start", headers=user.headers).status_code == 200
    again = api.post(f"/api/signals/runtimes/{first}/start", headers=user.headers)  # itself is not counted
    assert again.status_code == 200 and again.json()["status"] == "starting"
    body = assert_problem(api.post(f"/api/signals/runtimes/{second}/start", headers=user.headers), 403,
                          "tier_cap_reached")
    assert (body["cap"], body["limit"], body["usage"], body["upgrade_to"]) == ("max_running_runtimes", 1, 1, "pro")
    sql_as_owner(dsn, "UPDATE strategy_runtimes SET status = 'stopped' WHERE strategy_id = %s", first)
    assert api.post(f"/api/signals/runtimes/{second}/start", headers=user.headers).status_code == 200


def test_an_admin_comp_lifts_the_caps_until_it_expires_and_is_audited(api: httpx.Client, dsn: str,
                                                                    user: User) -> None:
    admin = new_user(admin=True)
    api.get("/api/billing/me", headers=user.headers)  # the user has been seen (their users row exists)
    expires = NOW + timedelta(hours=1)
    grant = api.post("/api/billing/comp", headers=admin.headers, json={
        "email": user.email.upper(), "tier": "pro", "expires_at": expires.isoformat(), "reason": "Beta tester."})
    assert grant.status_code == 200, grant.text
    assert (grant.json()["user_id"], grant.json()["tier"], grant.json()["granted_by"]) == (user.id, "pro", admin.id)
    me = api.get("/api/billing/me", headers=user.headers).json()
    assert (me["tier"], me["source"], me["status"]) == ("pro", "comp", "comped")
    assert me["comp"]["reason"] == "Beta tester." and me["entitlements"]["max_strategies"] == 25
    assert [_new_strategy(api, user).status_code for _ in range(4)] == [201] * 4  # beyond free's 3
    risk = api.get("/api/risk", params={"mode": "paper"}, headers=user.headers).json()
    assert risk["limits"]["max_signals_per_day"] == 20  # the risk gate's defaults follow the tier too

    replaced = api.post("/api/billing/comp", headers=admin.headers, json={
        "user_id": user.id, "tier": "elite", "expires_at": expires.isoformat(), "reason": "Upgraded."})
    assert replaced.json()["tier"] == "elite"
    rows = sql_as_owner(dsn, "SELECT tier, reason, granted_by::text, replaced_at IS NOT NULL FROM comps "
                             "WHERE user_id = %s ORDER BY id", user.id)
    assert rows == [("pro", "Beta tester.", admin.id, True), ("elite", "Upgraded.", admin.id, False)]

    # The comp ends (as if its hour had passed on the server's clock, which stays at NOW).
    sql_as_owner(dsn, "UPDATE comps SET expires_at = %s WHERE user_id = %s AND replaced_at IS NULL", NOW, user.id)
    me = api.get("/api/billing/me", headers=user.headers).json()
    assert (me["tier"], me["source"], me["comp"]) == ("free", "free", None)
    assert_problem(_new_strategy(api, user), 403, "tier_cap_reached")


def test_comps_are_for_admins_name_one_existing_user_and_end_in_the_future(api: httpx.Client, user: User,
                                                                         other_user: User) -> None:
    admin = new_user(admin=True)
    api.get("/api/billing/me", headers=other_user.headers)
    body = {"user_id": other_user.id, "tier": "pro", "reason": "Because."}
    assert_problem(api.post("/api/billing/comp", headers=user.headers, json=body), 403, "forbidden")
    assert api.get("/api/billing/me", headers=other_user.headers).json()["tier"] == "free"
    assert_problem(api.post("/api/billing/comp", headers=admin.headers,
                            json={**body, "email": other_user.email}), 422, "invalid_comp")
    assert_problem(api.post("/api/billing/comp", headers=admin.headers,
                            json={"tier": "pro", "reason": "Nobody."}), 422, "invalid_comp")
    assert_problem(api.post("/api/billing/comp", headers=admin.headers,
                            json={**body, "expires_at": (NOW - timedelta(minutes=1)).isoformat()}), 422, "invalid_comp")
    assert_problem(api.post("/api/billing/comp", headers=admin.headers,
                            json={**body, "user_id": "00000000-0000-4000-8000-000000000000"}), 404, "user_not_found")
    ok = api.post("/api/billing/comp", headers=admin.headers, json=body)  # no expiry: for good
    assert ok.status_code == 200 and ok.json()["expires_at"] is None


def test_a_comp_ending_stops_the_newest_runtimes_above_the_remaining_cap_with_an_event(api: httpx.Client, dsn: str,
                                                                           user: User) -> None:
    admin = new_user(admin=True)
    api.get("/api/billing/me", headers=user.headers)
    api.post("/api/billing/comp", headers=admin.headers, json={"user_id": user.id, "tier": "pro", "reason": "Trial."})
    sids = [_ready(api, user) for _ in range(3)]
    for sid in sids:
        assert api.post(f"/api/signals/runtimes/{sid}/start", headers=user.headers).status_code == 200
    for minute, sid in enumerate(sids):  # started one after the other
        sql_as_owner(dsn, "UPDATE strategy_runtimes SET status = 'running', started_at = %s WHERE strategy_id = %s",
                     NOW + timedelta(minutes=minute), sid)
    sql_as_owner(dsn, "UPDATE comps SET expires_at = now() - interval '1 minute' WHERE user_id = %s", user.id)

    async def enforce() -> list[str]:  # the housekeeping loop's sweep, once
        db = Database(dsn, role=WORKER_ROLE)
        try:
            return await Housekeeping(dsn, retention_days=7, tiers=DEFAULT_TIERS).sweep_comps(db)
        finally:
            await db.close()

    stopped = asyncio.run(enforce())
    statuses = dict(sql_as_owner(dsn, "SELECT strategy_id::text, status FROM strategy_runtimes WHERE user_id = %s",
                                 user.id))
    assert statuses == {sids[0]: "running", sids[1]: "draining", sids[2]: "draining"}  # free runs 1: the oldest
    events = sql_as_owner(dsn, "SELECT runtime_id::text, payload->>'reason' FROM events WHERE user_id = %s "
                               "AND kind = 'runtime_status' ORDER BY id", user.id)
    assert sorted(stopped) == sorted(r for r, _ in events) and {reason for _, reason in events} == {"tier_cap"}
    assert asyncio.run(enforce()) == []  # within the cap now (draining ones are on their way out)


def test_a_comp_replaced_by_a_lower_one_stops_the_newest_runtimes_above_its_cap(api: httpx.Client, dsn: str,
                                                                                user: User) -> None:
    admin = new_user(admin=True)
    api.get("/api/billing/me", headers=user.headers)
    api.post("/api/billing/comp", headers=admin.headers, json={"user_id": user.id, "tier": "elite", "reason": "VIP."})
    sids = [_ready(api, user) for _ in range(6)]  # pro runs 5
    for minute, sid in enumerate(sids):
        assert api.post(f"/api/signals/runtimes/{sid}/start", headers=user.headers).status_code == 200
        sql_as_owner(dsn, "UPDATE strategy_runtimes SET status = 'running', started_at = %s WHERE strategy_id = %s",
                     NOW + timedelta(minutes=minute), sid)
    lower = api.post("/api/billing/comp", headers=admin.headers, json={"user_id": user.id, "tier": "pro",
                                                                       "reason": "Back to pro."})
    assert lower.status_code == 200
    statuses = dict(sql_as_owner(dsn, "SELECT strategy_id::text, status FROM strategy_runtimes WHERE user_id = %s",
                                 user.id))
    assert [statuses[sid] for sid in sids] == ["running"] * 5 + ["draining"]
