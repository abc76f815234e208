"""Strategies over real HTTP against real PostgreSQL: every rule of the Strategies group."""

from __future__ import annotations

import copy
import functools
import json
import threading
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import psycopg2
import pytest

from domain.strategy.fixtures import FIXTURE_SLUGS
from tests.support.db import sql_as_owner
from tests.support.graphs import sma_crossover
from tests.support.problems import assert_problem
from tests.support.users import User

CURRENT = "2026-06-01"


def invalid_graph() -> dict[str, Any]:
    g = sma_crossover()
    g["nodes"].append({"id": "mystery", "type": "no_such_node", "params": {}})
    return g


def create(client: httpx.Client, user: User, name: str | None = None, **fields: Any) -> dict[str, Any]:
    body = {"name": name or f"s-{uuid.uuid4().hex[:8]}", "instrument": "MNQ", "timeframe": "5m",
            "graph": sma_crossover(), **fields}
    resp = client.post("/api/strategies", json=body, headers=user.headers)
    assert resp.status_code == 201, resp.text
    return resp.json()


def accept_all(client: httpx.Client, user: User) -> None:
    for doc in ("terms_of_service", "risk_disclosure", "privacy_policy"):
        client.post("/api/billing/compliance/accept", json={"document": doc, "version": CURRENT}, headers=user.headers)


@pytest.fixture
def owner_sql(dsn: str) -> Callable[..., list[tuple[Any, ...]]]:
    """SQL as the database owner (bypasses RLS): to arrange states the API cannot reach yet."""
    return functools.partial(sql_as_owner, dsn)


# --- catalogue and creation ------------------------------------------------------------------------

def test_engines_lists_node_types_and_fixture_slugs(client: httpx.Client, user: User) -> None:
    body = client.get("/api/engines", headers=user.headers).json()
    types = {n["type"]: n for n in body["items"]}
    for required in ("price", "constant", "sma", "ema", "wma", "rsi", "macd", "atr", "bollinger", "vwap", "highest",
                     "lowest", "compare", "crosses_above", "crosses_below", "and", "or", "not", "time_window",
                     "enter_long", "enter_short", "exit", "stop_loss", "take_profit", "max_bars_in_trade",
                     "position_size"):
        assert required in types
    assert {o["name"] for o in types["macd"]["outputs"]} == {"macd", "signal", "hist"}
    assert types["rsi"]["params_schema"]["properties"]["period"]["default"] == 14
    assert {f["slug"] for f in body["fixtures"]} == set(FIXTURE_SLUGS)
    assert_problem(client.get("/api/engines"), 401)


def test_create_makes_version_1_draft_with_validation_and_etag(client: httpx.Client, user: User) -> None:
    resp = client.post("/api/strategies", json={"name": "Cross", "instrument": "MNQ", "timeframe": "5m",
                                                "tags": ["trend"], "graph": sma_crossover()}, headers=user.headers)
    assert resp.status_code == 201
    body = resp.json()
    assert (body["status"], body["current_version"], body["validation"]) == ("draft", 1, {"valid": True, "errors": []})
    assert resp.headers["etag"] == '"v1.1"'
    assert client.get(f"/api/strategies/{body['id']}", headers=user.headers).json() == body


def test_invalid_graph_is_saved_as_a_draft_with_every_problem(client: httpx.Client, user: User) -> None:
    g = invalid_graph()
    g["nodes"][1]["params"] = {"period": 0}
    body = create(client, user, graph=g)
    assert body["status"] == "draft" and body["validation"]["valid"] is False
    codes = {(e["code"], e["node"]) for e in body["validation"]["errors"]}
    assert ("unknown_node_type", "mystery") in codes and ("invalid_params", "fast") in codes


def test_unsupported_instrument_is_a_validation_error_not_a_500(client: httpx.Client, user: User) -> None:
    body = create(client, user, instrument="ZZZ")
    assert [e["code"] for e in body["validation"]["errors"]] == ["unsupported_instrument"]


def test_names_are_unique_per_user(client: httpx.Client, user: User, other_user: User) -> None:
    create(client, user, "Same name")
    resp = client.post("/api/strategies", json={"name": "Same name", "instrument": "MES", "timeframe": "1m",
                                                "graph": sma_crossover()}, headers=user.headers)
    assert_problem(resp, 409, "name_taken")
    create(client, other_user, "Same name")  # another user's namespace


# --- another user's strategy is a 404 everywhere ---------------------------------------------------

def test_another_users_strategy_is_404_everywhere(client: httpx.Client, user: User, other_user: User) -> None:
    sid = create(client, user)["id"]
    h = other_user.headers
    for method, path, body in [
        ("GET", f"/api/strategies/{sid}", None),
        ("PUT", f"/api/strategies/{sid}", {"name": "mine now"}),
        ("DELETE", f"/api/strategies/{sid}", None),
        ("POST", f"/api/strategies/{sid}/clone", None),
        ("POST", f"/api/strategies/{sid}/archive", None),
        ("POST", f"/api/strategies/{sid}/unarchive", None),
        ("POST", f"/api/strategies/{sid}/promote", None),
        ("POST", f"/api/strategies/{sid}/rollback", {"to_version": 1}),
        ("GET", f"/api/strategies/{sid}/export", None),
        ("GET", f"/api/strategies/{sid}/versions", None),
        ("GET", f"/api/strategies/{sid}/versions/1", None),
    ]:
        resp = client.request(method, path, json=body, headers=h)
        assert_problem(resp, 404)
    assert sid not in {s["id"] for s in client.get("/api/strategies", headers=h).json()["items"]}
    # ...and the owner's strategy is untouched.
    owner_view = client.get(f"/api/strategies/{sid}", headers=user.headers).json()
    assert owner_view["status"] == "draft" and owner_view["current_version"] == 1


# --- listing ---------------------------------------------------------------------------------------

def test_list_filters_by_status_instrument_and_tag(client: httpx.Client, user: User) -> None:
    a = create(client, user, instrument="ES", tags=["alpha"])
    b = create(client, user, instrument="NQ", tags=["beta"])
    client.post(f"/api/strategies/{b['id']}/archive", headers=user.headers)

    def ids(**params: str) -> set[str]:
        return {s["id"] for s in client.get("/api/strategies", params=params, headers=user.headers).json()["items"]}

    assert ids(instrument="ES") == {a["id"]}
    assert ids(tag="beta") == {b["id"]}
    assert ids(status="archived") == {b["id"]}
    assert ids(status="draft", tag="alpha") == {a["id"]}


def test_pagination_never_skips_or_repeats_under_timestamp_ties(client: httpx.Client, user: User,
                                                               owner_sql: Any) -> None:
    made = [create(client, user)["id"] for _ in range(9)]
    # Seven rows share one updated_at to the microsecond; two sit on either side of it.
    owner_sql("UPDATE strategies SET updated_at = '2026-01-01T00:00:00Z' WHERE id = ANY(%s::uuid[])", made[:7])
    owner_sql("UPDATE strategies SET updated_at = '2026-01-02T00:00:00Z' WHERE id = %s", made[7])
    owner_sql("UPDATE strategies SET updated_at = '2025-12-31T00:00:00Z' WHERE id = %s", made[8])
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": "2", **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/strategies", params=params, headers=user.headers).json()
        seen.extend(s["id"] for s in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(made) and len(seen) == len(set(seen))
    assert seen[0] == made[7] and seen[-1] == made[8]
    assert seen[1:8] == sorted(made[:7], reverse=True)  # ties broken by id, descending


def test_a_cursor_not_from_the_server_is_422(client: httpx.Client, user: User) -> None:
    for bad in ("garbage", "W10", "eyJhIjoxfQ"):
        assert_problem(client.get("/api/strategies", params={"cursor": bad}, headers=user.headers), 422,
                       "invalid_cursor")


# --- versions and optimistic concurrency ---------------------------------------------------------

def test_graph_changes_make_versions_metadata_edits_do_not(client: httpx.Client, user: User) -> None:
    s = create(client, user)
    sid = s["id"]
    meta = client.put(f"/api/strategies/{sid}", json={"description": "new words", "tags": ["x"]}, headers=user.headers)
    assert meta.status_code == 200 and meta.json()["current_version"] == 1
    same = client.put(f"/api/strategies/{sid}", json={"graph": sma_crossover()}, headers=user.headers)
    assert same.json()["current_version"] == 1  # identical content, no new version
    changed = client.put(f"/api/strategies/{sid}", json={"graph": sma_crossover(fast=5), "note": "faster"},
                         headers=user.headers)
    assert changed.json()["current_version"] == 2
    versions = client.get(f"/api/strategies/{sid}/versions", headers=user.headers).json()["items"]
    assert [v["version"] for v in versions] == [2, 1]
    assert versions[0]["note"] == "faster" and versions[0]["content_hash"] != versions[1]["content_hash"]
    v1 = client.get(f"/api/strategies/{sid}/versions/1", headers=user.headers).json()
    assert v1["graph"]["nodes"][1]["params"] == {"period": 9}  # version 1 is unchanged
    assert_problem(client.get(f"/api/strategies/{sid}/versions/3", headers=user.headers), 404)


def test_if_match_and_expected_version_guard_updates(client: httpx.Client, user: User) -> None:
    s = client.post("/api/strategies", json={"name": f"n{uuid.uuid4().hex[:6]}", "instrument": "MNQ",
                                             "timeframe": "5m", "graph": sma_crossover()}, headers=user.headers)
    sid, etag = s.json()["id"], s.headers["etag"]
    ok = client.put(f"/api/strategies/{sid}", json={"description": "a"}, headers={**user.headers, "If-Match": etag})
    assert ok.status_code == 200 and ok.headers["etag"] != etag
    stale = client.put(f"/api/strategies/{sid}", json={"description": "b"}, headers={**user.headers, "If-Match": etag})
    assert_problem(stale, 412, "version_mismatch")
    assert_problem(client.put(f"/api/strategies/{sid}", json={"description": "c", "expected_version": 7},
                              headers=user.headers), 412, "version_mismatch")
    assert client.get(f"/api/strategies/{sid}", headers=user.headers).json()["description"] == "a"


def test_two_updates_with_the_same_if_match_exactly_one_wins(base_url: str, client: httpx.Client,
                                                              user: User) -> None:
    s = client.post("/api/strategies", json={"name": f"n{uuid.uuid4().hex[:6]}", "instrument": "MNQ",
                                             "timeframe": "5m", "graph": sma_crossover()}, headers=user.headers)
    sid, etag = s.json()["id"], s.headers["etag"]
    results: list[int] = []
    barrier = threading.Barrier(4)

    def tab(fast: int) -> None:
        with httpx.Client(base_url=base_url, timeout=30) as c:
            barrier.wait()
            resp = c.put(f"/api/strategies/{sid}", json={"graph": sma_crossover(fast=fast)},
                         headers={**user.headers, "If-Match": etag})
            results.append(resp.status_code)

    threads = [threading.Thread(target=tab, args=(f,)) for f in (3, 4, 5, 6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [200, 412, 412, 412]
    assert client.get(f"/api/strategies/{sid}", headers=user.headers).json()["current_version"] == 2


def test_versions_paginate_newest_first(client: httpx.Client, user: User) -> None:
    sid = create(client, user)["id"]
    for fast in range(2, 7):
        client.put(f"/api/strategies/{sid}", json={"graph": sma_crossover(fast=fast)}, headers=user.headers)
    seen, cursor = [], None
    while True:
        params = {"limit": "2", **({"cursor": cursor} if cursor else {})}
        page = client.get(f"/api/strategies/{sid}/versions", params=params, headers=user.headers).json()
        seen.extend(v["version"] for v in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [6, 5, 4, 3, 2, 1]
    assert_problem(client.get(f"/api/strategies/{sid}/versions", params={"cursor": "x1"}, headers=user.headers), 422)


def test_versions_are_immutable_in_the_database(client: httpx.Client, user: User, dsn: str) -> None:
    import asyncio

    from db.pool import Database

    sid = create(client, user)["id"]

    async def attempt() -> None:
        db = Database(dsn)
        try:
            for sql in ("UPDATE strategy_versions SET note = 'x' WHERE strategy_id = %s",
                        "DELETE FROM strategy_versions WHERE strategy_id = %s"):
                with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                    async with db.transaction({"sub": user.id}) as cur:
                        await cur.execute(sql, (sid,))
        finally:
            await db.close()

    asyncio.run(attempt())


def test_rollback_makes_a_new_version_with_the_old_graph(client: httpx.Client, user: User) -> None:
    sid = create(client, user)["id"]
    client.put(f"/api/strategies/{sid}", json={"graph": sma_crossover(fast=4)}, headers=user.headers)
    resp = client.post(f"/api/strategies/{sid}/rollback", json={"to_version": 1}, headers=user.headers)
    assert resp.status_code == 200 and resp.json() == {"id": sid, "current_version": 3}
    head = client.get(f"/api/strategies/{sid}", headers=user.headers).json()
    assert head["graph"] == client.get(f"/api/strategies/{sid}/versions/1", headers=user.headers).json()["graph"]
    assert_problem(client.post(f"/api/strategies/{sid}/rollback", json={"to_version": 9}, headers=user.headers), 404)
    assert_problem(client.post(f"/api/strategies/{sid}/rollback", json={"to_version": 3}, headers=user.headers), 409,
                   "rollback_to_current")


# --- lifecycle -------------------------------------------------------------------------------------

def _promote(client: httpx.Client, user: User, sid: str) -> httpx.Response:
    return client.post(f"/api/strategies/{sid}/promote", headers=user.headers)


def test_promote_draft_ready_live_with_checks(client: httpx.Client, user: User) -> None:
    sid = create(client, user)["id"]
    assert _promote(client, user, sid).json()["status"] == "ready"
    refused = assert_problem(_promote(client, user, sid), 409, "live_validation_failed")
    assert [f["code"] for f in refused["failures"]] == ["compliance_not_accepted"]
    assert refused["current_status"] == "ready" and "live" in refused["allowed"]
    accept_all(client, user)
    assert _promote(client, user, sid).json()["status"] == "live"
    again = assert_problem(_promote(client, user, sid), 409, "invalid_transition")
    assert again["current_status"] == "live" and again["allowed"] == ["archived"]


def test_promotion_needs_a_valid_graph_and_live_needs_a_stop_loss(client: httpx.Client, user: User,
                                                                  owner_sql: Any) -> None:
    bad = create(client, user, graph=invalid_graph())["id"]
    body = assert_problem(_promote(client, user, bad), 409, "graph_invalid")
    assert body["validation_errors"] and body["allowed"] == ["ready", "archived"]
    no_stop = create(client, user, graph=sma_crossover(with_stop=False))["id"]
    assert _promote(client, user, no_stop).json()["status"] == "ready"
    accept_all(client, user)
    failures = assert_problem(_promote(client, user, no_stop), 409, "live_validation_failed")["failures"]
    assert [f["code"] for f in failures] == ["missing_stop_loss"]


def test_archive_from_every_status_and_unarchive_to_draft(client: httpx.Client, user: User, owner_sql: Any) -> None:
    for status in ("draft", "ready", "live", "paused"):
        sid = create(client, user)["id"]
        owner_sql("UPDATE strategies SET status = %s WHERE id = %s", status, sid)
        assert client.post(f"/api/strategies/{sid}/archive", headers=user.headers).json()["status"] == "archived"
        twice = assert_problem(client.post(f"/api/strategies/{sid}/archive", headers=user.headers), 409)
        assert twice["current_status"] == "archived" and twice["allowed"] == ["draft"]
        assert_problem(_promote(client, user, sid), 409, "invalid_transition")
        assert client.post(f"/api/strategies/{sid}/unarchive", headers=user.headers).json()["status"] == "draft"
        not_archived = assert_problem(client.post(f"/api/strategies/{sid}/unarchive", headers=user.headers), 409)
        assert not_archived["current_status"] == "draft"


def test_paused_can_only_be_archived(client: httpx.Client, user: User, owner_sql: Any) -> None:
    sid = create(client, user)["id"]
    owner_sql("UPDATE strategies SET status = 'paused' WHERE id = %s", sid)
    body = assert_problem(_promote(client, user, sid), 409, "invalid_transition")
    assert body["current_status"] == "paused" and body["allowed"] == ["archived"]


# --- delete, clone ----------------------------------------------------------------------------------

def test_soft_delete_hides_the_strategy_and_frees_its_name(client: httpx.Client, user: User, owner_sql: Any) -> None:
    s = create(client, user, "To delete")
    assert client.delete(f"/api/strategies/{s['id']}", headers=user.headers).status_code == 204
    assert_problem(client.get(f"/api/strategies/{s['id']}", headers=user.headers), 404)
    assert_problem(client.delete(f"/api/strategies/{s['id']}", headers=user.headers), 404)
    assert owner_sql("SELECT deleted_at IS NOT NULL FROM strategies WHERE id = %s", s["id"]) == [(True,)]
    create(client, user, "To delete")


# A draining runtime still holds the position it is about to close: it blocks the delete too.
@pytest.mark.parametrize("runtime_status,deletable", [("running", False), ("starting", False), ("stopped", True),
                                                      ("draining", False), ("error", True)])
def test_an_active_runtime_blocks_delete(client: httpx.Client, user: User, owner_sql: Any,
                                                      runtime_status: str, deletable: bool) -> None:
    sid = create(client, user)["id"]
    owner_sql("INSERT INTO strategy_runtimes (strategy_id, user_id, mode, status) VALUES (%s, %s, 'paper', %s)",
              sid, user.id, runtime_status)
    resp = client.delete(f"/api/strategies/{sid}", headers=user.headers)
    if deletable:
        assert resp.status_code == 204
    else:
        assert_problem(resp, 409, "runtime_active")


def test_clone_names_copies_and_starts_at_v1_draft(client: httpx.Client, user: User) -> None:
    source = create(client, user, "Breakout")
    client.put(f"/api/strategies/{source['id']}", json={"graph": sma_crossover(fast=3)}, headers=user.headers)
    client.post(f"/api/strategies/{source['id']}/promote", headers=user.headers)
    first = client.post(f"/api/strategies/{source['id']}/clone", headers=user.headers)
    second = client.post(f"/api/strategies/{source['id']}/clone", headers=user.headers)
    assert first.status_code == second.status_code == 201
    assert (first.json()["name"], second.json()["name"]) == ("Breakout (copy)", "Breakout (copy 2)")
    assert (first.json()["current_version"], first.json()["status"]) == (1, "draft")
    assert first.json()["graph"] == client.get(f"/api/strategies/{source['id']}", headers=user.headers).json()["graph"]


# --- export / import / fixtures --------------------------------------------------------------------

def test_export_import_export_round_trips_byte_for_byte(client: httpx.Client, user: User,
                                                        other_user: User) -> None:
    g = sma_crossover()
    g["nodes"][0]["position"] = {"x": 10.5, "y": -3}
    g["meta"] = {"author": "Zoë", "layout": {"zoom": 1.25}}
    s = create(client, user, "Round trip", description="désc", tags=["a", "b"], graph=g)
    first = client.get(f"/api/strategies/{s['id']}/export", headers=user.headers)
    exported = first.json()
    assert set(exported) == {"format", "exported_at", "name", "description", "instrument", "timeframe", "tags",
                             "graph"}
    assert s["id"] not in first.text and user.id not in first.text
    # Imported by someone else (no name clash), then exported again: the same bytes but the time.
    imported = client.post("/api/strategies/import", json=exported, headers=other_user.headers)
    assert imported.status_code == 201, imported.text
    second = client.get(f"/api/strategies/{imported.json()['id']}/export", headers=other_user.headers)
    assert second.text.replace(second.json()["exported_at"], "T") == first.text.replace(exported["exported_at"], "T")


def test_import_name_conflict_is_409_unless_suffix(client: httpx.Client, user: User) -> None:
    s = create(client, user, "Imported twice")
    exported = client.get(f"/api/strategies/{s['id']}/export", headers=user.headers).json()
    assert_problem(client.post("/api/strategies/import", json=exported, headers=user.headers), 409, "name_taken")


@pytest.mark.parametrize("mutate", [
    lambda d: d.update(format="ex7.strategy/v2"),
    lambda d: d.pop("format"),
    lambda d: d.update(unknown_field=1),
    lambda d: d["graph"].update(nodes=[{"id": f"n{i}", "type": "constant", "params": {"value": 1}}
                                       for i in range(501)]),
    lambda d: d["graph"].update(edges="not a list"),
    lambda d: d["graph"]["nodes"][0].update(params={"deep": json.loads("[" * 200 + "]" * 200)}),
    lambda d: d.update(name="x" * 101),
    lambda d: d.update(tags=["t"] * 21),
    lambda d: d.update(instrument="mnq; DROP TABLE strategies"),
], ids=["wrong-stamp", "no-stamp", "unknown-field", "too-many-nodes", "edges-not-list", "deep-params",
        "long-name", "too-many-tags", "hostile-instrument"])
def test_malformed_or_hostile_imports_are_4xx_problems(client: httpx.Client, user: User, mutate: Any) -> None:
    s = create(client, user)
    doc = client.get(f"/api/strategies/{s['id']}/export", headers=user.headers).json()
    doc = copy.deepcopy(doc)
    mutate(doc)
    resp = client.post("/api/strategies/import", json=doc, headers=user.headers)
    assert 400 <= resp.status_code < 500, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")


def test_a_huge_body_is_refused_cleanly(client: httpx.Client, user: User) -> None:
    doc = {"format": "ex7.strategy/v1", "exported_at": "2026-01-01T00:00:00Z", "name": "huge", "description": "",
           "instrument": "MNQ", "timeframe": "5m", "tags": [],
           "graph": {"nodes": [{"id": f"n{i}", "type": "constant", "params": {"value": i}} for i in range(5000)],
                     "edges": [], "meta": {}}}
    resp = client.post("/api/strategies/import", json=doc, headers=user.headers)
    assert_problem(resp, 422)


@pytest.mark.parametrize("slug", FIXTURE_SLUGS)
def test_every_fixture_makes_a_valid_draft_copy(client: httpx.Client, user: User, slug: str) -> None:
    first = client.post(f"/api/strategies/from-fixture/{slug}", headers=user.headers)
    again = client.post(f"/api/strategies/from-fixture/{slug}", headers=user.headers)
    assert first.status_code == again.status_code == 201
    body = first.json()
    assert body["status"] == "draft" and body["current_version"] == 1 and body["validation"]["valid"] is True
    assert again.json()["name"] == f"{body['name']} (2)"


def test_unknown_fixture_is_404(client: httpx.Client, user: User) -> None:
    assert_problem(client.post("/api/strategies/from-fixture/no-such-slug", headers=user.headers), 404)
