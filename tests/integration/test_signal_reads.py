"""The read side of the signal pipeline over real HTTP against real PostgreSQL: the signal list, one
signal, the legacy windows, the audit trail, the portfolio and the live column of the performance.

Rows are arranged as the database owner (tests.support.signals), as the dispatcher would write them;
the answers are checked against the contract by the test servers (validate_responses=True) and
against numbers worked out by hand here. MNQ: $2 a point, 2.00 slippage and 1.14 commission a
contract round trip; MES: $5 a point, 5.00 and 1.14.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from domain.billing.compliance import CFTC_4_41_TEXT
from domain.pagination import encode_cursor
from ex7.app import create_app
from ex7.clock import ManualClock
from tests.support.db import PostgresForTests, sql_as_owner
from tests.support.http import serve
from tests.support.problems import assert_problem
from tests.support.settings import make_settings
from tests.support.signals import arrange_audit, arrange_bar, arrange_signal, arrange_strategy
from tests.support.users import User, new_user

T = datetime(2025, 6, 3, 14, 30, tzinfo=UTC)  # a Tuesday, 09:30 in Chicago
MINUTE = timedelta(minutes=1)


def get(client: httpx.Client, path: str, user: User, **params: Any) -> dict[str, Any]:
    resp = client.get(path, params=params, headers=user.headers)
    assert resp.status_code == 200, resp.text
    body: dict[str, Any] = resp.json()
    return body


def ids(client: httpx.Client, user: User, path: str = "/api/signals", **params: Any) -> list[str]:
    return [item["id"] for item in get(client, path, user, **params)["items"]]


def walk(client: httpx.Client, user: User, path: str, limit: int, **params: Any) -> list[list[str]]:
    """Every page of a list, following next_cursor until it is null."""
    pages: list[list[str]] = []
    cursor = None
    while True:
        body = get(client, path, user, limit=limit, **params, **({"cursor": cursor} if cursor else {}))
        pages.append([item["id"] for item in body["items"]])
        cursor = body["next_cursor"]
        if cursor is None:
            return pages
        assert len(pages) < 50, "the cursor does not advance"


def newest_first(rows: list[tuple[datetime, str]]) -> list[str]:
    """Ids in (time DESC, id DESC) order: PostgreSQL orders uuids as their lower-case hex text sorts."""
    return [i for _, i in sorted(rows, reverse=True)]


@dataclass(frozen=True)
class Clocked:
    """A server of our own, on a database of its own, whose now is a ManualClock."""

    client: httpx.Client
    dsn: str
    clock: ManualClock


@pytest.fixture
def clocked(postgres: PostgresForTests, request: pytest.FixtureRequest) -> Iterator[Clocked]:
    clock = ManualClock(request.param)
    dsn = postgres.fresh_database()  # bars are shared reference data: the marks here stay here
    with serve(create_app(make_settings(), dsn, validate_responses=True, clock=clock)) as url, \
            httpx.Client(base_url=url, timeout=30) as client:
        yield Clocked(client, dsn, clock)


# --- the list: order, pagination, filters ------------------------------------------------------------

def test_list_is_newest_first_with_ties_on_fired_at_broken_by_id(client: httpx.Client, user: User,
                                                                 dsn: str) -> None:
    strategies = [arrange_strategy(dsn, user) for _ in range(4)]
    rows = [(T, arrange_signal(dsn, s, fired_at=T, status="closed")) for s in strategies]  # one bar close, four
    rows.append((T + MINUTE, arrange_signal(dsn, strategies[0], fired_at=T + MINUTE)))
    rows.append((T - MINUTE, arrange_signal(dsn, strategies[1], fired_at=T - MINUTE, status="closed")))
    body = get(client, "/api/signals", user)
    assert [s["id"] for s in body["items"]] == newest_first(rows)
    assert body["next_cursor"] is None and body["disclaimer"] == CFTC_4_41_TEXT


def test_pages_never_skip_or_repeat_a_signal_under_ties(client: httpx.Client, user: User, dsn: str) -> None:
    strategies = [arrange_strategy(dsn, user) for _ in range(4)]
    rows = [(T, arrange_signal(dsn, s, fired_at=T, status="closed")) for s in strategies]
    rows.append((T + timedelta(hours=1), arrange_signal(dsn, strategies[0], fired_at=T + timedelta(hours=1))))
    rows += [(T - timedelta(hours=1), arrange_signal(dsn, s, fired_at=T - timedelta(hours=1), status="cancelled"))
             for s in strategies[1:3]]
    expected = newest_first(rows)  # 7 signals, 4 of them on one fired_at and 2 on another
    pages = walk(client, user, "/api/signals", 3)
    assert pages == [expected[0:3], expected[3:6], expected[6:7]]
    assert walk(client, user, "/api/signals", 1) == [[i] for i in expected]
    # N + 1: a page holding exactly the rest has no next page; one fewer has one.
    assert walk(client, user, "/api/signals", 7) == [expected]
    assert walk(client, user, "/api/signals", 6) == [expected[:6], expected[6:]]


def test_every_filter_and_their_combination(client: httpx.Client, user: User, dsn: str) -> None:
    a, b = arrange_strategy(dsn, user, instrument="MNQ"), arrange_strategy(dsn, user, instrument="MES", timeframe="1m")
    a1 = arrange_signal(dsn, a, fired_at=T, side="long", status="closed", close_price="21460.25")
    a2 = arrange_signal(dsn, a, fired_at=T + 10 * MINUTE, side="short")
    b1 = arrange_signal(dsn, b, fired_at=T + 20 * MINUTE, side="long", entry_price="5000.25", status="cancelled")
    b2 = arrange_signal(dsn, b, fired_at=T + 30 * MINUTE, side="short", entry_price="5000.25")
    t1, t2 = (T + 10 * MINUTE).isoformat(), (T + 20 * MINUTE).isoformat()

    def found(**params: Any) -> set[str]:
        return set(ids(client, user, **params))

    assert found() == {a1, a2, b1, b2}
    assert found(strategy_id=a.id) == {a1, a2}
    assert found(**{"from": t1}) == {a2, b1, b2}  # at or after
    assert found(to=t2) == {a1, a2}  # before
    assert found(**{"from": t1, "to": t2}) == {a2}
    assert found(side="short") == {a2, b2}
    assert found(status="open") == {a2, b2}
    assert found(status="closed") == {a1}
    assert found(status="cancelled") == {b1}
    assert found(instrument="MES") == {b1, b2}
    assert found(instrument="ES") == set()
    assert found(strategy_id=b.id, side="long", status="cancelled", instrument="MES", to=t2.replace("+00:00", "Z"),
                 **{"from": t1}) == set()
    assert found(strategy_id=b.id, side="long", instrument="MES") == {b1}
    # RFC 3339 lets the T and the Z be lower case.
    assert found(**{"from": t1.replace("T", "t").replace("+00:00", "z")}) == {a2, b1, b2}


def test_a_closed_signal_reads_as_the_contract_says(client: httpx.Client, user: User, dsn: str) -> None:
    s = arrange_strategy(dsn, user)
    sid = arrange_signal(dsn, s, fired_at=T, side="long", entry_price="21450.25", status="closed",
                         close_price="21460.25", stop_price="21430.25", target_price="21460.25")
    expected = {
        "id": sid, "strategy_id": s.id, "strategy_version": 1, "mode": "paper", "instrument": "MNQ",
        "timeframe": "2m", "side": "long", "status": "closed", "entry_price": "21450.25", "stop_price": "21430.25",
        "target_price": "21460.25", "size": 1, "fired_at": "2025-06-03T14:30:00Z", "bar_ts": "2025-06-03T14:28:00Z",
        "closed_at": "2025-06-03T14:40:00Z", "close_price": "21460.25", "close_reason": "target",
        "gross_pnl": "20.00", "slippage": "2.00", "commission": "1.14", "net_pnl": "16.86", "slippage_ticks": 2.0,
    }
    detail = get(client, f"/api/signals/{sid}", user)
    assert {k: detail[k] for k in expected} == expected
    assert isinstance(detail["event_id"], int) and detail["disclaimer"] == CFTC_4_41_TEXT
    listed = get(client, "/api/signals", user)["items"]
    assert listed == [{k: v for k, v in detail.items() if k != "disclaimer"}]


def test_cursors_not_from_the_server_are_422(client: httpx.Client, user: User) -> None:
    not_a_uuid = encode_cursor(T, "not-a-uuid")
    naive = encode_cursor(T.replace(tzinfo=None), "7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6")
    for path in ("/api/signals", "/api/signals/audit"):
        for bad in ("garbage", "W10", "eyJhIjoxfQ", not_a_uuid, naive):
            assert_problem(client.get(path, params={"cursor": bad}, headers=user.headers), 422, "invalid_cursor")


def test_from_not_before_to_is_422_and_so_is_a_time_that_is_not_one(client: httpx.Client, user: User) -> None:
    at = T.isoformat()
    for path in ("/api/signals", "/api/signals/audit"):
        for start, end in ((at, at), ((T + MINUTE).isoformat(), at)):
            resp = client.get(path, params={"from": start, "to": end}, headers=user.headers)
            assert_problem(resp, 422, "invalid_range")
        assert_problem(client.get(path, params={"from": "yesterday"}, headers=user.headers), 422, "validation_failed")
        # Valid RFC 3339, but no UTC time Python (or the cursor) can hold: refused, not a 500.
        for edge in ("9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+01:00"):
            body = assert_problem(client.get(path, params={"to": edge}, headers=user.headers), 422,
                                  "validation_failed")
            assert body["errors"][0]["loc"] == ["query", "to"]


# --- whose signals --------------------------------------------------------------------------------------

def test_another_users_signal_is_404_and_in_none_of_their_lists(client: httpx.Client, user: User,
                                                               other_user: User, dsn: str) -> None:
    mine = arrange_strategy(dsn, user)
    sid = arrange_signal(dsn, mine, fired_at=datetime.now(UTC) - timedelta(hours=1))
    arrange_audit(dsn, mine, bar_ts=T)
    assert get(client, f"/api/signals/{sid}", user)["id"] == sid
    assert_problem(client.get(f"/api/signals/{sid}", headers=other_user.headers), 404, "signal_not_found")
    assert_problem(client.get("/api/signals/7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6", headers=user.headers), 404,
                   "signal_not_found")
    assert ids(client, other_user) == []
    assert ids(client, other_user, strategy_id=mine.id) == []
    assert ids(client, other_user, "/api/signals/audit") == []
    assert ids(client, other_user, "/api/legacy/signals") == []
    assert ids(client, other_user, "/api/legacy/signals/MNQ") == []
    assert ids(client, user, "/api/legacy/signals/MNQ") == [sid]


# --- the audit trail ------------------------------------------------------------------------------------

def test_audit_is_newest_bar_first_ties_by_id_and_pages_through_every_row(client: httpx.Client, user: User,
                                                                          dsn: str) -> None:
    strategies = [arrange_strategy(dsn, user) for _ in range(3)]
    rows = [(T, arrange_audit(dsn, s, bar_ts=T)) for s in strategies]  # three runtimes, one bar
    rows += [(T + 2 * MINUTE, arrange_audit(dsn, s, bar_ts=T + 2 * MINUTE, decision="enter_long"))
             for s in strategies[:2]]
    rows.append((T - 2 * MINUTE, arrange_audit(dsn, strategies[0], bar_ts=T - 2 * MINUTE, decision="error",
                                               reason="division by zero")))
    rows.append((T + 4 * MINUTE, arrange_audit(dsn, strategies[2], bar_ts=T + 4 * MINUTE, decision="blocked",
                                               reason="daily loss limit")))
    expected = newest_first(rows)
    assert ids(client, user, "/api/signals/audit") == expected
    assert walk(client, user, "/api/signals/audit", 3) == [expected[0:3], expected[3:6], expected[6:7]]
    assert walk(client, user, "/api/signals/audit", 7) == [expected]
    assert walk(client, user, "/api/signals/audit", 2, decision="enter_long") == [
        [i for i in expected if i in {r[1] for r in rows[3:5]}]]


def test_audit_filters_and_the_entry_as_stored(client: httpx.Client, user: User, dsn: str) -> None:
    a, b = arrange_strategy(dsn, user), arrange_strategy(dsn, user, instrument="MES", timeframe="1m")
    inputs = {"close": "21450.25", "ema_20": "21441.10", "rsi_14": 58.2, "nested": {"n": [1, 2, 2**70]}}
    a1 = arrange_audit(dsn, a, bar_ts=T, decision="enter_long", inputs=inputs)
    a2 = arrange_audit(dsn, a, bar_ts=T + 2 * MINUTE, decision="exit", reason="exit rule")
    b1 = arrange_audit(dsn, b, bar_ts=T + 4 * MINUTE, decision="skipped", reason="market closed")

    def found(**params: Any) -> set[str]:
        return set(ids(client, user, "/api/signals/audit", **params))

    assert found(strategy_id=a.id) == {a1, a2}
    assert found(decision="skipped") == {b1}
    assert found(decision="hold") == set()
    assert found(**{"from": (T + 2 * MINUTE).isoformat()}) == {a2, b1}
    assert found(to=(T + 2 * MINUTE).isoformat()) == {a1}
    assert found(strategy_id=a.id, **{"from": T.isoformat(), "to": (T + 4 * MINUTE).isoformat()}) == {a1, a2}
    entry = next(e for e in get(client, "/api/signals/audit", user)["items"] if e["id"] == a1)
    assert {k: v for k, v in entry.items() if k != "created_at"} == {
        "id": a1, "strategy_id": a.id, "strategy_version": 1, "runtime_id": a.runtimes["paper"], "instrument": "MNQ",
        "timeframe": "2m", "bar_ts": "2025-06-03T14:30:00Z", "decision": "enter_long", "inputs": inputs,
        "reason": None}


# --- the legacy windows ---------------------------------------------------------------------------------

NOW = datetime(2026, 3, 4, 23, 30, tzinfo=UTC)  # Wednesday 17:30 in Chicago (CST): half an hour into Thursday


@pytest.mark.parametrize("clocked", [NOW], indirect=True)
def test_legacy_lists_are_the_window_of_hours_newest_first(clocked: Clocked) -> None:
    user, dsn, client = new_user(), clocked.dsn, clocked.client
    mnq = [arrange_strategy(dsn, user) for _ in range(4)]
    mes = arrange_strategy(dsn, user, instrument="MES", timeframe="1m")
    hour = timedelta(hours=1)
    recent = arrange_signal(dsn, mnq[0], fired_at=NOW - hour)
    edge = arrange_signal(dsn, mnq[1], fired_at=NOW - 24 * hour)  # exactly 24 hours ago: in the window
    outside = arrange_signal(dsn, mnq[2], fired_at=NOW - 24 * hour - timedelta(microseconds=1))
    old = arrange_signal(dsn, mnq[3], fired_at=NOW - 168 * hour)
    mes_recent = arrange_signal(dsn, mes, fired_at=NOW - 2 * hour, entry_price="5000.25")

    def legacy(path: str = "/api/legacy/signals", **params: Any) -> list[str]:
        body = get(client, path, user, **params)
        assert body["disclaimer"] == CFTC_4_41_TEXT and set(body) == {"items", "disclaimer"}
        return [s["id"] for s in body["items"]]

    assert legacy() == [recent, mes_recent, edge]
    assert legacy(hours=1) == [recent]
    assert legacy(hours=168) == [recent, mes_recent, edge, outside, old]
    assert legacy("/api/legacy/signals/MNQ") == [recent, edge]
    assert legacy("/api/legacy/signals/MES", hours=1) == []
    assert legacy("/api/legacy/signals/MES") == [mes_recent]
    assert legacy("/api/legacy/signals/ES") == []  # in the catalogue, no signals
    assert_problem(client.get("/api/legacy/signals/XYZ", headers=user.headers), 404, "instrument_not_found")
    assert_problem(client.get("/api/legacy/signals/mnq", headers=user.headers), 422)  # not a symbol at all
    assert_problem(client.get("/api/legacy/signals", params={"hours": 169}, headers=user.headers), 422)


# --- the portfolio --------------------------------------------------------------------------------------

DAY_START = datetime(2026, 3, 4, 23, 0, tzinfo=UTC)  # 17:00 CST: the trading day of NOW started here


@dataclass(frozen=True)
class Book:
    signals: dict[str, str]  # name -> signal id
    strategies: dict[str, str]  # name -> strategy id


def _at(hour: int, minute: int) -> datetime:
    return datetime(2026, 3, 4, hour, minute, tzinfo=UTC)


def _arrange_book(dsn: str, user: User) -> Book:
    """The paper book worked out in test_portfolio_today_cumulative_and_open_positions, and one live trade."""
    a = arrange_strategy(dsn, user, modes=("paper", "live"))
    b = arrange_strategy(dsn, user)
    mes = arrange_strategy(dsn, user, instrument="MES", timeframe="1m")
    es = arrange_strategy(dsn, user, instrument="ES", timeframe="5m")
    signals = {
        # Yesterday's trading day. y1 entered before y0 but exited after it: the curve is in exit order.
        "y1": arrange_signal(dsn, a, fired_at=_at(14, 0), status="closed", close_price="21470.25",
                             exit_market_at=_at(21, 40)),  # +40.00 gross, +36.86 net
        "y0": arrange_signal(dsn, b, fired_at=_at(14, 50), status="closed", close_price="21445.25",
                             exit_market_at=_at(15, 0)),  # -10.00 gross, -13.14 net
        # Entered yesterday (15:59 CT), closed today: cumulative, not today.
        "y3": arrange_signal(dsn, b, fired_at=_at(21, 59), status="closed", close_price="21440.25",
                             exit_market_at=_at(23, 5)),  # -20.00 gross, -23.14 net
        # Today, from its first instant: a short cancelled by the user.
        "t1": arrange_signal(dsn, a, fired_at=DAY_START, side="short", status="cancelled", close_price="21460.25",
                             exit_market_at=_at(23, 10)),  # -20.00 gross, -23.14 net
        "t2": arrange_signal(dsn, a, fired_at=_at(23, 12)),  # open, long MNQ at 21450.25
        "es": arrange_signal(dsn, es, fired_at=_at(23, 15), side="short", size=2, entry_price="5000.00"),  # no bars
        "mes": arrange_signal(dsn, mes, fired_at=_at(23, 20), entry_price="5000.25"),  # open, long MES
        # Live: one losing trade, kept out of the paper portfolio.
        "live": arrange_signal(dsn, a, mode="live", fired_at=_at(23, 1), status="closed", close_price="21440.25",
                               exit_market_at=_at(23, 3)),  # -23.14 net
    }
    return Book(signals, {"a": a.id, "es": es.id, "mes": mes.id})


def _arrange_marks(dsn: str) -> None:
    arrange_bar(dsn, "MNQ", _at(23, 28), "21445.00")
    arrange_bar(dsn, "MNQ", _at(23, 29), "21440.75")  # the newest MNQ 1m bar: t2's mark
    arrange_bar(dsn, "MES", _at(23, 27), "4000.00")
    arrange_bar(dsn, "MES", _at(23, 28), "5010.25")  # the newest MES 1m bar
    arrange_bar(dsn, "MES", _at(23, 30), "5010.00", timeframe="5m")  # newer, but not 1m: not a mark


@pytest.mark.parametrize("clocked", [NOW], indirect=True)
def test_portfolio_today_cumulative_and_open_positions(clocked: Clocked) -> None:
    user, other = new_user(), new_user()
    book = _arrange_book(clocked.dsn, user)
    _arrange_book(clocked.dsn, other)  # someone else's identical book changes nothing of ours
    _arrange_marks(clocked.dsn)
    signals, strategies = book.signals, book.strategies
    body = get(clocked.client, "/api/portfolio", user)
    assert body["trading_day_start"] == "2026-03-04T23:00:00Z" and body["disclaimer"] == CFTC_4_41_TEXT
    # Today: t1 (closed, -23.14), t2, es and mes (open); y3 entered yesterday.
    assert body["today"] == {"signals": 4, "open": 3, "closed": 1, "net_pnl": "-23.14"}
    # Closed in exit order: y0 -13.14, y1 +36.86, y3 -23.14, t1 -23.14. The equity curve runs -13.14, 23.72,
    # 0.58, -22.56: the deepest fall is from 23.72 to -22.56. (In entry order it would be 59.42.)
    assert body["cumulative"] == {
        "signals": 7, "closed": 4, "wins": 1, "losses": 3, "win_rate": 0.25, "net_pnl": "-22.56",
        "best_trade": "36.86", "worst_trade": "-23.14", "profit_factor": pytest.approx(36.86 / 59.42),
        "max_drawdown": "46.28"}
    assert body["open_positions"] == [
        # MES long 1 from 5000.25, marked at 5010.25: +50.00 gross - 5.00 - 1.14.
        {"signal_id": signals["mes"], "strategy_id": strategies["mes"], "instrument": "MES",
         "side": "long", "size": 1, "entry_price": "5000.25", "mark_price": "5010.25",
         "mark_at": "2026-03-04T23:29:00Z", "unrealized_pnl": "43.86"},
        {"signal_id": signals["es"], "strategy_id": strategies["es"], "instrument": "ES",
         "side": "short", "size": 2, "entry_price": "5000", "mark_price": None, "mark_at": None,
         "unrealized_pnl": None},
        # MNQ long 1 from 21450.25, marked at 21440.75: -19.00 gross - 2.00 - 1.14.
        {"signal_id": signals["t2"], "strategy_id": strategies["a"], "instrument": "MNQ",
         "side": "long", "size": 1, "entry_price": "21450.25", "mark_price": "21440.75",
         "mark_at": "2026-03-04T23:30:00Z", "unrealized_pnl": "-22.14"},
    ]
    # One losing live trade: its loss is the whole drawdown (the curve starts at 0); nothing won over
    # something lost is a profit factor of 0 (null is for nothing lost).
    live = get(clocked.client, "/api/portfolio", user, mode="live")
    assert live["today"] == {"signals": 1, "open": 0, "closed": 1, "net_pnl": "-23.14"}
    assert live["cumulative"] == {
        "signals": 1, "closed": 1, "wins": 0, "losses": 1, "win_rate": 0.0, "net_pnl": "-23.14",
        "best_trade": "-23.14", "worst_trade": "-23.14", "profit_factor": 0.0, "max_drawdown": "23.14"}
    assert live["open_positions"] == []


@pytest.mark.parametrize("clocked", [datetime(2026, 3, 5, 22, 59, 59, 999999, tzinfo=UTC)], indirect=True)
def test_today_ends_at_the_next_17_00_in_chicago(clocked: Clocked) -> None:
    user = new_user()
    _arrange_book(clocked.dsn, user)
    before = get(clocked.client, "/api/portfolio", user)  # 16:59:59.999999 CST: still the same trading day
    assert before["trading_day_start"] == "2026-03-04T23:00:00Z" and before["today"]["signals"] == 4
    clocked.clock.set(datetime(2026, 3, 5, 23, 0, tzinfo=UTC))  # 17:00 CST: a new trading day
    after = get(clocked.client, "/api/portfolio", user)
    assert after["trading_day_start"] == "2026-03-05T23:00:00Z"
    assert after["today"] == {"signals": 0, "open": 0, "closed": 0, "net_pnl": "0.00"}
    assert after["cumulative"] == before["cumulative"] and after["cumulative"]["signals"] == 7


@pytest.mark.parametrize("clocked", [datetime(2026, 7, 1, 21, 59, tzinfo=UTC)], indirect=True)
def test_the_trading_day_follows_daylight_saving_time(clocked: Clocked) -> None:
    user = new_user()
    s, t = arrange_strategy(clocked.dsn, user), arrange_strategy(clocked.dsn, user)
    # In summer (CDT, UTC-5) 17:00 in Chicago is 22:00 UTC (in winter 23:00): now, 21:59 UTC, is the last
    # minute of the trading day that began at 22:00 the evening before.
    arrange_signal(clocked.dsn, s, fired_at=datetime(2026, 6, 30, 22, 0, tzinfo=UTC))
    arrange_signal(clocked.dsn, t, fired_at=datetime(2026, 6, 30, 21, 59, 59, tzinfo=UTC), status="closed")
    body = get(clocked.client, "/api/portfolio", user)
    assert body["trading_day_start"] == "2026-06-30T22:00:00Z" and body["today"]["signals"] == 1


def test_an_empty_portfolio(client: httpx.Client, user: User) -> None:
    body = get(client, "/api/portfolio", user)
    assert body["today"] == {"signals": 0, "open": 0, "closed": 0, "net_pnl": "0.00"}
    assert body["cumulative"] == {"signals": 0, "closed": 0, "wins": 0, "losses": 0, "win_rate": None,
                                  "net_pnl": "0.00", "best_trade": None, "worst_trade": None, "profit_factor": None,
                                  "max_drawdown": "0.00"}
    assert body["open_positions"] == []


# --- the live column of the performance -----------------------------------------------------------------

def test_performance_shows_each_strategys_live_statistics(client: httpx.Client, user: User, other_user: User,
                                                          dsn: str) -> None:
    a = arrange_strategy(dsn, user, modes=("paper", "live"))
    quiet = arrange_strategy(dsn, user)
    arrange_signal(dsn, a, fired_at=T, status="closed", close_price="21470.25")  # +36.86
    arrange_signal(dsn, a, fired_at=T + 10 * MINUTE, status="cancelled", close_price="21440.25")  # -23.14
    arrange_signal(dsn, a, fired_at=T + 20 * MINUTE, status="closed", close_price="21460.25")  # +16.86
    arrange_signal(dsn, a, fired_at=T + 30 * MINUTE, status="closed", close_price="21450.25")  # -3.14: the costs
    arrange_signal(dsn, a, fired_at=T + 40 * MINUTE)  # open
    arrange_signal(dsn, a, mode="live", fired_at=T + 50 * MINUTE, status="closed", close_price="21455.25")  # +6.86
    theirs = arrange_strategy(dsn, other_user)
    arrange_signal(dsn, theirs, fired_at=T, status="closed", close_price="21470.25")

    body = get(client, "/api/performance", user)
    live = {item["strategy_id"]: item["live"] for item in body["items"]}
    assert set(live) == {a.id, quiet.id} and body["disclaimer"] == CFTC_4_41_TEXT
    assert live[a.id] == {"signals": 6, "open": 1, "closed": 5, "wins": 3, "losses": 2, "win_rate": 0.6,
                          "net_pnl": "34.30"}
    assert live[quiet.id] == {"signals": 0, "open": 0, "closed": 0, "wins": 0, "losses": 0, "win_rate": None,
                              "net_pnl": "0.00"}
    assert [i["live"]["signals"] for i in get(client, "/api/performance", other_user)["items"]] == [1]


def test_a_scratch_is_closed_but_neither_a_win_nor_a_loss(client: httpx.Client, user: User, dsn: str) -> None:
    # With today's costs no trade nets exactly zero (no whole number of ticks makes up the commissions'
    # cents), so the zero is written by hand.
    s = arrange_strategy(dsn, user)
    sid = arrange_signal(dsn, s, fired_at=T, status="closed", close_price="21460.25")
    sql_as_owner(dsn, "UPDATE signals SET net_pnl = 0 WHERE id = %s", sid)
    live = get(client, "/api/performance", user)["items"][0]["live"]
    assert (live["closed"], live["wins"], live["losses"], live["win_rate"]) == (1, 0, 0, 0.0)
    assert Decimal(live["net_pnl"]) == 0
