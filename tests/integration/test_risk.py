"""The risk gate over real HTTP against real PostgreSQL: GET /api/risk (paper and live pools, thresholds,
usage, overrides, the trading day, fail-closed) and GET /api/risk/blocked, plus the gate as the
dispatcher calls it (ex7_worker, no claims), which must agree with what the API shows."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import uuid
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal as D
from typing import Any, TypeVar

import httpx
import pytest

from db.pool import WORKER_ROLE, connect, transaction_on
from domain.risk.limits import DEFAULT_LIMITS
from ex7.app import create_app
from ex7.clock import ManualClock
from services import risk
from tests.support.db import sql_as_owner
from tests.support.http import serve
from tests.support.problems import assert_problem
from tests.support.settings import make_settings
from tests.support.users import User, new_user

T = TypeVar("T")
FREE = DEFAULT_LIMITS["free"].to_json()
# Wednesday 2026-11-25 08:30 CST (UTC-6); its trading day started Tuesday 17:00 CST, 23:00 UTC.
NOW = datetime(2026, 11, 25, 14, 30, tzinfo=UTC)
DAY_START = "2026-11-24T23:00:00Z"


def utc(y: int, mo: int, d: int, h: int, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=UTC)


def iso(ts: datetime) -> str:
    return ts.isoformat().replace("+00:00", "Z")


def run(coro: Awaitable[T]) -> T:
    async def wrapper() -> T:
        return await coro

    return asyncio.run(wrapper())


@pytest.fixture
def owner_sql(dsn: str) -> Callable[..., list[tuple[Any, ...]]]:
    """SQL as the database owner (bypasses RLS): signals come from the dispatcher, which is not built yet."""
    return functools.partial(sql_as_owner, dsn)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
def at_clock(dsn: str, clock: ManualClock) -> Iterator[httpx.Client]:
    """A server of our own whose time is `clock`: the trading day, the window and the cooldown depend on it."""
    with serve(create_app(make_settings(), dsn, validate_responses=True, clock=clock)) as url, \
            httpx.Client(base_url=url, timeout=30) as client:
        yield client


class Trader:
    """A user with one strategy and a runtime per mode, whose signals a test writes as the dispatcher would."""

    def __init__(self, sql: Callable[..., list[tuple[Any, ...]]], user: User) -> None:
        self.sql, self.user = sql, user
        sql("INSERT INTO users (id, email) VALUES (%s, %s) ON CONFLICT (id) DO NOTHING", user.id, user.email)
        self.strategy_id, self.runtimes = self.new_strategy()

    def new_strategy(self) -> tuple[str, dict[str, str]]:
        graph = json.dumps({"nodes": [], "edges": [], "meta": {}})
        (sid,), = self.sql("INSERT INTO strategies (user_id, name, instrument, timeframe, status) "
                           "VALUES (%s, %s, 'MNQ', '5m', 'live') RETURNING id",
                           self.user.id, f"s-{uuid.uuid4().hex[:8]}")
        self.sql("INSERT INTO strategy_versions (strategy_id, version, user_id, graph, content_hash) "
                 "VALUES (%s, 1, %s, %s, %s)", sid, self.user.id, graph, hashlib.sha256(graph.encode()).hexdigest())
        runtimes = {}
        for mode in ("paper", "live"):
            (rid,), = self.sql("INSERT INTO strategy_runtimes (strategy_id, user_id, mode, status, strategy_version, "
                               "instrument, timeframe, started_at) VALUES (%s, %s, %s, 'running', 1, 'MNQ', '5m', %s) "
                               "RETURNING id", sid, self.user.id, mode, NOW - timedelta(days=2))
            runtimes[mode] = str(rid)
        return str(sid), runtimes

    def signal(self, mode: str, entry_at: datetime, *, exit_at: datetime | None = None, net_pnl: str | None = None,
               status: str | None = None, runtime_id: str | None = None) -> None:
        """A signal fired at market time `entry_at` (the close of its bar) and, with `exit_at`, closed then."""
        status = status or ("open" if exit_at is None else "closed")
        closed = status != "open"
        self.sql(
            """INSERT INTO signals (user_id, strategy_id, strategy_version, runtime_id, mode, instrument, timeframe,
                                    side, status, entry_price, size, bar_ts, entry_market_at, fired_at, closed_at,
                                    exit_bar_ts, exit_market_at, close_price, close_reason, net_pnl)
               VALUES (%s, %s, 1, %s, %s, 'MNQ', '5m', 'long', %s, 20000.00, 1, %s, %s, %s, %s, %s, %s, %s, %s, %s)""",
            self.user.id, self.strategy_id, runtime_id or self.runtimes[mode], mode, status,
            entry_at - timedelta(minutes=5), entry_at, entry_at, exit_at if closed else None,
            exit_at - timedelta(minutes=5) if exit_at else None, exit_at, "20000.00" if closed else None,
            ("exit" if status == "closed" else "user") if closed else None, net_pnl,
        )

    def limits(self, mode: str, **overrides: Any) -> None:
        columns = ", ".join(overrides)
        self.sql(f"INSERT INTO risk_limits (user_id, mode, {columns}) VALUES (%s, %s{', %s' * len(overrides)})",
                 self.user.id, mode, *overrides.values())


@pytest.fixture
def trader(owner_sql: Callable[..., list[tuple[Any, ...]]], user: User) -> Trader:
    return Trader(owner_sql, user)


def get_risk(client: httpx.Client, user: User, mode: str | None = None) -> dict[str, Any]:
    resp = client.get("/api/risk", params={"mode": mode} if mode else None, headers=user.headers)
    assert resp.status_code == 200, resp.text
    body: dict[str, Any] = resp.json()
    return body


# --- GET /api/risk -----------------------------------------------------------------------------------------

def test_a_new_user_may_trade_under_the_free_tiers_defaults(at_clock: httpx.Client, user: User) -> None:
    for mode in (None, "paper", "live"):
        assert get_risk(at_clock, user, mode) == {
            "mode": mode or "paper", "trading_allowed": True, "blocked_reason": None, "limits": FREE,
            "usage": {"daily_pnl": "0.00", "signals_today": 0, "consecutive_losses": 0, "open_positions": 0,
                      "last_loss_at": None},
            "trading_day_start": DAY_START, "checked_at": "2026-11-25T14:30:00Z",
        }


def test_blocked_exactly_at_the_daily_loss_limit_and_paper_never_touches_live(
        at_clock: httpx.Client, trader: Trader) -> None:
    # Three closes today, the newest an hour ago (past the 15-minute cooldown), a win in between so the
    # losing streak stays short: -600.00 + 100.01 = -499.99, one cent above the limit.
    trader.signal("paper", utc(2026, 11, 25, 12, 0), exit_at=utc(2026, 11, 25, 12, 30), net_pnl="-600.00")
    trader.signal("paper", utc(2026, 11, 25, 13, 0), exit_at=utc(2026, 11, 25, 13, 10), net_pnl="100.01")
    body = get_risk(at_clock, trader.user, "paper")
    assert body["trading_allowed"] is True and body["blocked_reason"] is None
    assert body["usage"] == {"daily_pnl": "-499.99", "signals_today": 2, "consecutive_losses": 0,
                             "open_positions": 0, "last_loss_at": "2026-11-25T12:30:00Z"}

    trader.signal("paper", utc(2026, 11, 25, 13, 15), exit_at=utc(2026, 11, 25, 13, 30), net_pnl="-0.01")
    body = get_risk(at_clock, trader.user, "paper")
    assert body["trading_allowed"] is False
    assert body["blocked_reason"] == {"breaker": "daily_loss_limit", "reason": "daily_loss_limit_breached",
                                      "observed": "-500.00", "limit": "-500.00"}
    assert body["usage"] == {"daily_pnl": "-500.00", "signals_today": 3, "consecutive_losses": 1,
                             "open_positions": 0, "last_loss_at": "2026-11-25T13:30:00Z"}

    live = get_risk(at_clock, trader.user, "live")
    assert live["trading_allowed"] is True and live["usage"]["daily_pnl"] == "0.00"
    assert live["usage"]["signals_today"] == 0 and live["usage"]["last_loss_at"] is None


def test_usage_counts_the_days_entries_its_closes_and_every_open_position(
        at_clock: httpx.Client, trader: Trader) -> None:
    # Fired yesterday and still open: an open position, but not one of today's signals.
    trader.signal("live", utc(2026, 11, 24, 20, 0))
    # Fired yesterday, closed today at a loss: today's P&L and streak, not today's signal count.
    _, other_runtimes = trader.new_strategy()
    trader.signal("live", utc(2026, 11, 24, 21, 0), exit_at=utc(2026, 11, 25, 0, 30), net_pnl="-40.00",
                  runtime_id=other_runtimes["live"])
    # A cancelled signal fired and closed today counts as closed; its missing P&L as zero (not a loss).
    trader.signal("live", utc(2026, 11, 25, 1, 0), exit_at=utc(2026, 11, 25, 1, 5), status="cancelled",
                  runtime_id=other_runtimes["live"])
    trader.signal("live", utc(2026, 11, 25, 2, 0), exit_at=utc(2026, 11, 25, 3, 0), net_pnl="-10.00",
                  runtime_id=other_runtimes["live"])
    trader.signal("live", utc(2026, 11, 25, 4, 0), exit_at=utc(2026, 11, 25, 5, 0), net_pnl="-15.50",
                  runtime_id=other_runtimes["live"])
    body = get_risk(at_clock, trader.user, "live")
    assert body["usage"] == {"daily_pnl": "-65.50", "signals_today": 3, "consecutive_losses": 2,
                             "open_positions": 1, "last_loss_at": "2026-11-25T05:00:00Z"}
    assert body["blocked_reason"] == {"breaker": "max_open_positions", "reason": "max_open_positions_reached",
                                      "observed": "1", "limit": "1"}


def test_the_losing_streak_and_the_cooldown_block_as_the_limits_say(
        at_clock: httpx.Client, clock: ManualClock, trader: Trader) -> None:
    for minute in (0, 20, 40):  # three losses in a row, the last closed at 14:20 UTC
        entry = utc(2026, 11, 25, 13, minute)
        trader.signal("paper", entry, exit_at=entry + timedelta(minutes=40), net_pnl="-10.00")
    body = get_risk(at_clock, trader.user, "paper")
    assert body["usage"]["consecutive_losses"] == 3
    assert body["blocked_reason"] == {"breaker": "max_consecutive_losses", "reason": "max_consecutive_losses_reached",
                                      "observed": "3", "limit": "3"}
    trader.limits("paper", max_consecutive_losses=4)
    body = get_risk(at_clock, trader.user, "paper")
    assert body["limits"]["max_consecutive_losses"] == 4
    assert body["blocked_reason"] == {"breaker": "cooldown", "reason": "cooldown_active",
                                      "observed": "2026-11-25T14:20:00Z", "limit": "2026-11-25T14:35:00Z"}
    clock.set(utc(2026, 11, 25, 14, 34, 59))
    assert get_risk(at_clock, trader.user, "paper")["blocked_reason"]["breaker"] == "cooldown"
    clock.set(utc(2026, 11, 25, 14, 35))
    assert get_risk(at_clock, trader.user, "paper")["trading_allowed"] is True


def test_an_override_changes_the_answer_for_its_mode_only(at_clock: httpx.Client, trader: Trader) -> None:
    trader.signal("paper", utc(2026, 11, 25, 12, 0), exit_at=utc(2026, 11, 25, 12, 30), net_pnl="-600.00")
    assert get_risk(at_clock, trader.user, "paper")["blocked_reason"]["breaker"] == "daily_loss_limit"
    trader.limits("paper", daily_loss_limit=D("-1000.00"))  # the other columns NULL: the defaults stay
    body = get_risk(at_clock, trader.user, "paper")
    assert body["trading_allowed"] is True
    assert body["limits"] == {**FREE, "daily_loss_limit": "-1000.00"}
    trader.limits("live", max_signals_per_day=0)
    live = get_risk(at_clock, trader.user, "live")
    assert live["limits"] == {**FREE, "max_signals_per_day": 0}
    assert live["blocked_reason"] == {"breaker": "max_signals_per_day", "reason": "max_signals_per_day_reached",
                                      "observed": "0", "limit": "0"}


@pytest.mark.parametrize(("start", "loss_at", "after_17", "new_day_start"), [
    # Winter (CST): 15:30 is 21:30 UTC, 17:00 is 23:00 UTC.
    (utc(2026, 11, 24, 21, 45), utc(2026, 11, 24, 21, 30), utc(2026, 11, 24, 23, 5), "2026-11-24T23:00:00Z"),
    # Summer (CDT): 15:30 is 20:30 UTC, 17:00 is 22:00 UTC.
    (utc(2026, 6, 9, 20, 45), utc(2026, 6, 9, 20, 30), utc(2026, 6, 9, 22, 5), "2026-06-09T22:00:00Z"),
], ids=["winter", "summer"])
def test_a_loss_before_17_chicago_no_longer_counts_after_it(
        dsn: str, trader: Trader, start: datetime, loss_at: datetime, after_17: datetime, new_day_start: str) -> None:
    clock = ManualClock(start)
    trader.signal("paper", loss_at - timedelta(minutes=30), exit_at=loss_at, net_pnl="-750.00")
    with serve(create_app(make_settings(), dsn, validate_responses=True, clock=clock)) as url, \
            httpx.Client(base_url=url, timeout=30) as client:
        before = get_risk(client, trader.user)
        assert before["usage"]["daily_pnl"] == "-750.00"
        assert before["blocked_reason"]["breaker"] == "daily_loss_limit"
        clock.set(after_17)
        after = get_risk(client, trader.user)
        assert after["trading_day_start"] == new_day_start
        assert after["trading_allowed"] is True
        assert after["usage"] == {"daily_pnl": "0.00", "signals_today": 0, "consecutive_losses": 0,
                                  "open_positions": 0, "last_loss_at": None}


def test_no_entry_in_the_final_minutes_before_the_break(at_clock: httpx.Client, clock: ManualClock,
                                                        user: User) -> None:
    clock.set(utc(2026, 11, 25, 21, 49))  # 15:49 CST
    assert get_risk(at_clock, user)["trading_allowed"] is True
    clock.set(utc(2026, 11, 25, 21, 50))  # 15:50 CST: the final 10 minutes
    assert get_risk(at_clock, user)["blocked_reason"] == {
        "breaker": "trading_window", "reason": "no_entry_before_break", "observed": "2026-11-25T21:50:00Z",
        "limit": "2026-11-25T21:50:00Z"}
    clock.set(utc(2026, 11, 25, 22, 30))  # 16:30 CST: the break
    assert get_risk(at_clock, user)["blocked_reason"] == {
        "breaker": "trading_window", "reason": "market_closed", "observed": "break", "limit": "2026-11-25T23:00:00Z"}


def test_mode_must_be_paper_or_live_and_a_token_is_required(client: httpx.Client, user: User) -> None:
    body = assert_problem(client.get("/api/risk", params={"mode": "bogus"}, headers=user.headers), 422,
                          "validation_failed")
    assert any("mode" in e["loc"] for e in body["errors"])
    assert_problem(client.get("/api/risk"), 401)
    assert_problem(client.get("/api/risk/blocked"), 401)
    assert_problem(client.get("/api/risk/blocked", params={"limit": 0}, headers=user.headers), 422)


# --- fail-closed -------------------------------------------------------------------------------------------

def test_risk_is_blocked_not_an_error_when_the_database_is_unreachable(user: User) -> None:
    dead = "postgresql://postgres@127.0.0.1:1/nowhere?connect_timeout=1"
    clock = ManualClock(NOW)
    with serve(create_app(make_settings(db_timeout_seconds=1.0), dead, validate_responses=True, clock=clock)) as url, \
            httpx.Client(base_url=url, timeout=30) as client:
        for mode in ("paper", "live"):
            body = get_risk(client, user, mode)
            assert body == {
                "mode": mode, "trading_allowed": False,
                "blocked_reason": {"breaker": "error", "reason": "risk_state_unavailable", "observed": None,
                                   "limit": None},
                "limits": FREE,
                "usage": {"daily_pnl": "0.00", "signals_today": 0, "consecutive_losses": 0, "open_positions": 0,
                          "last_loss_at": None},
                "trading_day_start": DAY_START, "checked_at": "2026-11-25T14:30:00Z",
            }
        # The list is not a safety answer: an outage is the usual 503.
        resp = client.get("/api/risk/blocked", headers=user.headers)
        assert_problem(resp, 503, "database_unavailable")
        assert resp.headers["retry-after"] == "5"


def test_a_failure_inside_the_gate_refuses_and_leaves_the_transaction_usable(dsn: str, trader: Trader) -> None:
    async def scenario() -> None:
        conn = await connect(dsn, role=WORKER_ROLE)
        try:
            async with transaction_on(conn) as cur:
                # A database error mid-transaction (not a uuid) and an error of the decision (no such
                # instrument): both refuse, and the transaction goes on to record the refusal.
                for user_id, instrument in (("not-a-uuid", "MNQ"), (trader.user.id, "ZZZ")):
                    decision = await risk.gate(cur, user_id, "paper", NOW, instrument)
                    assert (decision.allowed, decision.breaker, decision.reason) == (
                        False, "error", "risk_state_unavailable")
                await risk.record_blocked(
                    cur, user_id=trader.user.id, strategy_id=trader.strategy_id, strategy_version=1,
                    runtime_id=trader.runtimes["paper"], instrument="MNQ", timeframe="5m",
                    bar_ts=NOW - timedelta(minutes=5), mode="paper", side="long", decision=decision)
        finally:
            conn.close()

    run(scenario())
    rows = trader.sql("SELECT triggered_limit, reason, observed, \"limit\", reason_json FROM signals_blocked "
                      "WHERE user_id = %s", trader.user.id)
    assert rows == [("error", "risk_state_unavailable", "", "",
                     {"breaker": "error", "reason": "risk_state_unavailable", "observed": None, "limit": None,
                      "limits": FREE, "checked_at": "2026-11-25T14:30:00Z"})]


# --- the dispatcher's call ---------------------------------------------------------------------------------

def test_the_gate_as_the_dispatcher_agrees_with_the_api(
        dsn: str, at_clock: httpx.Client, clock: ManualClock, trader: Trader,
        owner_sql: Callable[..., list[tuple[Any, ...]]]) -> None:
    trader.signal("paper", utc(2026, 11, 25, 12, 0), exit_at=utc(2026, 11, 25, 12, 30), net_pnl="-320.25")
    trader.signal("paper", utc(2026, 11, 25, 13, 0))
    trader.signal("live", utc(2026, 11, 25, 13, 5), exit_at=utc(2026, 11, 25, 14, 25), net_pnl="-5.00")
    # Someone else's losses: the worker sees every row, so only the user predicate keeps them out.
    stranger = Trader(owner_sql, new_user())
    stranger.signal("paper", utc(2026, 11, 25, 12, 0), exit_at=utc(2026, 11, 25, 12, 30), net_pnl="-9000.00")
    over_http = {mode: get_risk(at_clock, trader.user, mode) for mode in ("paper", "live")}

    async def as_worker() -> dict[str, Any]:
        conn = await connect(dsn, role=WORKER_ROLE)
        try:
            async with transaction_on(conn) as cur:  # no claims: auth.uid() is NULL
                await cur.execute("SELECT current_user, auth.uid()")
                assert await cur.fetchone() == ("ex7_worker", None)
                return {mode: await risk.gate(cur, trader.user.id, mode, clock.now(), "MNQ")
                        for mode in ("paper", "live")}
        finally:
            conn.close()

    decisions = run(as_worker())
    for mode, d in decisions.items():
        assert {"trading_allowed": d.allowed, "blocked_reason": d.blocked_reason_json(), "limits": d.limits.to_json(),
                "usage": d.usage.to_json(), "trading_day_start": iso(d.trading_day_start),
                "checked_at": iso(d.checked_at)} == {k: v for k, v in over_http[mode].items() if k != "mode"}
    assert over_http["paper"]["usage"]["daily_pnl"] == "-320.25"
    assert over_http["paper"]["blocked_reason"]["breaker"] == "max_open_positions"
    assert over_http["live"]["blocked_reason"]["breaker"] == "cooldown"


# --- GET /api/risk/blocked ---------------------------------------------------------------------------------

def blocked_row(trader: Trader, blocked_at: datetime, breaker: str = "max_signals_per_day") -> str:
    reason = {"breaker": breaker, "reason": f"{breaker}_reached", "observed": "6", "limit": "6", "limits": FREE,
              "checked_at": iso(blocked_at)}
    (bid,), = trader.sql(
        """INSERT INTO signals_blocked (user_id, strategy_id, strategy_version, runtime_id, instrument, timeframe,
                                        bar_ts, mode, side, triggered_limit, reason, observed, "limit", reason_json,
                                        blocked_at)
           VALUES (%s, %s, 1, %s, 'MNQ', '5m', %s, 'paper', 'short', %s, %s, '6', '6', %s, %s) RETURNING id""",
        trader.user.id, trader.strategy_id, trader.runtimes["paper"], blocked_at - timedelta(minutes=5), breaker,
        f"{breaker}_reached", json.dumps(reason), blocked_at)
    return str(bid)


def test_blocked_signals_page_newest_first_and_only_the_callers(
        client: httpx.Client, trader: Trader, owner_sql: Callable[..., list[tuple[Any, ...]]]) -> None:
    ids = [blocked_row(trader, utc(2026, 11, 25, 14, m)) for m in (10, 30, 20)]
    newest_first = [ids[1], ids[2], ids[0]]
    stranger = Trader(owner_sql, new_user())
    blocked_row(stranger, utc(2026, 11, 25, 15, 0))

    resp = client.get("/api/risk/blocked", params={"limit": 2}, headers=trader.user.headers)
    assert resp.status_code == 200, resp.text
    page = resp.json()
    assert (page["total"], page["limit"], page["offset"]) == (3, 2, 0)
    assert [item["id"] for item in page["items"]] == newest_first[:2]
    assert datetime.fromisoformat(page["timestamp"]).tzinfo is not None  # the server's now
    assert page["items"][0] == {
        "id": ids[1], "user_id": trader.user.id, "strategy_id": trader.strategy_id, "strategy_version": 1,
        "instrument": "MNQ", "timeframe": "5m", "bar_ts": "2026-11-25T14:25:00Z", "mode": "paper", "side": "short",
        "triggered_limit": "max_signals_per_day", "reason": "max_signals_per_day_reached", "observed": "6",
        "limit": "6", "reason_json": {"breaker": "max_signals_per_day", "reason": "max_signals_per_day_reached",
                                      "observed": "6", "limit": "6", "limits": FREE,
                                      "checked_at": "2026-11-25T14:30:00Z"},
        "blocked_at": "2026-11-25T14:30:00Z",
    }
    rest = client.get("/api/risk/blocked", params={"limit": 2, "offset": 2}, headers=trader.user.headers).json()
    assert ([i["id"] for i in rest["items"]], rest["total"], rest["offset"]) == ([newest_first[2]], 3, 2)
    past_the_end = client.get("/api/risk/blocked", params={"offset": 10}, headers=trader.user.headers).json()
    assert (past_the_end["items"], past_the_end["total"], past_the_end["limit"]) == ([], 3, 50)

    theirs = client.get("/api/risk/blocked", headers=stranger.user.headers).json()
    assert theirs["total"] == 1 and not set(ids) & {i["id"] for i in theirs["items"]}


def test_a_refusal_recorded_by_the_worker_is_listed_with_its_snapshot(
        dsn: str, client: httpx.Client, trader: Trader) -> None:
    trader.signal("live", utc(2026, 11, 25, 12, 0), exit_at=utc(2026, 11, 25, 12, 30), net_pnl="-512.75")

    async def dispatch() -> None:
        conn = await connect(dsn, role=WORKER_ROLE)
        try:
            async with transaction_on(conn) as cur:
                decision = await risk.gate(cur, trader.user.id, "live", NOW, "MNQ")
                assert decision.breaker == "daily_loss_limit"
                await risk.record_blocked(
                    cur, user_id=trader.user.id, strategy_id=trader.strategy_id, strategy_version=1,
                    runtime_id=trader.runtimes["live"], instrument="MNQ", timeframe="5m",
                    bar_ts=NOW - timedelta(minutes=5), mode="live", side="long", decision=decision)
                allowed = await risk.gate(cur, trader.user.id, "paper", NOW, "MNQ")
                with pytest.raises(ValueError):
                    await risk.record_blocked(
                        cur, user_id=trader.user.id, strategy_id=None, strategy_version=None, runtime_id=None,
                        instrument="MNQ", timeframe="5m", bar_ts=NOW, mode="paper", side=None, decision=allowed)
        finally:
            conn.close()

    run(dispatch())
    (item,) = client.get("/api/risk/blocked", headers=trader.user.headers).json()["items"]
    assert {k: item[k] for k in ("mode", "side", "triggered_limit", "reason", "observed", "limit", "bar_ts")} == {
        "mode": "live", "side": "long", "triggered_limit": "daily_loss_limit", "reason": "daily_loss_limit_breached",
        "observed": "-512.75", "limit": "-500.00", "bar_ts": "2026-11-25T14:25:00Z"}
    assert item["reason_json"] == {"breaker": "daily_loss_limit", "reason": "daily_loss_limit_breached",
                                   "observed": "-512.75", "limit": "-500.00", "limits": FREE,
                                   "checked_at": "2026-11-25T14:30:00Z"}


def test_the_gate_sees_the_day_as_of_the_bar_it_decides(dsn: str, trader: Trader) -> None:
    """Runtimes catching up on old bars run at different speeds: one deciding on the 10:05 bar must not
    see what another has already closed at 10:40 of that day, or the answer would depend on who ran first."""
    day = utc(2026, 11, 25, 15, 0)  # 09:00 Chicago
    trader.limits("paper", max_open_positions=1, cooldown_minutes=15, max_consecutive_losses=1)
    trader.signal("paper", day + timedelta(minutes=20), exit_at=day + timedelta(minutes=40), net_pnl="-30.00")

    async def decide(at: datetime) -> Any:
        conn = await connect(dsn, role=WORKER_ROLE)
        try:
            async with transaction_on(conn) as cur:
                return await risk.gate(cur, trader.user.id, "paper", at, "MNQ")
        finally:
            conn.close()

    before = run(decide(day + timedelta(minutes=5)))
    assert before.allowed and before.usage.to_json()["open_positions"] == 0
    during = run(decide(day + timedelta(minutes=30)))  # that signal is open then
    assert (during.allowed, during.breaker) == (False, "max_open_positions")
    after = run(decide(day + timedelta(minutes=41)))  # closed at a loss a minute ago
    assert (after.allowed, after.breaker, after.usage.daily_pnl) == (False, "max_consecutive_losses", D("-30.00"))
