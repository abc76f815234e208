"""Backtest statistics on a hand-made trade list, and run_backtest's end-of-data rule.

The trade list (MNQ, one contract, net after $2.00 slippage and $1.14 commission), in exit order:

  #  exit (UTC)            trading date   net
  1  Mon 03-03 16:00       Mon 03-03     +100.00
  2  Mon 03-03 18:00       Mon 03-03      -50.00
  3  Mon 03-03 23:30       Tue 03-04      -30.00   (17:30 CST: after the 17:00 start of Tuesday's trading day)
  4  Wed 03-05 15:00       Wed 03-05        0.00   (a scratch: neither win nor loss)
  5  Wed 03-05 16:00       Wed 03-05      -20.00
  6  Fri 03-07 15:00       Fri 03-07      +80.00

Bars run from Mon 2025-03-03 15:00 UTC to Mon 2025-03-10 15:00 UTC: trading dates 03-03 .. 03-07 and
03-10 (the weekend has none), so the daily P&L is [50, -30, -20, 0, 80, 0].
"""

from __future__ import annotations

import math
import statistics
from datetime import UTC, datetime, timedelta
from decimal import Decimal as D

import pytest

from domain.engine import BacktestStats, Bar, BarColumns, ExitEvent, Trade, compute_stats, daily_pnl, run_backtest
from domain.errors import Invalid
from tests.support.bars import bars
from tests.support.graphs import stop, threshold_graph

FIRST = datetime(2025, 3, 3, 15, 0, tzinfo=UTC)
LAST = datetime(2025, 3, 10, 15, 0, tzinfo=UTC)


def trade(exit_ts: datetime, net: str) -> Trade:
    n = D(net)
    return Trade("long", 1, exit_ts - timedelta(minutes=5), D("18000.00"), exit_ts, D("18000.00"), "exit", None, None,
                 n + D("3.14"), D("2.00"), D("1.14"), n)


TRADES = [
    trade(datetime(2025, 3, 3, 16, 0, tzinfo=UTC), "100.00"),
    trade(datetime(2025, 3, 3, 18, 0, tzinfo=UTC), "-50.00"),
    trade(datetime(2025, 3, 3, 23, 30, tzinfo=UTC), "-30.00"),
    trade(datetime(2025, 3, 5, 15, 0, tzinfo=UTC), "0.00"),
    trade(datetime(2025, 3, 5, 16, 0, tzinfo=UTC), "-20.00"),
    trade(datetime(2025, 3, 7, 15, 0, tzinfo=UTC), "80.00"),
]


@pytest.fixture(scope="module")
def stats() -> BacktestStats:
    return compute_stats(TRADES, FIRST, LAST, "MNQ")


def test_counts_and_win_rate(stats: BacktestStats) -> None:
    assert (stats.trades, stats.wins, stats.losses, stats.scratches) == (6, 2, 3, 1)
    assert stats.win_rate == 2 / 6  # scratches count in the denominator


def test_pnl_sums(stats: BacktestStats) -> None:
    assert stats.net_pnl == D("80.00")  # 100 - 50 - 30 + 0 - 20 + 80
    assert stats.gross_pnl == D("98.84")  # net + 6 x 3.14
    assert (stats.slippage, stats.commission) == (D("12.00"), D("6.84"))


def test_profit_factor(stats: BacktestStats) -> None:
    assert stats.profit_factor == 1.8  # (100 + 80) / (50 + 30 + 20)


def test_max_drawdown_on_the_closed_trade_equity_curve(stats: BacktestStats) -> None:
    # equity 100, 50, 20, 20, 0, 80: peak 100, trough 0
    assert stats.max_drawdown == D("100.00")


def test_average_trade_and_losing_streak(stats: BacktestStats) -> None:
    assert stats.average_trade == D("13.33")  # 80 / 6 = 13.333...
    assert stats.longest_losing_streak == 2  # trades 2 and 3; the scratch (4) breaks the run before 5


def test_daily_pnl_by_cme_trading_day_with_empty_days_as_zero() -> None:
    days = daily_pnl(TRADES, FIRST, LAST, "MNQ")
    assert [(d.isoformat(), v) for d, v in days.items()] == [
        ("2025-03-03", D("50.00")), ("2025-03-04", D("-30.00")), ("2025-03-05", D("-20.00")),
        ("2025-03-06", D("0.00")), ("2025-03-07", D("80.00")), ("2025-03-10", D("0.00"))]


def test_sharpe_on_daily_pnl(stats: BacktestStats) -> None:
    daily = [50, -30, -20, 0, 80, 0]
    expected = statistics.fmean(daily) / statistics.stdev(daily) * math.sqrt(252)
    assert stats.sharpe == pytest.approx(expected, rel=1e-12)
    assert stats.sharpe == pytest.approx(4.9523, abs=1e-4)  # 13.333 / 42.7395 x 15.8745


def test_degenerate_statistics() -> None:
    empty = compute_stats([], FIRST, LAST, "MNQ")
    assert (empty.trades, empty.win_rate, empty.profit_factor, empty.average_trade, empty.sharpe) == (
        0, None, None, None, None)  # all-zero days: zero deviation
    assert (empty.net_pnl, empty.max_drawdown, empty.longest_losing_streak) == (D("0.00"), D("0.00"), 0)
    winners = compute_stats(TRADES[:1], FIRST, FIRST, "MNQ")
    assert winners.profit_factor is None  # no losing trade
    assert winners.sharpe is None  # one day
    assert winners.max_drawdown == D("0.00")


# ---- run_backtest ------------------------------------------------------------------------------

def test_open_position_is_closed_at_the_last_close_as_end_of_data() -> None:
    g = threshold_graph(long_above=18005, risk=[stop(80)])
    rows = bars((18000, 18010, 18000, 18010), (18010, 18012, 18008, 18011), (18011, 18014, 18009, 18013))
    for accelerated in (False, True):
        result = run_backtest(g, "MNQ", rows, "1m", accelerated=accelerated)
        assert all(not isinstance(e, ExitEvent) for e in result.events)  # the engine still holds it
        assert result.open_position is not None
        (t,) = result.trades
        assert (t.reason, t.entry_price, t.exit_price, t.exit_ts) == ("end_of_data", D("18010.00"), D("18013.00"),
                                                                     rows[-1].ts)
        assert (t.gross, t.net) == (D("6.00"), D("2.86"))  # 3.00 points x $2 - 3.14
        assert (result.stats.trades, result.stats.wins, result.bars) == (1, 1, 3)


def test_trades_carry_the_stop_and_target_of_their_entry() -> None:
    g = threshold_graph(long_above=18005, risk=[stop(20), ("tp", "take_profit", {"mode": "ticks", "ticks": 40})])
    rows = bars((18000, 18010, 18000, 18010), (18010, 18012, 18004, 18004))
    (t,) = run_backtest(g, "MNQ", rows, "1m").trades
    assert (t.reason, t.stop, t.target, t.exit_price, t.net) == ("stop", D("18005.00"), D("18020.00"), D("18005.00"),
                                                                 D("-13.14"))
    assert t.to_json()["net"] == "-13.14"


def test_no_bars_is_an_error_and_columns_equal_bars() -> None:
    g = threshold_graph(long_above=18005, risk=[stop(20)])
    with pytest.raises(Invalid) as err:
        run_backtest(g, "MNQ", [], "1m")
    assert err.value.code == "no_market_data"
    rows: list[Bar] = bars((18000, 18010, 18000, 18010))
    one = run_backtest(g, "MNQ", BarColumns.from_bars(rows), "1m")
    assert one.trades == run_backtest(g, "MNQ", rows, "1m", accelerated=True).trades
    assert one.trades[0].reason == "end_of_data" and one.trades[0].net == D("-3.14")


@pytest.mark.parametrize("accelerated", [False, True])
def test_bars_out_of_order_or_without_time_zone_are_refused(accelerated: bool) -> None:
    g = threshold_graph(long_above=18005, risk=[stop(20)])
    rows = bars((18000, 18010, 18000, 18010), (18010, 18012, 18008, 18011))
    for bad, code in (([rows[1], rows[0]], "invalid_bars"), ([rows[0], rows[0]], "invalid_bars"),
                      ([Bar(rows[0].ts.replace(tzinfo=None), 1, 1, 1, 1, 1)], "invalid_bars")):
        with pytest.raises(Invalid) as err:
            run_backtest(g, "MNQ", bad, "1m", accelerated=accelerated)
        assert err.value.code == code
