"""How a trader trusts paper: each runtime's paper trades against the backtest of its pinned version over
the bars it processed (domain.signals.reconcile), for GET /api/performance."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from db import bars as bars_db
from db import runtimes as runtimes_db
from db import signals as signals_db
from domain.engine import compile_graph, run_backtest
from domain.signals.reconcile import Reconciliation, reconcile
from domain.strategy.errors import GraphInvalid
from services.dispatch import engine_bar, warmup_history
from services.tx import Tx

# A runtime that has processed more bars than this is reconciled over its newest ones only.
MAX_BARS = 50_000


@dataclass(frozen=True)
class RuntimeReconciliation:
    runtime: dict[str, Any]
    bars: int
    result: Reconciliation | None  # None: nothing processed yet, or the version no longer compiles

    def to_json(self) -> dict[str, Any]:
        """The contract's RuntimeReconciliation."""
        head = {"runtime_id": str(self.runtime["id"]), "mode": self.runtime["mode"],
                "strategy_version": self.runtime["strategy_version"], "bars": self.bars}
        if self.result is None:
            return {**head, **Reconciliation().to_json(), "status": "not_run"}
        return {**head, **self.result.to_json()}


async def reconcile_runtimes(tx: Tx, strategy_id: str) -> list[RuntimeReconciliation]:
    out = []
    for runtime in await runtimes_db.for_reconciliation(tx.cur, tx.caller(), strategy_id):
        out.append(await _reconcile(tx, runtime))
    return out


async def _reconcile(tx: Tx, runtime: dict[str, Any]) -> RuntimeReconciliation:
    runtime_id = str(runtime["id"])
    graph = await runtimes_db.version_graph(tx.cur, str(runtime["strategy_id"]), runtime["strategy_version"])
    if graph is None:
        return RuntimeReconciliation(runtime, 0, None)
    try:
        plan = compile_graph(graph, runtime["instrument"], runtime["timeframe"])
    except GraphInvalid:
        return RuntimeReconciliation(runtime, 0, None)
    live = await bars_db.processed_by(tx.cur, runtime_id, runtime["instrument"], runtime["timeframe"],
                                      runtime["live_after"])
    if not live:
        return RuntimeReconciliation(runtime, 0, None)
    live = live[-MAX_BARS:]
    warm = await warmup_history(tx.cur, plan, runtime["instrument"], runtime["timeframe"], runtime["live_after"])
    signals = await signals_db.of_runtime(tx.cur, runtime_id, live[0].ts)
    bars = [engine_bar(b) for b in (*warm, *live)]
    # CPU-bound: off the event loop, as every backtest here.
    result = await asyncio.to_thread(run_backtest, plan, plan.instrument, bars, plan.timeframe, warmup=len(warm))
    return RuntimeReconciliation(runtime, len(live), reconcile(result.trades, signals))
