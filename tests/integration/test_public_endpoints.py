"""Health, waitlist, instruments, disclaimer and tiers: the operations that are real from day one."""

from __future__ import annotations

import uuid

import httpx

from domain.billing.compliance import CFTC_4_41_TEXT
from ex7.app import create_app
from tests.support.http import free_port, serve
from tests.support.problems import assert_problem
from tests.support.settings import make_settings
from tests.support.users import User


def test_health_reports_database_latency(client: httpx.Client) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["database"]["reachable"] is True
    assert body["database"]["latency_ms"] >= 0
    assert body["uptime_seconds"] >= 0 and body["version"]


def test_health_is_503_when_the_database_is_down() -> None:
    # Nothing listens on this port: the database is down from the app's point of view.
    dead = f"postgresql://postgres@127.0.0.1:{free_port()}/nothing?connect_timeout=1"
    with serve(create_app(make_settings(db_timeout_seconds=1.0), dead, validate_responses=True)) as url:
        resp = httpx.get(f"{url}/api/health", timeout=30)
        body = assert_problem(resp, 503, "database_unavailable")
        assert resp.headers["retry-after"] == "5"  # as every other 503 says
        assert body["health"]["database"] == {"reachable": False, "latency_ms": None}
        # Other data operations fail the same clean way, never with a 500.
        other = httpx.get(f"{url}/api/waitlist/count", timeout=30)
        assert_problem(other, 503, "database_unavailable")
        assert other.headers["retry-after"] == "5"


def test_waitlist_answers_the_same_for_new_and_known_addresses(client: httpx.Client) -> None:
    before = client.get("/api/waitlist/count").json()["count"]
    email = f"Trader.{uuid.uuid4().hex[:8]}@Example.COM"
    first = client.post("/api/waitlist", json={"email": f"  {email} ", "source": "landing"})
    again = client.post("/api/waitlist", json={"email": email.lower()})
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    # Normalised: both spellings are one sign-up.
    assert client.get("/api/waitlist/count").json()["count"] == before + 1


def test_waitlist_rejects_invalid_addresses(client: httpx.Client) -> None:
    for bad in ["no-at-sign", "a@", "@b.c", "a b@c.d", "a@b..c"]:
        resp = client.post("/api/waitlist", json={"email": bad})
        assert resp.status_code == 422, (bad, resp.text)


def test_instruments_carry_specs_and_null_market_data(client: httpx.Client, user: User) -> None:
    from datetime import UTC, datetime

    from domain.market.calendar import market_state

    before = market_state("ES", datetime.now(UTC))
    items = {i["symbol"]: i for i in client.get("/api/instruments", headers=user.headers).json()["items"]}
    after = market_state("ES", datetime.now(UTC))
    assert {"MNQ", "MES", "NQ", "ES"} <= set(items)
    mnq = items["MNQ"]
    assert (mnq["tick_size"], mnq["tick_value"], mnq["point_value"]) == ("0.25", "0.50", "2.00")
    assert (items["ES"]["tick_value"], items["ES"]["point_value"]) == ("12.50", "50.00")
    assert items["NQ"]["point_value"] == "20.00" and items["MES"]["point_value"] == "5.00"
    # The shared test database holds no bars: no price; "stale" while the market is open (bars are
    # missing), "closed" when it is closed (tests/integration/test_bars.py covers the rest).
    market = items["ES"]["market"]
    assert {k: market[k] for k in ("last_price", "change", "change_pct", "last_bar_ts")} == {
        "last_price": None, "change": None, "change_pct": None, "last_bar_ts": None}
    if before == after:
        assert market["status"] == ("stale" if before == "open" else "closed")


def test_instruments_need_a_token(client: httpx.Client) -> None:
    assert_problem(client.get("/api/instruments"), 401, "invalid_token")


def test_disclaimer_is_public_and_word_for_word(client: httpx.Client) -> None:
    body = client.get("/api/billing/disclaimer").json()
    assert body["text"] == CFTC_4_41_TEXT
    assert body["text"].startswith("Hypothetical or simulated performance results have certain inherent limitations.")
    assert body["text"].endswith("similar to those shown.")
    assert {d["document"] for d in body["documents"]} == {"terms_of_service", "risk_disclosure", "privacy_policy"}


def test_tiers_are_public_with_prices_and_caps(dsn: str) -> None:
    # The built-in catalogue (the shared test server runs an uncapped one).
    with serve(create_app(make_settings(ex7_tiers_file=None), dsn)) as url:
        tiers = {t["id"]: t for t in httpx.get(f"{url}/api/billing/tiers", timeout=10).json()["items"]}
    assert set(tiers) == {"free", "pro", "elite"}
    assert tiers["free"]["price_monthly"] == "0.00"
    assert tiers["pro"]["features"]["max_running_runtimes"] > tiers["free"]["features"]["max_running_runtimes"]
    assert tiers["elite"]["features"]["max_strategies"] is None  # unlimited
    assert set(tiers["free"]["features"]) == {"max_strategies", "max_running_runtimes",
                                              "vix_generations_per_month", "max_alert_channels", "alert_channels"}
