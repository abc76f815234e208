"""The evaluation engine: one set of semantics for live runtimes and backtests.

The rules a trader can check by hand are in `domain.engine.evaluator`'s docstring. This package's
public names are the ones below; everything else is internal to the engine. Its modules:

- domain.engine.types: bars, events, the position and the audit trail's decision;
- domain.engine.compile: a graph into a `CompiledGraph`, the plan evaluators run;
- domain.engine.evaluator: the `Evaluator`, bar by bar (the reference), and the semantics;
- the evaluator's parts: domain.engine.nodes (the node objects), domain.engine.sessions (exchange
  time, the opening range), domain.engine.trader (positions, stops, targets), domain.engine.state
  (the JSON snapshot codec);
- domain.engine.backtest: backtests over history and their statistics;
- domain.engine.columns, with domain.engine.kernels: the accelerated path, which decides exactly
  as the evaluator.
"""

from domain.engine.backtest import BacktestResult, BacktestStats, Trade, compute_stats, daily_pnl, run_backtest
from domain.engine.compile import CompiledGraph, compile_graph
from domain.engine.evaluator import Evaluator
from domain.engine.state import SNAPSHOT_FORMAT
from domain.engine.types import (
    EXIT_REASONS,
    Bar,
    BarColumns,
    Decision,
    EntryEvent,
    Event,
    ExitEvent,
    Position,
)

__all__ = [
    "EXIT_REASONS",
    "SNAPSHOT_FORMAT",
    "BacktestResult",
    "BacktestStats",
    "Bar",
    "BarColumns",
    "CompiledGraph",
    "Decision",
    "EntryEvent",
    "Evaluator",
    "Event",
    "ExitEvent",
    "Position",
    "Trade",
    "compile_graph",
    "compute_stats",
    "daily_pnl",
    "run_backtest",
]
