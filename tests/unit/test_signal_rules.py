"""The pipeline's pure rules: warm-up, flattening, lateness, start gates, reconciliation."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from domain.engine import compile_graph, run_backtest
from domain.market.bars import StoredBar
from domain.market.synthetic import bars_between
from domain.signals.errors import LiveModeDisabled, StrategyNotStartable
from domain.signals.reconcile import reconcile
from domain.signals.records import Signal
from domain.signals.runtime import ArrivedBar, check_startable, late_reason, warmup_bar_count
from domain.strategy.fixtures import get_fixture
from services.dispatch import engine_bar
from tests.support.graphs import make_graph, stop, threshold_graph

T = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
BARS = [engine_bar(b) for b in bars_between("MNQ", T, T + timedelta(hours=8), seed=2)]


def test_warm_bars_advance_the_indicators_but_never_trade() -> None:
    plan = compile_graph(get_fixture("demo-1m-momentum")["graph"], "MNQ", "1m")
    ev = plan.evaluator()
    for bar in BARS[:200]:
        ev.warm(bar)
    assert ev.position is None and ev.bars_seen == 200 and ev.last_bar_ts == BARS[199].ts
    # Going live after the warm-up decides exactly as a backtest told to warm up on the same bars.
    events = [e for bar in BARS[200:] for e in ev.step(bar)]
    result = run_backtest(plan, "MNQ", BARS, "1m", warmup=200)
    assert events == result.events and len(result.trades) > 10
    assert result.first_bar_ts == BARS[200].ts and result.bars == len(BARS) - 200


def test_a_backtest_with_no_live_bar_after_its_warm_up_has_no_data() -> None:
    from domain.market.errors import NoMarketData

    plan = compile_graph(get_fixture("demo-1m-momentum")["graph"], "MNQ", "1m")
    with pytest.raises(NoMarketData):
        run_backtest(plan, "MNQ", BARS[:10], "1m", warmup=10)


def test_flatten_forgets_the_position_and_the_next_signal_enters_again() -> None:
    plan = compile_graph(threshold_graph(long_above=1.0, risk=[stop(400)]), "MNQ", "1m")
    ev = plan.evaluator()
    assert [e.kind for e in ev.step(BARS[0])] == ["entry"]
    assert ev.step(BARS[1]) == []  # holding: a same-side signal is ignored
    ev.flatten()
    assert ev.position is None
    assert [e.kind for e in ev.step(BARS[2])] == ["entry"]
    restored = plan.restore(ev.snapshot())
    assert restored.position == ev.position


def test_warm_up_length_follows_the_longest_chain_of_lookbacks() -> None:
    ema = compile_graph(get_fixture("ema-crossover")["graph"], "MNQ", "5m")
    # EMA(21) needs 20 bars, the cross one more; the ATR(14) stop 14: the chain of 21 wins.
    assert ema.warmup_bars == 22 and warmup_bar_count(ema) == 3 * 22 + 10 and not ema.needs_session
    chained = make_graph([("price", "price", {"field": "close"}), ("rsi", "rsi", {"period": 14}),
                          ("smooth", "sma", {"period": 5}), ("level", "constant", {"value": 50}),
                          ("cmp", "compare", {"op": ">"}), ("long", "enter_long", {}), stop(20)],
                         ["price.value -> rsi.series", "rsi.value -> smooth.series", "smooth.value -> cmp.a",
                          "level.value -> cmp.b", "cmp.signal -> long.when"])
    assert compile_graph(chained, "MNQ", "1m").warmup_bars == 14 + 4 + 1
    assert compile_graph(get_fixture("opening-range-breakout")["graph"], "MNQ", "1m").needs_session


def _arrived(close_at: datetime, arrived_at: datetime, source: str = "synthetic") -> ArrivedBar:
    bar = StoredBar(close_at - timedelta(minutes=1), Decimal(1), Decimal(1), Decimal(1), Decimal(1), 1)
    return ArrivedBar(bar, close_at, arrived_at, source)


def test_lateness_is_measured_from_arrival_and_history_by_the_bars_close() -> None:
    grace = timedelta(seconds=30)
    bar = _arrived(T, T)
    assert late_reason(bar, T + timedelta(seconds=90), T, "1m", grace) is None  # exactly the timeframe + grace
    assert late_reason(bar, T + timedelta(seconds=91), T, "1m", grace).startswith("late: processed 91 s")
    # A 5m bar may wait longer.
    assert late_reason(bar, T + timedelta(seconds=300), T, "5m", grace) is None
    # An old bar arriving now: history, unless a replay plays it (a rehearsal plays as live).
    old = _arrived(T - timedelta(days=30), T)
    assert late_reason(old, T, T, "1m", grace).startswith("history: the bar closed")
    assert late_reason(dataclasses.replace(old, source="replay"), T, T, "1m", grace) is None


def test_start_gates_3_then_4() -> None:
    for status in ("ready", "live", "paused"):
        check_startable(status, "paper")
    for status in ("draft", "archived"):
        with pytest.raises(StrategyNotStartable):
            check_startable(status, "live")  # not startable comes before live
    with pytest.raises(LiveModeDisabled):
        check_startable("ready", "live")


def _signal(trade: object, **changes: object) -> Signal:
    t = trade
    base = Signal(id="s", user_id="u", strategy_id="st", strategy_version=1, runtime_id="r", mode="paper",
                  instrument="MNQ", timeframe="1m", side=t.side, status="closed",  # type: ignore[attr-defined]
                  entry_price=t.entry_price, stop_price=None, target_price=None,  # type: ignore[attr-defined]
                  size=1, bar_ts=t.entry_ts, entry_market_at=t.entry_ts, fired_at=t.entry_ts,  # type: ignore[attr-defined]
                  closed_at=t.exit_ts, exit_bar_ts=t.exit_ts, exit_market_at=t.exit_ts,  # type: ignore[attr-defined]
                  close_price=t.exit_price, close_reason=t.reason, gross_pnl=t.gross,  # type: ignore[attr-defined]
                  slippage=t.slippage, commission=t.commission, net_pnl=t.net,  # type: ignore[attr-defined]
                  slippage_ticks=Decimal(2), event_id=1)
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_reconciliation_matches_trade_for_trade_and_lists_each_difference() -> None:
    plan = compile_graph(get_fixture("demo-1m-momentum")["graph"], "MNQ", "1m")
    trades = [t for t in run_backtest(plan, "MNQ", BARS, "1m").trades if t.reason != "end_of_data"]
    assert len(trades) > 5
    same = reconcile(trades, [_signal(t) for t in trades])
    assert same.agrees and same.matched == len(trades)
    paper = [_signal(t) for t in trades]
    paper[1] = _signal(trades[1], net_pnl=trades[1].net + 1)  # a different P&L
    del paper[2]  # blocked by the risk gate
    paper[3] = _signal(trades[4], status="cancelled", close_reason="user")
    diff = reconcile(trades, paper)
    assert not diff.agrees and diff.matched == len(trades) - 3
    [different] = diff.different
    assert different["paper"]["net_pnl"] != different["backtest"]["net_pnl"]
    assert [m["entry_bar_ts"] for m in diff.missing_in_paper] == [trades[2].entry_ts.isoformat(),
                                                              trades[4].entry_ts.isoformat()]
    assert [c["reason"] for c in diff.closed_outside_engine] == ["user"]
