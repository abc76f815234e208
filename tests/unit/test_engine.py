"""The evaluator on hand-worked scenarios a trader can check on paper.

Instrument MNQ throughout: tick 0.25 = $0.50, $2 per point, commission $0.57 per side. Costs per
contract per round trip: slippage 2 ticks x 2 sides x $0.50 = $2.00, commission 2 x $0.57 = $1.14,
so net = gross - 3.14 for one contract.

Most scenarios use a "threshold" graph: enter long when the close is above L, enter short when
it is below S, exit when the close is below X (each a compare node against a constant), with risk
nodes as the test needs. Bars are 1-minute bars from Tuesday 2025-03-04 15:00 UTC (09:00 CST).
"""

from __future__ import annotations

import json
import pickle
from datetime import UTC, datetime, timedelta
from decimal import Decimal as D
from typing import Any

import pytest

from domain.engine import Bar, EntryEvent, Event, ExitEvent, compile_graph, run_backtest
from domain.errors import Invalid
from domain.strategy.catalog import NODE_TYPES
from tests.support.bars import T0, bars
from tests.support.graphs import make_graph, stop, threshold_graph


def run(graph: dict[str, Any], rows: list[Bar], timeframe: str = "1m") -> list[list[Event]]:
    ev = compile_graph(graph, "MNQ", timeframe).evaluator()
    return [ev.step(b) for b in rows]


def only(events: list[Event]) -> Event:
    assert len(events) == 1, events
    return events[0]


# ---- entries, stops, targets ---------------------------------------------------------------------

def test_entry_fills_at_the_signal_bar_close_with_stop_and_target_in_ticks() -> None:
    g = threshold_graph(long_above=18005, risk=[stop(20), ("tp", "take_profit", {"mode": "ticks", "ticks": 40}),
                                                ("size", "position_size", {"contracts": 2})])
    out = run(g, bars((18000, 18002, 17999, 18001), (18001, 18011, 18000, 18010)))
    assert out[0] == []
    entry = only(out[1])
    # close 18010.00; stop 20 ticks = 5.00 below, target 40 ticks = 10.00 above
    assert entry == EntryEvent("long", D("18010.00"), 2, D("18005.00"), D("18020.00"), T0 + timedelta(minutes=1))


def test_stop_is_hit_on_the_next_bar_and_not_on_the_entry_bar() -> None:
    g = threshold_graph(long_above=18005, risk=[stop(20)])
    out = run(g, bars(
        (18000, 18010, 18000, 18010),  # signal: close 18010 > 18005, low 18000 is below the stop: not checked
        (18010, 18012, 18004.75, 18005),  # low 18004.75 <= stop 18005.00: stopped at 18005.00
    ))  # (and the close 18005 is not above 18005: no new entry)
    entry = only(out[0])
    assert isinstance(entry, EntryEvent) and entry.stop == D("18005.00")
    ex = only(out[1])
    assert isinstance(ex, ExitEvent)
    assert (ex.reason, ex.exit_price, ex.entry_price, ex.bar_ts) == ("stop", D("18005.00"), D("18010.00"),
                                                                    T0 + timedelta(minutes=1))
    # -5.00 points x $2 = -10.00; net -10.00 - 2.00 - 1.14 = -13.14
    assert (ex.pnl.gross, ex.pnl.net) == (D("-10.00"), D("-13.14"))


def test_stop_first_when_one_bar_touches_stop_and_target() -> None:
    g = threshold_graph(long_above=18005, risk=[stop(20), ("tp", "take_profit", {"mode": "ticks", "ticks": 20})])
    out = run(g, bars((18000, 18010, 18000, 18010), (18010, 18015, 18005, 18005)))  # both 18015 and 18005 touched
    ex = only(out[1])
    assert isinstance(ex, ExitEvent) and (ex.reason, ex.exit_price) == ("stop", D("18005.00"))


def test_a_bar_opening_through_the_stop_fills_at_the_open() -> None:
    g = threshold_graph(long_above=18005, risk=[stop(20)])
    out = run(g, bars((18000, 18010, 18000, 18010), (18001.50, 18003, 18000, 18002)))  # opens below 18005
    ex = only(out[1])
    assert isinstance(ex, ExitEvent) and (ex.reason, ex.exit_price) == ("stop", D("18001.50"))
    # -8.50 points x $2 = -17.00; net -20.14
    assert ex.pnl.net == D("-20.14")


def test_a_bar_opening_through_the_target_fills_at_the_open_even_if_it_later_hits_the_stop() -> None:
    g = threshold_graph(short_below=18000, risk=[stop(20), ("tp", "take_profit", {"mode": "ticks", "ticks": 20})])
    # short at 17995.00: stop 18000.00, target 17990.00; next bar opens at 17988.00 (through the target)
    out = run(g, bars((17999, 18000, 17995, 17995), (17988, 18001, 17987, 18001)))
    entry = only(out[0])
    assert isinstance(entry, EntryEvent) and (entry.stop, entry.target) == (D("18000.00"), D("17990.00"))
    ex = only(out[1])
    assert isinstance(ex, ExitEvent) and (ex.reason, ex.exit_price) == ("target", D("17988.00"))
    assert ex.pnl.gross == D("14.00")  # 7.00 points x $2


def test_target_hit_at_the_target_price() -> None:
    g = threshold_graph(long_above=18007, risk=[stop(20), ("tp", "take_profit", {"mode": "ticks", "ticks": 12})])
    out = run(g, bars((18000, 18010, 18000, 18010), (18010, 18013.25, 18006, 18006)))  # target 18013.00
    ex = only(out[1])
    assert isinstance(ex, ExitEvent) and (ex.reason, ex.exit_price) == ("target", D("18013.00"))
    assert (ex.pnl.gross, ex.pnl.net) == (D("6.00"), D("2.86"))


def test_take_profit_in_r_multiples_of_the_stop_distance() -> None:
    # stop 19 ticks = 4.75 points; target 1.1 R = 5.225 points -> 18015.225, rounded down (adverse) to 18015.00
    g = threshold_graph(long_above=18007,
                        risk=[stop(19), ("tp", "take_profit", {"mode": "r_multiple", "r_multiple": 1.1})])
    out = run(g, bars((18000, 18010, 18000, 18010), (18010, 18015, 18006, 18006)))
    entry = only(out[0])
    assert isinstance(entry, EntryEvent) and (entry.stop, entry.target) == (D("18005.25"), D("18015.00"))
    ex = only(out[1])
    assert isinstance(ex, ExitEvent) and (ex.reason, ex.exit_price) == ("target", D("18015.00"))


def atr_graph(side: str, multiple: float, r: float | None = None) -> dict[str, Any]:
    risk = [("stop", "stop_loss", {"mode": "atr", "atr_multiple": multiple, "atr_period": 1})]
    if r is not None:
        risk.append(("tp", "take_profit", {"mode": "r_multiple", "r_multiple": r}))
    if side == "long":
        return threshold_graph(long_above=17000, risk=risk)
    return threshold_graph(short_below=19000, risk=risk)


# ATR(1) is the true range of the latest bar. Bar 1: high 18003.25, low 18000.00, previous close
# 18001.00: TR = max(3.25, |18001 - 18003.25|, |18001 - 18000|) = 3.25.
ATR_BARS = bars((18000, 18002, 17998, 18001), (18001, 18003.25, 18000, 18002), (18002, 18003, 18001, 18002))


def test_atr_stop_is_rounded_to_the_tick_grid_against_a_long() -> None:
    out = run(atr_graph("long", 1.5, r=2.0), ATR_BARS)
    assert out[0] == []  # signal, but ATR(1) has no value on the first bar: no entry without its stop
    entry = only(out[1])
    # 1.5 x 3.25 = 4.875: 18002.00 - 4.875 = 17997.125, rounded DOWN to 17997.00 (a lower stop is worse for a
    # long); stop distance 5.00, target 2R = 10.00 above
    assert isinstance(entry, EntryEvent) and (entry.price, entry.stop, entry.target) == (
        D("18002.00"), D("17997.00"), D("18012.00"))


def test_atr_stop_is_rounded_to_the_tick_grid_against_a_short() -> None:
    out = run(atr_graph("short", 1.5, r=1.1), ATR_BARS)
    entry = only(out[1])
    # 18002.00 + 4.875 = 18006.875, rounded UP to 18007.00; distance 5.00 x 1.1 = 5.50 -> target 17996.50
    assert isinstance(entry, EntryEvent) and (entry.stop, entry.target) == (D("18007.00"), D("17996.50"))


def test_atr_stop_is_at_least_one_tick_away() -> None:
    flat = bars((18000, 18000, 18000, 18000), (18000, 18000, 18000, 18000))  # ATR(1) = 0
    entry = only(run(atr_graph("long", 2.0), flat)[1])
    assert isinstance(entry, EntryEvent) and entry.stop == D("17999.75")


def test_the_nearest_of_several_stops_applies() -> None:
    g = threshold_graph(long_above=18005, risk=[stop(40), ("stop2", "stop_loss", {"mode": "ticks", "ticks": 12})])
    entry = only(run(g, bars((18000, 18010, 18000, 18010)))[0])
    assert isinstance(entry, EntryEvent) and entry.stop == D("18007.00")


# ---- closes at the bar close ---------------------------------------------------------------------

def test_opposite_entry_reverses_at_the_close() -> None:
    g = threshold_graph(long_above=18005, short_below=17995, risk=[stop(80)])
    out = run(g, bars((18000, 18010, 18000, 18010), (18010, 18011, 17991, 17992)))
    assert len(out[1]) == 2
    ex, entry = out[1]
    assert isinstance(ex, ExitEvent) and (ex.reason, ex.exit_price, ex.side) == ("reverse", D("17992.00"), "long")
    assert ex.pnl.net == D("-39.14")  # -18.00 points x $2 = -36.00, - 3.14
    assert isinstance(entry, EntryEvent) and (entry.side, entry.price, entry.stop) == ("short", D("17992.00"),
                                                                                      D("18012.00"))


def test_exit_node_closes_at_the_close() -> None:
    g = threshold_graph(long_above=18005, exit_below=18008, risk=[stop(80)])
    out = run(g, bars((18000, 18010, 18000, 18010), (18010, 18012, 18006, 18009), (18009, 18010, 18006, 18007)))
    assert out[1] == []  # 18009 is not below 18008; still above 18005 (a same-side entry: ignored)
    ex = only(out[2])
    assert isinstance(ex, ExitEvent) and (ex.reason, ex.exit_price) == ("exit", D("18007.00"))
    assert ex.pnl.gross == D("-6.00")


def test_max_bars_in_trade_closes_at_the_close_of_the_nth_bar_after_entry() -> None:
    g = threshold_graph(long_above=18005, risk=[stop(80), ("mb", "max_bars_in_trade", {"bars": 3})])
    rows = bars((18000, 18010, 18000, 18010), (18010, 18012, 18008, 18011), (18011, 18013, 18009, 18012),
                (18012, 18015, 18010, 18014), (18014, 18016, 18013, 18015))
    out = run(g, rows)
    assert isinstance(only(out[0]), EntryEvent)
    assert out[1] == out[2] == []
    ex = only(out[3])  # bar 3 = the 3rd bar after the entry bar
    assert isinstance(ex, ExitEvent) and (ex.reason, ex.exit_price) == ("max_bars", D("18014.00"))
    # flat after the exit, the close is still above 18005: a new entry on the next bar
    entry = only(out[4])
    assert isinstance(entry, EntryEvent) and entry.price == D("18015.00")


def test_one_position_same_side_entries_are_ignored() -> None:
    g = threshold_graph(long_above=18005, risk=[stop(80)])
    ev = compile_graph(g, "MNQ", "1m").evaluator()
    rows = bars((18000, 18010, 18000, 18010), (18010, 18012, 18008, 18011), (18011, 18013, 18009, 18012))
    counts = [len(ev.step(b)) for b in rows]
    assert counts == [1, 0, 0]
    d = ev.decision()
    assert (d.action, d.note, d.position, d.signals["enter_long"]) == ("hold", "already_long", "long", True)


def test_entry_after_a_stop_on_the_same_bar() -> None:
    g = threshold_graph(long_above=18005, risk=[stop(20)])
    out = run(g, bars((18000, 18010, 18000, 18010), (18010, 18011, 18004, 18009)))
    ex, entry = out[1]  # stopped at 18005.00 during the bar; flat at the close, which still signals
    assert isinstance(ex, ExitEvent) and ex.reason == "stop"
    assert isinstance(entry, EntryEvent) and entry.price == D("18009.00")


def test_conflicting_entries_on_one_bar_enter_nothing() -> None:
    g = threshold_graph(long_above=17000, short_below=19000, risk=[stop(20)])
    ev = compile_graph(g, "MNQ", "1m").evaluator()
    assert ev.step(bars((18000, 18010, 18000, 18010))[0]) == []
    assert (ev.decision().action, ev.decision().note) == ("hold", "conflicting_entries")


def test_exit_and_same_side_entry_on_one_bar_closes_and_stays_flat() -> None:
    g = threshold_graph(long_above=18005, exit_below=18020, risk=[stop(80)])
    out = run(g, bars((18000, 18010, 18000, 18010), (18010, 18012, 18008, 18011)))
    assert isinstance(only(out[0]), EntryEvent)  # the exit signal is ignored while flat
    ex = only(out[1])
    assert isinstance(ex, ExitEvent) and ex.reason == "exit"


def test_without_position_size_one_contract() -> None:
    entry = only(run(threshold_graph(long_above=18005), bars((18000, 18010, 18000, 18010)))[0])
    assert isinstance(entry, EntryEvent) and (entry.size, entry.stop, entry.target) == (1, None, None)


# ---- time ---------------------------------------------------------------------------------------

def windowed_graph(start: str, end: str) -> dict[str, Any]:
    return make_graph(
        [("w", "time_window", {"start": start, "end": end}), ("go", "enter_long", {}), stop(20)],
        ["w.active -> go.when"])


@pytest.mark.parametrize(("first_utc", "expected_local"), [
    (datetime(2025, 3, 4, 14, 28, tzinfo=UTC), "08:30"),  # winter: CST = UTC-6
    (datetime(2025, 7, 8, 13, 28, tzinfo=UTC), "08:30"),  # summer: CDT = UTC-5
])
def test_time_window_is_in_exchange_time(first_utc: datetime, expected_local: str) -> None:
    rows = bars(*[(18000, 18001, 17999, 18000)] * 4, start=first_utc)  # 08:28, 08:29, 08:30, 08:31 local
    out = run(windowed_graph("08:30", "09:00"), rows)
    assert [len(e) for e in out] == [0, 0, 1, 0]
    assert out[2][0].bar_ts == first_utc + timedelta(minutes=2)


def test_time_window_wrapping_past_midnight_and_its_end_is_exclusive() -> None:
    ev = compile_graph(windowed_graph("23:00", "01:00"), "MNQ", "1h").evaluator()
    # 22:00, 23:00, 00:00, 01:00 CST = 04:00 .. 07:00 UTC on Wed 2025-03-05
    rows = bars(*[(18000, 18001, 17999, 18000)] * 4, start=datetime(2025, 3, 5, 4, 0, tzinfo=UTC),
                step=timedelta(hours=1))
    active = []
    for b in rows:
        ev.step(b)
        active.append(ev.decision().inputs["w"]["active"])
    assert active == [False, True, True, False]


def test_opening_range_completes_on_the_close_reaching_the_window_end_and_resets_next_day() -> None:
    g = make_graph(
        [("price", "price", {"field": "close"}), ("orb", "opening_range", {"start": "08:30", "minutes": 15}),
         ("up", "crosses_above", {}), ("go", "enter_long", {}), stop(40)],
        ["price.value -> up.a", "orb.high -> up.b", "up.signal -> go.when"])
    ev = compile_graph(g, "MNQ", "5m").evaluator()
    start = datetime(2025, 3, 4, 14, 25, tzinfo=UTC)  # 08:25 CST
    rows = bars((18000, 18020, 17990, 18000),  # 08:25: before the window
                (18000, 18004, 17996, 18002),  # 08:30
                (18002, 18008, 18001, 18006),  # 08:35
                (18006, 18007, 17994, 18000),  # 08:40: its close (08:45) completes the range
                (18000, 18009, 17999, 18008.50),  # 08:45: close 18008.50 crosses above the range high 18008
                start=start, step=timedelta(minutes=5))
    ranges, counts = [], []
    for b in rows:
        counts.append(len(ev.step(b)))
        i = ev.decision().inputs["orb"]
        ranges.append((i["high"], i["low"]))
    assert ranges == [(None, None)] * 3 + [(18008.0, 17994.0)] * 2
    assert counts == [0, 0, 0, 0, 1]
    # next trading day (starts 17:00 CST): no range until its own window completes
    ev.step(Bar(datetime(2025, 3, 4, 23, 5, tzinfo=UTC), 18000, 18001, 17999, 18000, 10))
    assert ev.decision().inputs["orb"] == {"high": None, "low": None}


def orb_graph(start: str, minutes: int) -> dict[str, Any]:
    """Long when the close is at or above the opening range's low: on the bar the range completes."""
    return make_graph(
        [("price", "price", {"field": "close"}), ("orb", "opening_range", {"start": start, "minutes": minutes}),
         ("ready", "compare", {"op": ">="}), ("go", "enter_long", {}), stop(40)],
        ["price.value -> ready.a", "orb.low -> ready.b", "ready.signal -> go.when"])


def orb_run(graph: dict[str, Any], opens: list[datetime], timeframe: str) -> tuple[list[Any], list[Event]]:
    """The range on each bar and the events, bar by bar; the accelerated path must give the same events."""
    rows = [Bar(ts, 18000, 18004, 17996, 18000, 10) for ts in opens]
    ev = compile_graph(graph, "MNQ", timeframe).evaluator()
    ranges: list[Any] = []
    events: list[Event] = []
    for b in rows:
        events += ev.step(b)
        i = ev.decision().inputs["orb"]
        ranges.append(None if i["high"] is None else (i["high"], i["low"]))
    assert run_backtest(graph, "MNQ", rows, timeframe, accelerated=True).events == events
    assert run_backtest(graph, "MNQ", rows, timeframe).events == events
    return ranges, events


NEXT_DAY_OPEN = datetime(2025, 3, 4, 23, 0, tzinfo=UTC)  # 17:00 CST: the next trading day starts


@pytest.mark.parametrize(("timeframe", "opens"), [
    ("4h", [datetime(2025, 3, 4, 15, 0, tzinfo=UTC), datetime(2025, 3, 4, 19, 0, tzinfo=UTC)]),  # 09:00, 13:00 CST
    ("1h", [datetime(2025, 3, 4, h, 0, tzinfo=UTC) for h in (19, 20, 21)]),  # 13:00, 14:00, 15:00 CST
])
def test_an_opening_range_ending_after_the_session_close_never_completes(timeframe: str,
                                                                         opens: list[datetime]) -> None:
    # 13:00-16:30 CST: the last bar of the session closes at 16:00, the 4h bar opening at 13:00 included
    # (it is cut short by the close, domain.market.bars.SessionClock.bar_close); no bar closes at or
    # after 16:30, and the next bar belongs to the next trading day.
    ranges, events = orb_run(orb_graph("13:00", 210), [*opens, NEXT_DAY_OPEN], timeframe)
    assert ranges == [None] * (len(opens) + 1)
    assert events == []


def test_the_4h_bar_cut_by_the_session_close_completes_a_range_ending_at_the_close() -> None:
    # 13:00-16:00 CST on 4h bars: the 13:00 bar closes at 16:00, the window's end
    opens = [datetime(2025, 3, 4, 15, 0, tzinfo=UTC), datetime(2025, 3, 4, 19, 0, tzinfo=UTC)]  # 09:00, 13:00 CST
    ranges, events = orb_run(orb_graph("13:00", 180), opens, "4h")
    assert ranges == [None, (18004.0, 17996.0)]
    entry = only(events)
    assert isinstance(entry, EntryEvent) and entry.bar_ts == opens[1]


def test_session_vwap_resets_at_the_trading_day_start() -> None:
    g = make_graph([("price", "price", {"field": "close"}), ("vwap", "vwap", {}), ("above", "compare", {"op": ">"}),
                    ("go", "enter_long", {})],
                   ["price.value -> above.a", "vwap.value -> above.b", "above.signal -> go.when"])
    ev = compile_graph(g, "MNQ", "1h").evaluator()
    # 14:00 and 15:00 CST (20:00, 21:00 UTC), then 17:00 CST, the start of the next trading day
    ev.step(Bar(datetime(2025, 3, 4, 20, 0, tzinfo=UTC), 100, 103, 97, 100, 10))  # typical 100, 10 lots
    ev.step(Bar(datetime(2025, 3, 4, 21, 0, tzinfo=UTC), 100, 112, 106, 109, 30))  # typical 109, 30 lots
    assert ev.decision().inputs["vwap"]["value"] == (100 * 10 + 109 * 30) / 40  # 106.75
    ev.step(Bar(datetime(2025, 3, 4, 23, 0, tzinfo=UTC), 109, 110, 108, 109, 5))  # 17:00 CST: new trading day
    assert ev.decision().inputs["vwap"]["value"] == 109.0


# ---- the audit trail, persistence, errors --------------------------------------------------------

def test_decision_carries_the_inputs_that_drove_it() -> None:
    g = threshold_graph(long_above=18005, risk=[stop(20)])
    ev = compile_graph(g, "MNQ", "1m").evaluator()
    ev.step(bars((18000, 18010, 18000, 18010))[0])
    d = ev.decision()
    assert d.action == "enter_long" and d.position == "long" and d.note is None
    assert d.inputs["price"] == {"value": 18010.0}
    assert d.inputs["long_level"] == {"value": 18005.0}
    assert d.inputs["long_cmp"] == {"signal": True}
    json.dumps(d.to_json())


def test_snapshot_round_trips_through_json_and_pickle_mid_trade() -> None:
    g = threshold_graph(long_above=18005, short_below=17990, exit_below=18000,
                        risk=[stop(40), ("tp", "take_profit", {"mode": "r_multiple", "r_multiple": 2})])
    plan = compile_graph(g, "MNQ", "1m")
    rows = bars((18000, 18010, 18000, 18010), (18010, 18012, 18008, 18011), (18011, 18020, 18009, 18019),
                (18019, 18021, 17980, 17985))
    whole = plan.evaluator()
    expected = [whole.step(b) for b in rows]
    first = plan.evaluator()
    got = [first.step(b) for b in rows[:2]]
    restored = plan.restore(json.loads(json.dumps(first.snapshot())))
    assert restored.position == first.position and restored.position is not None
    assert restored.decision() == first.decision()
    pickled = pickle.loads(pickle.dumps(first))
    assert [pickled.step(b) for b in rows[2:]] == expected[2:]
    got += [restored.step(b) for b in rows[2:]]
    assert got == expected


def test_snapshot_of_another_graph_is_refused() -> None:
    a = compile_graph(threshold_graph(long_above=18005, risk=[stop(20)]), "MNQ", "1m")
    b = compile_graph(threshold_graph(long_above=18006, risk=[stop(20)]), "MNQ", "1m")
    c = compile_graph(threshold_graph(long_above=18005, risk=[stop(20)]), "MNQ", "5m")
    snap = a.evaluator().snapshot()
    a.restore(snap)
    for other in (b, c):
        with pytest.raises(Invalid) as err:
            other.restore(snap)
        assert err.value.code == "engine_state_mismatch"


def test_bars_must_move_forward() -> None:
    ev = compile_graph(threshold_graph(long_above=18005), "MNQ", "1m").evaluator()
    row = bars((18000, 18001, 17999, 18000))[0]
    ev.step(row)
    with pytest.raises(Invalid) as err:
        ev.step(row)
    assert err.value.code == "invalid_bars"


def test_an_invalid_graph_does_not_compile() -> None:
    with pytest.raises(Invalid) as err:
        compile_graph({"nodes": [], "edges": []}, "MNQ", "1m")
    assert err.value.code == "graph_invalid"
    assert any(e["code"] == "no_entry_action" for e in err.value.extra["validation_errors"])


def test_every_catalogue_node_type_evaluates() -> None:
    """One graph holding every node type; it must compile, step and snapshot."""
    nodes: list[tuple[str, str, dict[str, Any]]] = [
        ("price", "price", {"field": "typical"}), ("k", "constant", {"value": 1.0}),
        ("sma", "sma", {"period": 2}), ("ema", "ema", {"period": 2}), ("wma", "wma", {"period": 2}),
        ("rsi", "rsi", {"period": 2}), ("macd", "macd", {"fast": 2, "slow": 3, "signal": 2}),
        ("atr", "atr", {"period": 2}),
        ("bb", "bollinger", {"period": 2}), ("vwap", "vwap", {}), ("hi", "highest", {"period": 2}),
        ("lo", "lowest", {"period": 2}), ("orb", "opening_range", {"start": "09:00", "minutes": 5}),
        ("cmp", "compare", {"op": ">="}), ("xa", "crosses_above", {}), ("xb", "crosses_below", {}),
        ("tw", "time_window", {"start": "00:00", "end": "23:59"}), ("and", "and", {}), ("or", "or", {}),
        ("not", "not", {}), ("long", "enter_long", {}), ("short", "enter_short", {}), ("exit", "exit", {}),
        ("sl", "stop_loss", {"mode": "atr", "atr_multiple": 1.0, "atr_period": 2}),
        ("tp", "take_profit", {"mode": "r_multiple", "r_multiple": 1.5}),
        ("mb", "max_bars_in_trade", {"bars": 2}), ("size", "position_size", {"contracts": 1}),
    ]
    assert {t for _, t, _ in nodes} == {nt.type for nt in NODE_TYPES}
    edges = ["price.value -> sma.series", "sma.value -> ema.series", "ema.value -> wma.series",
             "wma.value -> rsi.series", "price.value -> macd.series", "macd.hist -> bb.series",
             "price.value -> hi.series", "price.value -> lo.series", "rsi.value -> cmp.a", "k.value -> cmp.b",
             "bb.upper -> xa.a", "macd.signal -> xa.b", "vwap.value -> xb.a", "orb.low -> xb.b",
             "cmp.signal -> and.a", "tw.active -> and.b", "xa.signal -> or.a", "xb.signal -> or.b",
             "and.signal -> not.a", "or.signal -> long.when", "not.signal -> short.when", "and.signal -> exit.when"]
    ev = compile_graph(make_graph(nodes, edges), "MNQ", "1m").evaluator()
    rows = [(18000 + i, 18002 + i, 17998 + i, 18001 + i * (-1) ** i) for i in range(30)]
    for b in bars(*rows, start=datetime(2025, 3, 4, 14, 55, tzinfo=UTC)):
        ev.step(b)
        assert b.ts == ev.decision().bar_ts
    json.dumps(ev.snapshot())
