"""Backtest speed: our engine against backtesting.py, same rules, same data, same run.

    python bench/backtest_speed.py [--seed N] [--instrument MNQ] [--repeat K] [--no-kernels]

Data: one year (2025) of synthetic 1-minute MNQ bars from domain.market.synthetic (seeded; CME
sessions with the daily break, tick grid, intraday volatility pattern): ~356,000 bars.

Rules (an EMA crossover, stop and reverse): long when EMA(9) of the close crosses above EMA(21)
(fast > slow now, fast <= slow on the previous bar), short when it crosses below; an opposite
signal closes and reverses at the signal bar's close; a 20-tick stop; 1 contract.

Timed (best of --repeat rounds, default 5, the engines taking turns), each from data already in
memory in its own input format:
- ours, bar by bar: `run_backtest(..., bars)` with a list of engine Bars (the live evaluator).
- ours, accelerated: `run_backtest(..., BarColumns, accelerated=True)` (domain.engine.columns,
  with the numba kernels of domain.engine.kernels when numba is installed; the first run of a fresh
  checkout compiles them, which the best-of-N timing leaves out).
- ours, accelerated from Bars: the same, including turning the Bar list into columns.
- backtesting.py: `Backtest(df, ..., trade_on_close=True, exclusive_orders=True).run()` on a
  DataFrame, its indicators from TA-Lib's EMA (which our EMA equals bit for bit), its stop via `sl=`.
Bars per second of each, ratios against backtesting.py, and whether the trades agree.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
import pandas as pd
import talib
from backtesting import Backtest, Strategy

from domain.engine import BacktestResult, BarColumns, run_backtest
from domain.engine.kernels import KERNELS
from domain.market.instruments import get_instrument
from domain.market.synthetic import bars_between

FAST, SLOW, STOP_TICKS = 9, 21, 20


def ema_crossover_graph() -> dict[str, Any]:
    def node(id_: str, type_: str, **params: Any) -> dict[str, Any]:
        return {"id": id_, "type": type_, "params": params}

    def edge(a: str, b: str) -> dict[str, Any]:
        (an, ap), (bn, bp) = a.split("."), b.split(".")
        return {"from": {"node": an, "port": ap}, "to": {"node": bn, "port": bp}}

    return {
        "nodes": [node("price", "price", field="close"), node("fast", "ema", period=FAST),
                  node("slow", "ema", period=SLOW), node("up", "crosses_above"), node("down", "crosses_below"),
                  node("long", "enter_long"), node("short", "enter_short"),
                  node("stop", "stop_loss", mode="ticks", ticks=STOP_TICKS),
                  node("size", "position_size", contracts=1)],
        "edges": [edge("price.value", "fast.series"), edge("price.value", "slow.series"),
                  edge("fast.value", "up.a"), edge("slow.value", "up.b"),
                  edge("fast.value", "down.a"), edge("slow.value", "down.b"),
                  edge("up.signal", "long.when"), edge("down.signal", "short.when")],
        "meta": {},
    }


def backtesting_py(df: pd.DataFrame, stop_distance: float) -> tuple[Any, pd.DataFrame]:
    class EmaCross(Strategy):
        def init(self) -> None:
            self.fast = self.I(talib.EMA, self.data.Close, FAST)
            self.slow = self.I(talib.EMA, self.data.Close, SLOW)

        def next(self) -> None:
            f, s, close = self.fast, self.slow, self.data.Close[-1]
            if f[-1] > s[-1] and f[-2] <= s[-2]:
                self.buy(size=1, sl=close - stop_distance)
            elif f[-1] < s[-1] and f[-2] >= s[-2]:
                self.sell(size=1, sl=close + stop_distance)

    bt = Backtest(df, EmaCross, cash=1e9, commission=0.0, trade_on_close=True, exclusive_orders=True,
                  finalize_trades=True)
    stats = bt.run()
    return stats, stats["_trades"]


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def compare_trades(ours: BacktestResult, theirs: pd.DataFrame) -> str:
    """Where the two trade lists first differ (entry time, side, entry and exit price)."""
    def key(t: tuple[Any, ...]) -> tuple[Any, ...]:
        return t

    mine = [(t.entry_ts, t.side, float(t.entry_price), float(t.exit_price)) for t in ours.trades]
    other = [(pd.Timestamp(r.EntryTime).to_pydatetime(), "long" if r.Size > 0 else "short", float(r.EntryPrice),
              float(r.ExitPrice)) for r in theirs.itertuples()]
    for i, (a, b) in enumerate(zip(mine, other, strict=False)):
        if key(a) != key(b):
            return f"first difference at trade {i}: ours {a}, backtesting.py {b}"
    if len(mine) != len(other):
        return f"same first {min(len(mine), len(other))} trades, then one list ends"
    return "every trade identical (entry time, side, entry and exit price)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--instrument", default="MNQ")
    parser.add_argument("--repeat", type=int, default=5, help="runs per engine; the best is reported")
    parser.add_argument("--no-kernels", action="store_true", help="accelerated path without the numba kernels")
    args = parser.parse_args()
    if args.no_kernels:
        KERNELS.clear()

    spec = get_instrument(args.instrument)
    t = time.perf_counter()
    rows = bars_between(spec, datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC), args.seed)
    cols = BarColumns.from_rows(rows)
    del rows  # stored bars (Decimal prices) are no longer needed: columns and engine Bars are
    bars = cols.bars()
    n = len(bars)
    df = pd.DataFrame({"Open": np.asarray(cols.open), "High": np.asarray(cols.high), "Low": np.asarray(cols.low),
                       "Close": np.asarray(cols.close), "Volume": np.asarray(cols.volume)},
                      index=pd.DatetimeIndex(cols.ts))
    made = time.perf_counter() - t
    print(f"data: {n:,} 1-minute {spec.symbol} bars of 2025 (seed {args.seed}), made in {made:.1f} s")
    print(f"rules: EMA({FAST}) x EMA({SLOW}) stop and reverse, {STOP_TICKS}-tick stop, 1 contract, trade on close")
    why = "--no-kernels" if args.no_kernels else "numba not installed"
    print(f"compiled kernels (numba) for the accelerated path: {', '.join(KERNELS) or f'none ({why})'}\n")

    # The data (~1M objects) stays alive for the whole run; freezing it keeps the cyclic GC from
    # re-scanning it during every engine's run (the same for all of them).
    gc.collect()
    gc.freeze()

    graph = ema_crossover_graph()
    stop_distance = STOP_TICKS * float(spec.tick_size)
    engines: list[tuple[str, Callable[[], Any]]] = [
        ("backtesting.py", lambda: backtesting_py(df, stop_distance)),
        ("ours, bar by bar", lambda: run_backtest(graph, spec, bars, "1m")),
        ("ours, accelerated", lambda: run_backtest(graph, spec, cols, "1m", accelerated=True)),
        ("ours, accelerated from Bars", lambda: run_backtest(graph, spec, bars, "1m", accelerated=True)),
    ]
    # Round robin, so that every engine meets the same machine conditions; the best run counts.
    best = {name: float("inf") for name, _ in engines}
    outputs: dict[str, Any] = {}
    for _ in range(args.repeat):
        for name, fn in engines:
            seconds, outputs[name] = timed(fn, 1)
            best[name] = min(best[name], seconds)
    runs = [(name, best[name], outputs[name]) for name, _ in engines]

    base = runs[0][1]
    print(f"{'engine':<30} {'seconds':>8} {'bars/s':>12} {'vs backtesting.py':>18}")
    for name, seconds, _ in runs:
        print(f"{name:<30} {seconds:8.3f} {n / seconds:12,.0f} {base / seconds:17.1f}x")

    (_, bt_trades), ref, fast = runs[0][2], runs[1][2], runs[2][2]
    print()
    same = ref.events == fast.events and ref.trades == fast.trades
    print(f"ours bar by bar == ours accelerated: {'yes' if same else 'NO'} ({len(ref.trades):,} trades)")
    reasons: dict[str, int] = {}
    for tr in ref.trades:
        reasons[tr.reason] = reasons.get(tr.reason, 0) + 1
    print(f"our trades: {len(ref.trades):,} ({', '.join(f'{k} {v:,}' for k, v in sorted(reasons.items()))}); "
          f"net {ref.stats.net_pnl} USD after costs")
    print(f"backtesting.py trades: {len(bt_trades):,}")
    print(f"trade counts agree: {'yes' if len(bt_trades) == len(ref.trades) else 'no'}; "
          f"{compare_trades(ref, bt_trades)}")


if __name__ == "__main__":
    main()
