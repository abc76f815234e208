"""The dispatcher's use cases: what a worker does for one runtime, each in one transaction it is handed.

- `load`: make a leased runtime ready to run in memory: compile its pinned version and restore its
  evaluator, or, for a runtime that is `starting`, warm it up on history (domain.signals.runtime)
  and make it `running`.
- `process_bar`: one (runtime, bar), exactly once: the audit row (the decision and its inputs), the
  risk gate, the signal fired or closed, their events, the evaluator's snapshot and the runtime's
  last bar, all or nothing. The audit row's unique (runtime, bar) key makes a retried or taken-over
  bar fail instead of firing twice; the runtime row lock taken first says whether the lease is
  still this worker's, so a worker that lost it writes nothing more for that runtime.
- `settle_stop`: a `draining` runtime closes its position (close_reason `runtime_stopped`) and
  becomes `stopped`.
- `fail`: a runtime whose graph or data cannot be evaluated goes to `error` with why; the other
  runtimes go on.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import orjson

from db import audit as audit_db
from db import bars as bars_db
from db import events as events_db
from db import runtimes as runtimes_db
from db import signals as signals_db
from db.pool import Cursor
from domain.decimals import plain
from domain.engine import Bar, CompiledGraph, EntryEvent, Evaluator, ExitEvent, compile_graph
from domain.engine.errors import EngineStateMismatch
from domain.market.bars import StoredBar
from domain.market.calendar import trading_day_start
from domain.signals.records import Signal
from domain.signals.runtime import ArrivedBar, AuditDecision, late_reason, warmup_bar_count
from services import closing, risk
from services.tx import Clock


class LeaseLost(Exception):
    """The runtime is no longer this worker's (its lease expired and another took it, or it stopped):
    drop it from memory and write nothing more for it."""


class RuntimeMoved(Exception):
    """The stored runtime is not where this worker's copy is (another worker processed bars, or the
    status changed): reload it from the database before going on."""


@dataclass(frozen=True)
class DispatchSettings:
    worker_id: str
    lease_seconds: float = 15.0
    grace: timedelta = timedelta(seconds=30)


@dataclass
class Held:
    """A runtime this worker runs, in memory between bars."""

    id: str
    user_id: str
    strategy_id: str
    version: int
    mode: str
    instrument: str
    timeframe: str
    live_after: datetime
    plan: CompiledGraph
    evaluator: Evaluator
    last_bar_ts: datetime | None
    position: dict[str, Any] | None = None  # as the Runtime document shows it


def engine_bar(bar: StoredBar) -> Bar:
    return Bar(bar.ts, float(bar.open), float(bar.high), float(bar.low), float(bar.close), float(bar.volume))


def _json(value: Any) -> str:
    # orjson writes a non-finite float as null, which is what the audit trail wants for a value that
    # does not exist (jsonb has no NaN); snapshots encode theirs themselves (domain.engine.state).
    return orjson.dumps(value).decode()


async def _locked(cur: Cursor, runtime_id: str, settings: DispatchSettings, *, begin: bool = False) -> dict[str, Any]:
    row = await runtimes_db.lock(cur, runtime_id, settings.worker_id, begin=begin)
    if row is None or not row["leased"]:
        raise LeaseLost(runtime_id)
    return row


async def load(cur: Cursor, claimed: dict[str, Any], settings: DispatchSettings, clock: Clock) -> Held:
    """The runtime `claimed` (a row of db.runtimes.claim) ready to run. GraphInvalid or
    EngineStateMismatch when its version cannot run: the caller puts it in error."""
    runtime_id = str(claimed["id"])
    row = await _locked(cur, runtime_id, settings)
    graph = await runtimes_db.version_graph(cur, str(claimed["strategy_id"]), claimed["strategy_version"])
    if graph is None:
        raise RuntimeMoved(f"version {claimed['strategy_version']} of the strategy is gone")
    plan = compile_graph(graph, claimed["instrument"], claimed["timeframe"])
    held = Held(runtime_id, str(claimed["user_id"]), str(claimed["strategy_id"]), claimed["strategy_version"],
                claimed["mode"], claimed["instrument"], claimed["timeframe"], claimed["live_after"], plan,
                plan.evaluator(), row["last_bar_ts"])
    if row["status"] != "starting":
        snapshot, held.position = await runtimes_db.saved_state(cur, runtime_id)
        if snapshot is None:  # nothing to resume from: the runtime must be started again
            raise EngineStateMismatch("The runtime has no saved evaluator state to resume from.")
        held.evaluator = plan.restore(snapshot)
        return held
    # Starting: a position left open by an earlier run that failed is closed first; nothing runs it now.
    leftover = await signals_db.open_of_runtime(cur, runtime_id)
    if leftover is not None:
        await closing.runtime_stopped(cur, leftover, clock.now())
    history = await warmup_history(cur, plan, held.instrument, held.timeframe, held.live_after)
    for bar in history:
        held.evaluator.warm(engine_bar(bar))
    held.last_bar_ts = history[-1].ts if history else None
    await runtimes_db.save(cur, runtime_id, status="running", last_bar_ts=held.last_bar_ts,
                           snapshot=held.evaluator.snapshot(), position=None, lease_seconds=settings.lease_seconds,
                           warmup_bars=len(history))
    await _status_event(cur, held, "running", warmup_bars=len(history))
    return held


async def warmup_history(cur: Cursor, plan: CompiledGraph, instrument: str, timeframe: str,
                         live_after: datetime) -> list[StoredBar]:
    """The bars a runtime started at `live_after` warms up on (domain.signals.runtime): the same set
    whenever it is asked, as long as those bars are not rewritten."""
    count = warmup_bar_count(plan)
    bars = await bars_db.history(cur, instrument, timeframe, arrived_by=live_after, count=count)
    if plan.needs_session and bars:
        since = trading_day_start(bars[-1].ts, instrument)
        if bars[0].ts > since:
            bars = await bars_db.history(cur, instrument, timeframe, arrived_by=live_after, count=count, since=since)
    return bars


async def process_bar(cur: Cursor, held: Held, arrived: ArrivedBar, settings: DispatchSettings,
                      clock: Clock) -> AuditDecision:
    """Evaluate one bar for one runtime and write everything it causes; returns the audit decision.

    Raises LeaseLost / RuntimeMoved (write nothing; the caller reloads) and, for a bar the engine
    cannot take, the engine's error (the caller rolls back and puts the runtime in error). The hot
    path's round trips are few: the transaction's BEGIN rides with the lock and its COMMIT with the
    last statement, which also inserts the audit row (db.pool.piggybacked_transaction).
    """
    row = await _locked(cur, held.id, settings, begin=True)
    if row["status"] != "running" or row["last_bar_ts"] != held.last_bar_ts:
        raise RuntimeMoved(held.id)
    ev = held.evaluator
    if ev.position is not None and row["open_signal_id"] is None:
        ev.flatten()  # the user or a force-close closed it: flat for the runtime too
        held.position = None
    bar = arrived.bar
    events = ev.step(engine_bar(bar))
    engine_decision = ev.decision()
    decision: AuditDecision = "hold"
    reason: str | None = engine_decision.note  # why an entry signal was not acted on, if it was not
    now = clock.now()
    for event in events:  # in the order they happened: an intrabar or closing exit, then an entry
        if isinstance(event, ExitEvent):
            reason = await _exit(cur, held, event, arrived, now)
            decision = "exit"
            held.position = None
        elif isinstance(event, EntryEvent):
            exited = reason if decision == "exit" else None
            decision, entry_reason = await _entry(cur, held, event, arrived, row["db_now"], now, settings)
            reason = "; ".join(r for r in (exited, entry_reason) if r) or None
    inputs = {"bar": {"open": plain(bar.open), "high": plain(bar.high), "low": plain(bar.low),
                      "close": plain(bar.close), "volume": bar.volume},
              "signals": engine_decision.signals, "nodes": engine_decision.inputs}
    audit = audit_db.insert_params(
        user_id=held.user_id, runtime_id=held.id, strategy_id=held.strategy_id, strategy_version=held.version,
        instrument=held.instrument, timeframe=held.timeframe, bar_ts=bar.ts, decision=decision,
        inputs=_json(inputs), reason=reason)
    await runtimes_db.save(cur, held.id, status="running", last_bar_ts=bar.ts, snapshot=_json(ev.snapshot()),
                           position=held.position, lease_seconds=settings.lease_seconds, audit=audit, commit=True)
    held.last_bar_ts = bar.ts
    return decision


async def _exit(cur: Cursor, held: Held, event: ExitEvent, arrived: ArrivedBar, now: datetime) -> str:
    signal = await signals_db.open_of_runtime(cur, held.id)
    if signal is None:
        return f"{event.reason}: the position was already closed"
    closed = await closing.engine_exit(cur, signal, reason=event.reason,  # type: ignore[arg-type]
                                       price=event.exit_price, pnl=event.pnl, now=now, bar_ts=event.bar_ts,
                                       market_at=arrived.close_at)
    return event.reason if closed is not None else f"{event.reason}: the position was already closed"


async def _entry(cur: Cursor, held: Held, event: EntryEvent, arrived: ArrivedBar, db_now: datetime, now: datetime,
                 settings: DispatchSettings) -> tuple[AuditDecision, str | None]:
    """Publish an entry, or refuse it (late, or the risk gate); a refused entry leaves the runtime flat."""
    late = late_reason(arrived, db_now, now, held.timeframe, settings.grace)
    if late is not None:
        held.evaluator.flatten()
        return "skipped", late
    gate = await risk.gate(cur, held.user_id, held.mode, arrived.close_at, held.instrument)
    if not gate.allowed:
        held.evaluator.flatten()
        await risk.record_blocked(cur, user_id=held.user_id, strategy_id=held.strategy_id,
                                  strategy_version=held.version, runtime_id=held.id, instrument=held.instrument,
                                  timeframe=held.timeframe, bar_ts=event.bar_ts, mode=held.mode, side=event.side,
                                  decision=gate)
        return "blocked", gate.reason
    event_id = await events_db.next_id(cur)
    signal = Signal(
        id=str(uuid.uuid4()), user_id=held.user_id, strategy_id=held.strategy_id, strategy_version=held.version,
        runtime_id=held.id, mode=held.mode, instrument=held.instrument,  # type: ignore[arg-type]
        timeframe=held.timeframe, side=event.side, status="open", entry_price=event.price, stop_price=event.stop,
        target_price=event.target, size=event.size, bar_ts=event.bar_ts, entry_market_at=arrived.close_at,
        fired_at=now, closed_at=None, exit_bar_ts=None, exit_market_at=None, close_price=None, close_reason=None,
        gross_pnl=None, slippage=None, commission=None, net_pnl=None, slippage_ticks=None, event_id=event_id)
    await signals_db.insert(cur, signal)
    await events_db.append(cur, event_id=event_id, user_id=held.user_id, kind="signal", payload=signal.to_json(),
                           strategy_id=held.strategy_id, signal_id=signal.id, runtime_id=held.id)
    wire = signal.to_json()
    held.position = {"side": signal.side, "size": signal.size, "entry_price": wire["entry_price"],
                     "opened_at": wire["fired_at"]}
    return ("enter_long" if event.side == "long" else "enter_short"), None


async def settle_stop(cur: Cursor, runtime_id: str, user_id: str, strategy_id: str, settings: DispatchSettings,
                      clock: Clock) -> bool:
    """A draining runtime closes its position and becomes stopped; False when it was not draining."""
    row = await _locked(cur, runtime_id, settings)
    if row["status"] != "draining":
        return False
    signal = await signals_db.open_of_runtime(cur, runtime_id)
    if signal is not None:
        await closing.runtime_stopped(cur, signal, clock.now())
    await runtimes_db.stopped(cur, runtime_id, clock.now())
    await events_db.append(cur, user_id=user_id, kind="runtime_status", strategy_id=strategy_id,
                           runtime_id=runtime_id, payload={"runtime_id": runtime_id, "status": "stopped"})
    return True


async def fail(cur: Cursor, runtime_id: str, user_id: str, strategy_id: str, message: str,
               settings: DispatchSettings) -> None:
    """Put the runtime in error with `message`, if it is still this worker's (LeaseLost otherwise)."""
    await _locked(cur, runtime_id, settings)
    await runtimes_db.fail(cur, runtime_id, message)
    await events_db.append(cur, user_id=user_id, kind="runtime_status", strategy_id=strategy_id,
                           runtime_id=runtime_id,
                           payload={"runtime_id": runtime_id, "status": "error", "error": message[:2000]})


async def _status_event(cur: Cursor, held: Held, status: str, **extra: Any) -> None:
    await events_db.append(cur, user_id=held.user_id, kind="runtime_status", strategy_id=held.strategy_id,
                           runtime_id=held.id, payload={"runtime_id": held.id, "status": status, **extra})
