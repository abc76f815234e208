"""Live equals backtest: for random valid graphs and random bars, feeding the bars one at a time
(through a fresh evaluator, and through evaluators persisted to JSON and restored at random
points) gives exactly the events of `run_backtest`, bar-by-bar and accelerated.

Graphs are generated from the catalogue: price and constant sources, indicators (chained on each
other), bar-reading indicators (atr, vwap, opening_range), conditions (compare, crosses, time
windows), logic (and, or, not), one or more entry actions, exits and risk nodes. Every generated
graph must pass validate_graph. Bars are a seeded random walk on the MNQ tick grid with gaps,
zero-volume bars and jumps in time (across trading days, weekends and the March 2025 DST change).
"""

from __future__ import annotations

import json
import pickle
import random
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain import indicators
from domain.engine import Bar, BarColumns, Event, compile_graph, run_backtest
from domain.engine.columns import run_columns
from domain.engine.kernels import KERNELS
from domain.market.calendar import TIMEFRAME_DURATIONS
from domain.strategy.fixtures import FIXTURES
from domain.strategy.graph import validate_graph

INSTRUMENT = "MNQ"
TIMEFRAMES = ("1m", "5m", "15m", "1h")

Port = tuple[str, str]


@st.composite
def graphs(draw: st.DrawFn) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    numbers: list[Port] = []
    bools: list[Port] = []

    def add(type_: str, params: dict[str, Any], inputs: dict[str, Port] | None = None) -> str:
        node_id = f"n{len(nodes)}_{type_}"
        nodes.append({"id": node_id, "type": type_, "params": params})
        for port, (src, src_port) in (inputs or {}).items():
            edges.append({"from": {"node": src, "port": src_port}, "to": {"node": node_id, "port": port}})
        return node_id

    def period(lo: int, hi: int = 12) -> int:
        return draw(st.integers(lo, hi))

    def hhmm() -> str:
        return f"{draw(st.integers(0, 23)):02d}:{draw(st.sampled_from([0, 15, 30, 45, 59])):02d}"

    for _ in range(draw(st.integers(1, 2))):
        field = draw(st.sampled_from(["close", "close", "open", "high", "low", "typical", "volume"]))
        numbers.append((add("price", {"field": field}), "value"))
    for _ in range(draw(st.integers(0, 2))):
        value = draw(st.sampled_from([17990.0, 17995.5, 18000.0, 18004.25, 18010.0, 30.0, 50.0, 70.0, 0.0, 1.5]))
        numbers.append((add("constant", {"value": value}), "value"))
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["sma", "ema", "wma", "rsi", "macd", "bollinger", "highest", "lowest",
                                     "atr", "vwap", "opening_range"]))
        series = {"series": draw(st.sampled_from(numbers))}
        if kind in ("sma", "ema", "wma"):
            numbers.append((add(kind, {"period": period(1)}, series), "value"))
        elif kind in ("rsi", "highest", "lowest"):
            numbers.append((add(kind, {"period": period(2)}, series), "value"))
        elif kind == "macd":
            node = add(kind, {"fast": period(2), "slow": period(2), "signal": period(1, 6)}, series)
            numbers += [(node, "macd"), (node, "signal"), (node, "hist")]
        elif kind == "bollinger":
            node = add(kind, {"period": period(2), "nbdev_up": draw(st.sampled_from([0.5, 1.0, 2.0])),
                              "nbdev_dn": draw(st.sampled_from([0.5, 1.5, 2.0]))}, series)
            numbers += [(node, "upper"), (node, "middle"), (node, "lower")]
        elif kind == "atr":
            numbers.append((add(kind, {"period": period(1)}), "value"))
        elif kind == "vwap":
            numbers.append((add(kind, {}), "value"))
        else:
            node = add(kind, {"start": hhmm(), "minutes": draw(st.sampled_from([1, 5, 15, 30, 60]))})
            numbers += [(node, "high"), (node, "low")]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["compare", "crosses_above", "crosses_below", "crosses_above", "time_window"]))
        if kind == "time_window":
            start, end = hhmm(), hhmm()
            if start == end:
                end = "23:59" if start != "23:59" else "00:00"
            bools.append((add(kind, {"start": start, "end": end}), "active"))
            continue
        a = draw(st.sampled_from(numbers))
        others = [x for x in numbers if x != a] or numbers  # a series against itself never fires
        ab = {"a": a, "b": draw(st.sampled_from(others))}
        params = {"op": draw(st.sampled_from([">", "<", ">=", "<="]))} if kind == "compare" else {}
        bools.append((add(kind, params, ab), "signal"))
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["and", "or", "not"]))
        ins = {"a": draw(st.sampled_from(bools))}
        if kind != "not":
            ins["b"] = draw(st.sampled_from([x for x in bools if x != ins["a"]] or bools))
        bools.append((add(kind, {}, ins), "signal"))

    if draw(st.booleans()):
        # A stop-and-reverse pair, so that reversals are common: long on a cross above, short on the
        # cross below, of the same two series.
        fast = (add("price", {"field": "close"}), "value")
        slow = (add(draw(st.sampled_from(["sma", "ema", "wma"])), {"period": period(2, 8)}, {"series": fast}), "value")
        add("enter_long", {}, {"when": (add("crosses_above", {}, {"a": fast, "b": slow}), "signal")})
        add("enter_short", {}, {"when": (add("crosses_below", {}, {"a": fast, "b": slow}), "signal")})
        actions = draw(st.sampled_from([[], ["enter_long"], ["enter_short"]]))
    else:
        actions = draw(st.sampled_from([["enter_long"], ["enter_short"], ["enter_long", "enter_short"],
                                        ["enter_long", "enter_short", "enter_long"]]))
    actions += draw(st.sampled_from([[], ["exit"], ["exit", "exit"]]))
    for kind in actions:
        add(kind, {}, {"when": draw(st.sampled_from(bools))})

    stop_modes = draw(st.sampled_from([[], ["ticks"], ["atr"], ["ticks", "atr"]]))
    for mode in stop_modes:
        if mode == "ticks":
            add("stop_loss", {"mode": "ticks", "ticks": draw(st.integers(1, 40))})
        else:
            add("stop_loss", {"mode": "atr", "atr_multiple": draw(st.sampled_from([0.3, 1.0, 1.5, 2.7])),
                              "atr_period": period(1, 6)})
    target = draw(st.sampled_from(["none", "ticks", "r"] if stop_modes else ["none", "ticks"]))
    if target == "ticks":
        add("take_profit", {"mode": "ticks", "ticks": draw(st.integers(1, 60))})
    elif target == "r":
        add("take_profit", {"mode": "r_multiple", "r_multiple": draw(st.sampled_from([0.5, 1.0, 1.1, 2.0, 3.3]))})
    if draw(st.booleans()):
        add("max_bars_in_trade", {"bars": draw(st.integers(1, 15))})
    if draw(st.booleans()):
        add("position_size", {"contracts": draw(st.integers(1, 3))})
    graph = {"nodes": nodes, "edges": edges, "meta": {}}
    return graph


def random_bars(seed: int, n: int, timeframe: str) -> list[Bar]:
    rng = random.Random(seed)
    step = TIMEFRAME_DURATIONS[timeframe]
    # Around the US DST change (Sunday 2025-03-09), from a random bar of the week before.
    ts = datetime(2025, 3, 3, 0, 0, tzinfo=UTC) + rng.randrange(0, 6 * 24 * 60 // 5) * timedelta(minutes=5)
    price = 18000.0
    tick = 0.25
    bars = []
    for _ in range(n):
        gap = rng.choice([0, 0, 0, 0, 0, 1, -1, 8, -8, 40, -40]) * tick
        o = price + gap
        c = o + rng.randint(-16, 16) * tick
        h = max(o, c) + rng.choice([0, 0, 1, 2, 5, 20]) * tick
        low = min(o, c) - rng.choice([0, 0, 1, 2, 5, 20]) * tick
        vol = float(rng.choice([0, 1, 5, 100, 2500]))
        bars.append(Bar(ts, o, h, low, c, vol))
        price = c
        jump = rng.random()
        ts += step if jump < 0.9 else step * rng.choice([2, 7, 60, 240, 1440, 3000])
    return bars


def feed(plan: Any, bars: list[Bar], cuts: set[int]) -> tuple[list[Event], list[Any]]:
    """Bar by bar; at each cut the evaluator is saved to JSON and a new one restored from it."""
    ev = plan.evaluator()
    events: list[Event] = []
    decisions = []
    for i, bar in enumerate(bars):
        if i in cuts:
            ev = plan.restore(json.loads(json.dumps(ev.snapshot())))
        events.extend(ev.step(bar))
        decisions.append(ev.decision())
    return events, decisions


@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(graph=graphs(), seed=st.integers(0, 2**32), n=st.integers(40, 300), timeframe=st.sampled_from(TIMEFRAMES),
       cuts=st.sets(st.integers(0, 300), max_size=4))
def test_live_equals_backtest(graph: dict[str, Any], seed: int, n: int, timeframe: str, cuts: set[int]) -> None:
    assert validate_graph(graph, INSTRUMENT, timeframe) == []
    bars = random_bars(seed, n, timeframe)
    plan = compile_graph(graph, INSTRUMENT, timeframe)

    live, decisions = feed(plan, bars, set())
    restored, restored_decisions = feed(plan, bars, cuts)
    assert restored == live
    assert restored_decisions == decisions

    reference = run_backtest(graph, INSTRUMENT, bars, timeframe)
    assert reference.events == live
    fast = run_backtest(plan, INSTRUMENT, BarColumns.from_bars(bars), timeframe, accelerated=True)
    assert fast.events == live
    assert fast.trades == reference.trades
    assert fast.stats == reference.stats
    assert fast.open_position == reference.open_position
    if KERNELS:  # and the accelerated path without its compiled kernels
        assert run_columns(plan, BarColumns.from_bars(bars), kernels=False) == (live, reference.open_position)


def test_pickled_evaluator_continues_identically() -> None:
    f = FIXTURES["opening-range-breakout"]
    plan = compile_graph(f["graph"], f["instrument"], "5m")
    bars = random_bars(7, 600, "5m")
    whole = plan.evaluator()
    expected = [whole.step(b) for b in bars]
    ev = plan.evaluator()
    got = [ev.step(b) for b in bars[:300]]
    ev = pickle.loads(pickle.dumps(ev))
    got += [ev.step(b) for b in bars[300:]]
    assert got == expected


def test_fixtures_fast_path_on_long_history() -> None:
    """Every fixture over 6,000 bars: the accelerated path equals the reference one."""
    bars = random_bars(11, 6000, "5m")
    for f in FIXTURES.values():
        reference = run_backtest(f["graph"], f["instrument"], bars, "5m")
        fast = run_backtest(f["graph"], f["instrument"], bars, "5m", accelerated=True)
        assert fast.events == reference.events, f["slug"]
        assert fast.stats == reference.stats, f["slug"]
        assert reference.stats.trades > 0, f["slug"]


def test_kernels_equal_their_classes_bit_for_bit() -> None:
    """Each compiled kernel against its class of domain.indicators on 200,000 prices."""
    assert KERNELS, "numba is a dependency (pyproject.toml): the accelerated path must have its kernels"
    rng = random.Random(5)
    price, xs = 18000.0, []
    for _ in range(200_000):
        price += rng.randint(-8, 8) * 0.25
        xs.append(price)
    column = np.array(xs)
    for name, kernel in KERNELS.items():
        for period in (1, 2, 9, 21, 200, 5000):
            update = getattr(indicators, name)(period).update
            expected = np.array([update(x) for x in xs], dtype=np.float64)
            assert np.array_equal(kernel(column, {"period": period}), expected, equal_nan=True), (name, period)
        assert np.isnan(kernel(column[:3], {"period": 5})).all()
