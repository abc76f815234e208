"""Backtests over HTTP: a CSV imported with the real `ex7 bars import`, then trades a trader can
check by hand, with the CFTC 4.41 text next to them."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from domain.billing.compliance import CFTC_4_41_TEXT
from tests.support.graphs import sma_crossover
from tests.support.problems import assert_problem
from tests.support.users import User

# Tuesday 2024-03-05, 08:30-08:37 Chicago time (CME open). The date keeps these bars apart from
# every other test's.
BARS = """ts,open,high,low,close,volume
2024-03-05T14:30:00Z,18000,18000,18000,18000,10
2024-03-05T14:31:00Z,18000,18001,17999.75,18001,10
2024-03-05T14:32:00Z,18001,18003,18000,18002,10
2024-03-05T14:33:00Z,18002,18005.25,18001.5,18004,10
2024-03-05T14:34:00Z,18004,18004,18000,18000,10
2024-03-05T14:35:00Z,18000,18001.5,18000,18001.5,10
2024-03-05T14:36:00Z,18001.5,18002,17999.25,18000,10
2024-03-05T14:37:00Z,18000,18000.25,17999.75,18000,10
"""
FROM, TO = "2024-03-05T14:30:00Z", "2024-03-05T14:38:00Z"


def breakout_graph() -> dict[str, Any]:
    """Long when the close crosses above 18000.5; stop 8 ticks (2 points), target 16 ticks (4 points)."""
    return {
        "nodes": [
            {"id": "close", "type": "price", "params": {"field": "close"}},
            {"id": "level", "type": "constant", "params": {"value": 18000.5}},
            {"id": "cross", "type": "crosses_above", "params": {}},
            {"id": "buy", "type": "enter_long", "params": {}},
            {"id": "stop", "type": "stop_loss", "params": {"mode": "ticks", "ticks": 8}},
            {"id": "target", "type": "take_profit", "params": {"mode": "ticks", "ticks": 16}},
            {"id": "size", "type": "position_size", "params": {"contracts": 1}},
        ],
        "edges": [
            {"from": {"node": "close", "port": "value"}, "to": {"node": "cross", "port": "a"}},
            {"from": {"node": "level", "port": "value"}, "to": {"node": "cross", "port": "b"}},
            {"from": {"node": "cross", "port": "signal"}, "to": {"node": "buy", "port": "when"}},
        ],
        "meta": {},
    }


@pytest.fixture(scope="module")
def imported(dsn: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    csv = tmp_path_factory.mktemp("bars") / "mnq_1m.csv"
    csv.write_text(BARS)
    env = {**os.environ, "DATABASE_URL": dsn}
    result = subprocess.run([sys.executable, "-m", "ex7.cli", "bars", "import", str(csv), "--instrument", "MNQ",
                             "--timeframe", "1m"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _strategy(client: httpx.Client, user: User, g: dict[str, Any], timeframe: str = "1m") -> str:
    resp = client.post("/api/strategies", json={"name": f"bt-{uuid.uuid4().hex[:6]}", "instrument": "MNQ",
                                                "timeframe": timeframe, "graph": g}, headers=user.headers)
    assert resp.status_code == 201, resp.text
    return str(resp.json()["id"])


def test_backtest_trades_are_the_hand_worked_ones(imported: None, client: httpx.Client, user: User) -> None:
    sid = _strategy(client, user, breakout_graph())
    resp = client.post(f"/api/strategies/{sid}/backtest", json={"from": FROM, "to": TO}, headers=user.headers)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["disclaimer"] == CFTC_4_41_TEXT
    assert (body["bars"], body["version"], body["from"], body["to"]) == (8, 1, FROM, "2024-03-05T14:37:00Z")
    trades = [(t["side"], t["entry_time"][11:16], t["entry_price"], t["exit_time"][11:16], t["exit_price"],
               t["reason"], t["gross_pnl"], t["slippage"], t["commission"], t["net_pnl"]) for t in body["trades"]]
    assert trades == [
        # 14:31 closes at 18001 (crossing 18000.5): long at the close, stop 17999, target 18005.
        # 14:33 reaches 18005.25: target filled at 18005. Gross 4 points x $2 = $8.00; slippage
        # 2 ticks a side x 2 sides x $0.50 = $2.00; commission $0.57 x 2 = $1.14; net $4.86.
        ("long", "14:31", "18001", "14:33", "18005", "target", "8.00", "2.00", "1.14", "4.86"),
        # 14:35 closes at 18001.5, crossing again: long, stop 17999.5. 14:36 trades down to 17999.25:
        # stopped at 17999.5. Gross -2 points x $2 = -$4.00; net -4.00 - 2.00 - 1.14 = -$7.14.
        ("long", "14:35", "18001.5", "14:36", "17999.5", "stop", "-4.00", "2.00", "1.14", "-7.14"),
    ]
    stats = body["statistics"]
    assert (stats["trades"], stats["wins"], stats["losses"], stats["win_rate"]) == (2, 1, 1, 0.5)
    assert (stats["gross_pnl"], stats["net_pnl"], stats["max_drawdown"]) == ("4.00", "-2.28", "7.14")
    assert (stats["average_trade"], stats["longest_losing_streak"]) == ("-1.14", 1)
    assert stats["profit_factor"] == pytest.approx(float(Decimal("4.86") / Decimal("7.14")))


def test_backtest_of_an_older_version(imported: None, client: httpx.Client, user: User) -> None:
    sid = _strategy(client, user, breakout_graph())
    client.put(f"/api/strategies/{sid}", json={"graph": sma_crossover()}, headers=user.headers)
    old = client.post(f"/api/strategies/{sid}/backtest", json={"version": 1, "from": FROM, "to": TO},
                      headers=user.headers).json()
    assert old["version"] == 1 and old["statistics"]["trades"] == 2
    assert_problem(client.post(f"/api/strategies/{sid}/backtest", json={"version": 9}, headers=user.headers), 404)


def test_bad_range_no_data_and_invalid_graph_are_4xx(imported: None, client: httpx.Client, user: User,
                                                      other_user: User) -> None:
    sid = _strategy(client, user, breakout_graph())
    assert_problem(client.post(f"/api/strategies/{sid}/backtest", json={"from": TO, "to": FROM},
                               headers=user.headers), 422, "invalid_range")
    assert_problem(client.post(f"/api/strategies/{sid}/backtest",
                               json={"from": "1999-01-04T15:00:00Z", "to": "1999-01-04T16:00:00Z"},
                               headers=user.headers), 422, "no_market_data")
    broken = breakout_graph()
    broken["edges"].pop()
    bad = _strategy(client, user, broken)
    body = assert_problem(client.post(f"/api/strategies/{bad}/backtest", headers=user.headers), 422, "graph_invalid")
    assert body["validation_errors"]
    assert_problem(client.post(f"/api/strategies/{sid}/backtest", headers=other_user.headers), 404)


def test_backtest_agrees_with_the_domain_on_real_market_data(dsn: str, client: httpx.Client, user: User,
                                                             tmp_path: Path) -> None:
    """GOOG daily prices (real data shipped by backtesting.py), scaled onto NQ's tick grid and imported as
    1d bars through the CLI: the HTTP backtest equals the domain's run over the same bars."""
    from backtesting.test import GOOG

    from domain.engine import Bar, run_backtest
    from domain.market.calendar import bar_open

    rows, bars = ["ts,open,high,low,close,volume"], []
    day = 0
    for ts, r in GOOG.iterrows():
        if ts.year != 2012:
            continue
        day += 1
        prices = [round(float(r[k]) * 40 * 4) / 4 for k in ("Open", "High", "Low", "Close")]
        o, c = prices[0], prices[3]
        h, lo = max(prices), min(prices)
        # A 1d bar opens when its CME trading day does: 17:00 Chicago the evening before.
        stamp = bar_open(datetime(ts.year, ts.month, ts.day, 15, tzinfo=UTC), "1d", "NQ").isoformat()
        rows.append(f"{stamp},{o},{h},{lo},{c},{int(r['Volume'])}")
        bars.append((stamp, o, h, lo, c, float(int(r["Volume"]))))
    assert day > 200
    csv = tmp_path / "goog_as_nq_1d.csv"
    csv.write_text("\n".join(rows) + "\n")
    env = {**os.environ, "DATABASE_URL": dsn}
    result = subprocess.run([sys.executable, "-m", "ex7.cli", "bars", "import", str(csv), "--instrument", "NQ",
                             "--timeframe", "1d"], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(result.stdout + result.stderr)
    g = sma_crossover(fast=5, slow=20)
    resp = client.post("/api/strategies", json={"name": f"goog-{uuid.uuid4().hex[:6]}", "instrument": "NQ",
                                                "timeframe": "1d", "graph": g}, headers=user.headers)
    sid = resp.json()["id"]
    body = client.post(f"/api/strategies/{sid}/backtest", headers=user.headers).json()
    expected = run_backtest(g, "NQ", [Bar(datetime.fromisoformat(b[0]), *b[1:]) for b in bars], "1d")
    assert body["statistics"]["trades"] == expected.stats.trades > 3
    assert body["statistics"]["net_pnl"] == f"{expected.stats.net_pnl:.2f}"


def test_performance_shows_the_head_backtest_cached_with_the_disclaimer(imported: None, client: httpx.Client,
                                                                         user: User, other_user: User,
                                                                         dsn: str) -> None:
    import psycopg2

    sid = _strategy(client, user, breakout_graph())
    no_data = client.post("/api/strategies", json={"name": "nowhere", "instrument": "ZZZ", "timeframe": "1m",
                                                   "graph": breakout_graph()}, headers=user.headers).json()["id"]
    broken = breakout_graph()
    broken["edges"].pop()
    invalid = _strategy(client, user, broken)
    _strategy(client, other_user, breakout_graph())

    first = client.get("/api/performance", headers=user.headers)
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["disclaimer"] == CFTC_4_41_TEXT
    by_id = {item["strategy_id"]: item for item in body["items"]}
    assert set(by_id) == {sid, no_data, invalid}  # only the caller's strategies
    assert by_id[no_data]["backtest"] is None and by_id[invalid]["backtest"] is None
    assert by_id[sid]["live"]["signals"] == 0 and by_id[sid]["version"] == 1
    # The same statistics as an explicit backtest of the head version over all stored data.
    explicit = client.post(f"/api/strategies/{sid}/backtest", headers=user.headers).json()["statistics"]
    assert by_id[sid]["backtest"] == explicit
    # Cached: one row for the version, and the second answer is the same.
    conn = psycopg2.connect(dsn)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM backtest_cache WHERE strategy_id = %s", (sid,))
            assert cur.fetchone() == (1,)
    finally:
        conn.close()
    assert client.get("/api/performance", headers=user.headers).json() == body
