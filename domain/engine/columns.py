"""The accelerated path over history: the same plan and rules as the evaluator
(domain.engine.evaluator), evaluated column by column instead of bar by bar. The bar-by-bar
`Evaluator` is the reference; this path must make exactly the same decisions, which
tests/unit/test_engine_properties.py checks on random graphs and random bars.

Why it gives the same numbers and decisions:
- Indicators: each column is fed through a fresh object of the SAME class of domain.indicators
  (the same float operations in the same order: bit-identical by construction), skipping missing
  inputs exactly as the evaluator does; or, where domain.engine.kernels has a compiled kernel
  (numba) and the input column is complete, through that kernel, which repeats the class's
  float operations in the same order. ATR, session VWAP and the opening range are fed every bar
  through the SAME classes (`OpeningRange` of domain.engine.sessions: the same bar-close rule).
  Prices and `typical` are the same Python float expressions.
- Conditions and logic: numpy comparisons and boolean ops on float64 columns, where a missing
  value is NaN. IEEE comparisons with NaN are false, which is the evaluator's rule (a condition
  with a missing input is false; a cross needs values now and on the previous bar). Comparing
  doubles is exact, so numpy cannot decide otherwise.
- Time windows: the same `ExchangeClock` (seconds of day, exchange time) on every bar.
- Trades: the SAME `Trader.intrabar` and `Trader.at_close` are called, on every bar where
  anything can happen; the bars skipped are exactly those where the evaluator would hold: when
  flat, bars without a one-sided entry signal; in a position, bars where the stop/target test
  (the same float comparisons as `Trader.intrabar`) fails, no exit node fires, no opposite
  one-sided entry fires, and max_bars_in_trade is not reached.

numpy and numba are dependencies (pyproject.toml). numpy is imported by this module and
domain.engine.kernels only, and domain.engine.backtest imports this module only for accelerated
runs, so the bar-by-bar evaluator does not load it.

Where the time goes on a trade-heavy history: the per-trade work shared with the evaluator
(Decimal prices, compute_pnl, the event objects) dominates once the indicators are compiled.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from domain import indicators
from domain.engine.compile import CompiledGraph
from domain.engine.errors import InvalidBars
from domain.engine.kernels import KERNELS
from domain.engine.nodes import COMPARE_OPS
from domain.engine.sessions import ExchangeClock, OpeningRange, hhmm_seconds
from domain.engine.types import BarColumns, Event, Position
from domain.strategy.catalog import NODE_TYPES_BY_NAME

_NP_COMPARE = {">": np.greater, "<": np.less, ">=": np.greater_equal, "<=": np.less_equal}
assert set(_NP_COMPARE) == set(COMPARE_OPS)

FloatArray = np.ndarray[Any, np.dtype[np.float64]]
BoolArray = np.ndarray[Any, np.dtype[np.bool_]]


def _floats(col: Sequence[float]) -> list[float]:
    if isinstance(col, list):
        return col
    return list(np.asarray(col, dtype=np.float64).tolist())


def _feed(update: Any, xs: Sequence[float | None]) -> list[Any]:
    if None in xs:
        return [None if x is None else update(x) for x in xs]
    return [update(x) for x in xs]


class _Columns:
    """Node outputs over the whole history: numbers as lists (float | None) for the indicator
    loops and as float64 arrays (NaN for missing) for numpy and the kernels, each made from the
    other on demand; booleans as bool arrays."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.numbers: dict[int, list[float | None]] = {}
        self.arrays: dict[int, FloatArray] = {}
        self.bools: dict[int, BoolArray] = {}

    def array(self, slot: int) -> FloatArray:
        arr = self.arrays.get(slot)
        if arr is None:
            arr = self.arrays[slot] = np.array(self.numbers[slot], dtype=np.float64)  # None -> NaN
        return arr

    def list(self, slot: int) -> list[float | None]:
        xs = self.numbers.get(slot)
        if xs is None:  # from a kernel: NaN is exactly "no value" (values are finite)
            xs = self.numbers[slot] = [None if x != x else x for x in self.arrays[slot].tolist()]
        return xs


def evaluate_columns(plan: CompiledGraph, cols: BarColumns, kernels: bool = True,
                     ) -> tuple[BoolArray, BoolArray, BoolArray, dict[int, list[float | None]]]:
    """The three action signals on every bar (any enter_long, any enter_short, any exit) and the
    ATR columns of the ATR stops. `kernels`: use domain.engine.kernels where it has one."""
    n = len(cols)
    ts = cols.ts
    o, h, lo, c, vol = (_floats(x) for x in (cols.open, cols.high, cols.low, cols.close, cols.volume))
    out = _Columns(n)
    sod: np.ndarray[Any, np.dtype[np.int64]] | None = None
    for p in plan.nodes:
        t, params, ins, outs = p.type, p.params, p.inputs, p.outputs
        category = NODE_TYPES_BY_NAME[t].category
        if category in ("action", "risk"):
            continue
        if t == "price":
            field = params["field"]
            if field == "typical":
                out.numbers[outs[0]] = [(hh + ll + cc) / 3.0 for hh, ll, cc in zip(h, lo, c, strict=True)]
            else:
                column: list[Any] = {"open": o, "high": h, "low": lo, "close": c, "volume": vol}[field]
                out.numbers[outs[0]] = column
        elif t == "constant":
            value = float(params["value"])
            out.numbers[outs[0]] = [value] * n
            out.arrays[outs[0]] = np.full(n, value, dtype=np.float64)
        elif t == "atr":
            update = indicators.ATR(int(params["period"])).update
            out.numbers[outs[0]] = [update(hh, ll, cc) for hh, ll, cc in zip(h, lo, c, strict=True)]
        elif t == "vwap":
            vupdate = indicators.SessionVWAP(plan.instrument).update
            out.numbers[outs[0]] = [vupdate(*row) for row in zip(ts, h, lo, c, vol, strict=True)]
        elif t == "opening_range":
            rupdate = OpeningRange(plan.instrument, plan.timeframe, str(params["start"]),
                                   int(params["minutes"])).update
            ranges = [rupdate(tt, hh, ll) for tt, hh, ll in zip(ts, h, lo, strict=True)]
            out.numbers[outs[0]] = [None if r is None else r[0] for r in ranges]
            out.numbers[outs[1]] = [None if r is None else r[1] for r in ranges]
        elif category == "indicator":
            cls_name = NODE_TYPES_BY_NAME[t].indicator
            assert cls_name is not None
            kernel = KERNELS.get(cls_name) if kernels else None
            if kernel is not None:
                xs_arr = out.array(ins["series"])
                if not np.isnan(xs_arr).any():  # the kernels take complete columns only
                    out.arrays[outs[0]] = kernel(xs_arr, params)
                    continue
            ind = getattr(indicators, cls_name)(**params)
            values = _feed(ind.update, out.list(ins["series"]))
            if len(outs) == 1:
                out.numbers[outs[0]] = values
            else:
                for k, slot in enumerate(outs):
                    out.numbers[slot] = [None if r is None else r[k] for r in values]
        elif t == "compare":
            out.bools[outs[0]] = _NP_COMPARE[str(params["op"])](out.array(ins["a"]), out.array(ins["b"]))
        elif t in ("crosses_above", "crosses_below"):
            a, b = out.array(ins["a"]), out.array(ins["b"])
            res = np.zeros(n, dtype=np.bool_)
            if n > 1:
                if t == "crosses_above":
                    res[1:] = (a[1:] > b[1:]) & (a[:-1] <= b[:-1])
                else:
                    res[1:] = (a[1:] < b[1:]) & (a[:-1] >= b[:-1])
            out.bools[outs[0]] = res
        elif t == "time_window":
            if sod is None:
                clock = ExchangeClock(ZoneInfo(plan.instrument.session_timezone))
                sod = np.array([clock.update(tt) for tt in ts], dtype=np.int64)
            start, end = hhmm_seconds(str(params["start"])), hhmm_seconds(str(params["end"]))
            if start < end:
                out.bools[outs[0]] = (sod >= start) & (sod < end)
            else:
                out.bools[outs[0]] = (sod >= start) | (sod < end)
        elif t == "and":
            out.bools[outs[0]] = out.bools[ins["a"]] & out.bools[ins["b"]]
        elif t == "or":
            out.bools[outs[0]] = out.bools[ins["a"]] | out.bools[ins["b"]]
        elif t == "not":
            out.bools[outs[0]] = ~out.bools[ins["a"]]
        else:
            raise AssertionError(f"node type {t} has no column evaluator")

    def any_of(slots: Sequence[int]) -> BoolArray:
        acc = np.zeros(n, dtype=np.bool_)
        for s in slots:
            acc |= out.bools[s]
        return acc

    atr_cols: dict[int, list[float | None]] = {}
    for period in plan.trader.atr_periods:
        aupdate = indicators.ATR(period).update
        atr_cols[period] = [aupdate(hh, ll, cc) for hh, ll, cc in zip(h, lo, c, strict=True)]
    return any_of(plan.long_slots), any_of(plan.short_slots), any_of(plan.exit_slots), atr_cols


def _first_touch(side: str, s: float | None, t: float | None, i: int, limit: int, o: list[float], h: list[float],
                 lo: list[float]) -> int:
    """The first bar in [i, limit) on which Trader.intrabar would close a `side` position with
    stop `s` and target `t` (floats), else `limit`: the same float comparisons, in a tight loop."""
    if side == "long":
        if s is not None and t is not None:
            for j in range(i, limit):
                if o[j] <= s or lo[j] <= s or o[j] >= t or h[j] >= t:
                    return j
        elif s is not None:
            for j in range(i, limit):
                if o[j] <= s or lo[j] <= s:
                    return j
        elif t is not None:
            for j in range(i, limit):
                if o[j] >= t or h[j] >= t:
                    return j
    else:
        if s is not None and t is not None:
            for j in range(i, limit):
                if o[j] >= s or h[j] >= s or o[j] <= t or lo[j] <= t:
                    return j
        elif s is not None:
            for j in range(i, limit):
                if o[j] >= s or h[j] >= s:
                    return j
        elif t is not None:
            for j in range(i, limit):
                if o[j] <= t or lo[j] <= t:
                    return j
    return limit


def run_columns(plan: CompiledGraph, cols: BarColumns, kernels: bool = True) -> tuple[list[Event], Position | None]:
    """Every event over the history, as a fresh evaluator fed the bars one by one would give them,
    and the position still open after the last bar. `kernels`: see evaluate_columns."""
    n = len(cols)
    ts = cols.ts
    try:
        ordered = all(map(operator.lt, ts, itertools.islice(ts, 1, None)))
    except TypeError:  # naive and aware times mixed
        ordered = False
    if n and (ts[0].tzinfo is None or not ordered):
        if any(t.tzinfo is None for t in ts):
            raise InvalidBars("Bar times must be timezone-aware (UTC).")
        k = next(k for k in range(1, n) if not ts[k - 1] < ts[k])
        raise InvalidBars(f"Bar {ts[k].isoformat()} does not follow {ts[k - 1].isoformat()}.")
    long_a, short_a, exit_a, atr_cols = evaluate_columns(plan, cols, kernels)
    o, h, lo, c = (_floats(x) for x in (cols.open, cols.high, cols.low, cols.close))
    only_long = long_a & ~short_a
    only_short = short_a & ~long_a
    flat_cands: list[int] = np.flatnonzero(only_long | only_short).tolist()
    long_cands: list[int] = np.flatnonzero(exit_a | only_short).tolist()  # what can close a long
    short_cands: list[int] = np.flatnonzero(exit_a | only_long).tolist()
    long_l: list[bool] = long_a.tolist()
    short_l: list[bool] = short_a.tolist()
    exit_l: list[bool] = exit_a.tolist()
    trader = plan.trader
    max_bars = trader.max_bars
    periods = trader.atr_periods
    intrabar, at_close = trader.intrabar, trader.at_close
    bisect_left = bisect.bisect_left
    events: list[Event] = []
    pos: Position | None = None
    stop_f = target_f = None
    i = 0
    while i < n:
        if pos is None:
            k = bisect_left(flat_cands, i)
            if k == len(flat_cands):
                break
            j = flat_cands[k]
        else:
            cands = long_cands if pos.side == "long" else short_cands
            k = bisect_left(cands, i)
            limit = cands[k] if k < len(cands) else n
            if max_bars is not None:
                limit = min(limit, pos.entry_bar + max_bars)
            j = _first_touch(pos.side, stop_f, target_f, i, min(limit, n), o, h, lo)
            if j >= n:
                break
            ev = intrabar(pos, o[j], h[j], lo[j], ts[j], stop_f, target_f)
            if ev is not None:
                events.append(ev)
                pos = None
        atrs = {period: atr_cols[period][j] for period in periods} if periods else _NO_ATRS
        new, _, _ = at_close(pos, j, ts[j], c[j], long_l[j], short_l[j], exit_l[j], atrs, events)
        if new is not pos and new is not None:
            stop_f = None if new.stop is None else float(new.stop)
            target_f = None if new.target is None else float(new.target)
        pos = new
        i = j + 1
    return events, pos


_NO_ATRS: dict[int, float | None] = {}
