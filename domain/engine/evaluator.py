"""The evaluator and the engine's semantics: one evaluator for every node type of the catalogue
(domain.strategy.catalog).

`compile_graph(graph, instrument, timeframe)` (domain.engine.compile) turns a graph that
validates into a `CompiledGraph` (immutable, shareable, a plan). `CompiledGraph.evaluator()`
makes an `Evaluator`, whose `step(bar)` feeds one CLOSED bar and returns the `Event`s of that
bar. A live runtime keeps one evaluator per runtime between bars, persisting
`Evaluator.snapshot()` (a JSON-able dict) and rebuilding it with `CompiledGraph.restore(snapshot)`;
a backtest (domain.engine.backtest) feeds history through the same code. Evaluators also pickle
(every object in them is plain data), but the JSON snapshot is the persistence format: it carries
a format number and a fingerprint of the graph, instrument and timeframe, and restoring never
instantiates a class the plan did not choose.

State is O(1) per node: the indicator objects of domain.indicators (windows of at most
`period` values), the previous values of crosses, the opening range of the day, the ATRs of ATR
stops, the bar counter and the position.

Semantics (the rules a trader can check by hand)
------------------------------------------------
Order on each bar:
 1. Stops and targets of a position opened on an EARLIER bar are checked on this bar's prices:
    - the bar OPENS at or beyond the stop (long: open <= stop): filled at the open (a resting stop
      becomes a market order at the first trade, so a gap fills worse than the stop);
    - else the bar opens at or beyond the target: filled at the open (a resting limit fills at the
      first trade, which is better than the target; nothing could have touched the stop first);
    - else low/high touches the stop: filled at the stop price, even when the target was touched
      too on the same bar (the stop first: the bar does not say which came first, so we assume
      the worse);
    - else high/low touches the target: filled at the target price.
 2. The graph is evaluated on the bar's close; the decision is made at the close:
    - entry signal: any `enter_long` node true -> long; any `enter_short` true -> short; both
      true on one bar -> conflicting, no entry (exits still apply);
    - in a position and the entry is the opposite side: close (reason `reverse`) and open the
      other side, both at the close;
    - otherwise in a position and any `exit` node is true: close at the close (reason `exit`);
    - otherwise in a position held for `bars` bars of `max_bars_in_trade` (the entry bar is bar
      0): close at the close (reason `max_bars`);
    - in a position and the entry is the SAME side: ignored (one position per runtime, no
      pyramiding); exits are judged against the position held at the close, so an exit and a
      same-side entry on one bar close the position and do not re-open it;
    - flat (including flat because step 1 closed the position on this bar): open at the close.
 3. An entry fills at the signal bar's close. Its stop and target are fixed at entry:
    - stop_loss ticks: entry -/+ ticks * tick_size (long/short);
    - stop_loss atr: entry -/+ atr_multiple * ATR(atr_period), the ATR of the bars up to and
      including the signal bar (computed in the evaluator); while that ATR is still warming up,
      entries are held back (decision `hold`, note `stop_unavailable`): no trade without the stop
      the graph asks for;
    - take_profit ticks: entry +/- ticks * tick_size; take_profit r_multiple: entry +/- r_multiple
      * (|entry - stop|, the stop as rounded);
    - ATR- and R-based prices are rounded to the tick grid in the direction ADVERSE to the trader
      (the direction in which a fill is worse for the position: down for a long, up for a short,
      for stops and targets alike); every distance is at least one tick;
    - several stop_loss nodes: the one nearest the entry applies; several take_profit nodes: the
      nearest; several max_bars_in_trade: the fewest bars;
    - a stop or target that would be at or below zero is dropped (no price could reach it);
    - size: `position_size.contracts`, 1 without a position_size node.
 4. Exits fill at: the stop/target price or the open (step 1); the bar's close (exit, reverse,
    max_bars). P&L comes from domain.pnl.compute_pnl, the only P&L formula.

Values: prices in events are Decimal on the tick grid (`Decimal(repr(x))`, rounded to the nearest
tick); indicators work in float. A node with a missing input (an indicator still warming up, an
opening range not yet complete, a session VWAP without volume) has no value on that bar: an
indicator is not updated on such a bar (it advances only on bars with a value, and keeps its
state), and its output is missing on that bar. A condition with a missing input is false;
crosses need a value for both inputs on this bar and on the previous bar. Time windows and the
opening range use the bar's OPEN time in exchange time (domain.market.calendar); the opening
range is complete on the bar whose close reaches the end of its window, or on the first later bar
of the trading day, and is held until the trading day ends. A bar closes when stored bars do
(domain.market.bars.SessionClock.bar_close): open + timeframe, cut at the session close (16:00
exchange time), so the 13:00 4h bar and every 1d bar close at 16:00; a window that ends after the
session close is never complete (no bar opens in the 16:00-17:00 break).

The audit trail: after each step, `Evaluator.decision()` gives the decision of the bar
(`enter_long`, `enter_short`, `exit` or `hold`), the three action signals and every node's output
values on that bar (the inputs the actions read), JSON-able.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from domain import indicators
from domain.engine.errors import InvalidBars
from domain.engine.sessions import ExchangeClock
from domain.engine.state import SNAPSHOT_FORMAT, _dec, _enc, decode_slots, encode_slots
from domain.engine.types import Action, Bar, Decision, Event, Position

if TYPE_CHECKING:
    from domain.engine.compile import CompiledGraph

__all__ = [
    "Evaluator",
]


class Evaluator:
    """Feeds closed bars one at a time through a compiled graph. See the module docstring."""

    def __init__(self, plan: CompiledGraph) -> None:
        self.plan = plan
        self._clock = ExchangeClock(ZoneInfo(plan.instrument.session_timezone)) if plan.needs_clock else None
        self._ops = plan.make_ops(self._clock)
        self._runs = [op.run for op in self._ops]
        self._stateful = [op for op in self._ops if op.state() is not None]
        self._values = plan.initial_values()
        self._atrs = {period: indicators.ATR(period) for period in plan.trader.atr_periods}
        self._atr_values: dict[int, float | None] = dict.fromkeys(plan.trader.atr_periods)
        self._pos: Position | None = None
        self._stop_f: float | None = None
        self._target_f: float | None = None
        self._bar_no = 0
        self._last_ts: datetime | None = None
        self._last: tuple[datetime, Action, tuple[bool, bool, bool], str | None] | None = None

    @property
    def position(self) -> Position | None:
        return self._pos

    @property
    def bars_seen(self) -> int:
        return self._bar_no

    @property
    def last_bar_ts(self) -> datetime | None:
        return self._last_ts

    def step(self, bar: Bar) -> list[Event]:
        """Feed the next closed bar (open times timezone-aware and strictly increasing; InvalidBars
        otherwise; a live runtime that may see a bar twice
        should skip bars at or before `last_bar_ts`) and return its events, in the order they
        happened: a stop/target exit, then the decision at the close (an exit, a reverse's exit
        and entry, or an entry)."""
        ts = bar.ts
        if ts.tzinfo is None:
            raise InvalidBars("Bar times must be timezone-aware (UTC).")
        if self._last_ts is not None and ts <= self._last_ts:
            raise InvalidBars(f"Bar {ts.isoformat()} does not follow {self._last_ts.isoformat()}.")
        trader = self.plan.trader
        events: list[Event] = []
        pos = self._pos
        if pos is not None:
            ev = trader.intrabar(pos, bar.open, bar.high, bar.low, ts, self._stop_f, self._target_f)
            if ev is not None:
                events.append(ev)
                pos = None
        if self._clock is not None:
            self._clock.update(ts)
        v = self._values
        for run in self._runs:
            run(v, bar)
        atr_values = self._atr_values
        for period, atr in self._atrs.items():
            atr_values[period] = atr.update(bar.high, bar.low, bar.close)
        plan = self.plan
        long_sig = any(v[s] for s in plan.long_slots)
        short_sig = any(v[s] for s in plan.short_slots)
        exit_sig = any(v[s] for s in plan.exit_slots)
        new, action, note = trader.at_close(pos, self._bar_no, ts, bar.close, long_sig, short_sig, exit_sig,
                                            atr_values, events)
        if new is not self._pos:
            self._set_position(new)
        self._bar_no += 1
        self._last_ts = ts
        self._last = (ts, action, (long_sig, short_sig, exit_sig), note)
        return events

    def warm(self, bar: Bar) -> None:
        """Feed a bar of history before the runtime goes live: every node and ATR advances as in
        `step`, but nothing trades (no stop, target, exit or entry), so the evaluator stays flat and
        its first decision is on the first bar `step` gets. Same ordering rules as `step`."""
        ts = bar.ts
        if ts.tzinfo is None:
            raise InvalidBars("Bar times must be timezone-aware (UTC).")
        if self._last_ts is not None and ts <= self._last_ts:
            raise InvalidBars(f"Bar {ts.isoformat()} does not follow {self._last_ts.isoformat()}.")
        if self._clock is not None:
            self._clock.update(ts)
        v = self._values
        for run in self._runs:
            run(v, bar)
        for period, atr in self._atrs.items():
            self._atr_values[period] = atr.update(bar.high, bar.low, bar.close)
        self._bar_no += 1
        self._last_ts = ts

    def flatten(self) -> None:
        """Forget the open position: it was closed outside the engine (by the user, a force-close).
        The evaluator can enter again on its next signal, as it would after an exit."""
        self._set_position(None)

    def _set_position(self, pos: Position | None) -> None:
        self._pos = pos
        self._stop_f = None if pos is None or pos.stop is None else float(pos.stop)
        self._target_f = None if pos is None or pos.target is None else float(pos.target)

    def decision(self) -> Decision:
        """The decision of the last bar fed, with its inputs (for the audit trail)."""
        if self._last is None:
            raise RuntimeError("No bar has been evaluated yet.")
        ts, action, (long_sig, short_sig, exit_sig), note = self._last
        inputs: dict[str, dict[str, float | bool | None]] = {}
        for (node_id, port), value in zip(self.plan.slot_names, self._values, strict=True):
            inputs.setdefault(node_id, {})[port] = value
        pos = self._pos
        return Decision(ts, action, {"enter_long": long_sig, "enter_short": short_sig, "exit": exit_sig},
                        inputs, None if pos is None else pos.side, note)

    # -- persistence --

    def snapshot(self) -> dict[str, Any]:
        """The whole state as JSON-able data (floats round-trip exactly through JSON)."""
        return {
            "format": SNAPSHOT_FORMAT,
            "fingerprint": self.plan.fingerprint,
            "bar_no": self._bar_no,
            "last_ts": None if self._last_ts is None else self._last_ts.isoformat(),
            "nodes": {op.node_id: op.state() for op in self._stateful},
            "atr": {str(period): encode_slots(atr) for period, atr in self._atrs.items()},
            "atr_values": {str(period): _enc(v) for period, v in self._atr_values.items()},
            "position": None if self._pos is None else self._pos.to_json(),
            "values": [_enc(x) for x in self._values],
            "last": None if self._last is None else {
                "ts": self._last[0].isoformat(), "action": self._last[1], "signals": list(self._last[2]),
                "note": self._last[3]},
        }

    def _load(self, state: Mapping[str, Any]) -> None:
        self._bar_no = int(state["bar_no"])
        self._last_ts = None if state["last_ts"] is None else datetime.fromisoformat(state["last_ts"])
        nodes = state["nodes"]
        if set(nodes) != {op.node_id for op in self._stateful}:
            raise ValueError("node states do not match the graph")
        for op in self._stateful:
            op.load(nodes[op.node_id])
        for period, atr in self._atrs.items():
            decode_slots(atr, state["atr"][str(period)])
            self._atr_values[period] = _dec(state["atr_values"][str(period)])
        self._set_position(None if state["position"] is None else Position.from_json(state["position"]))
        values = [_dec(x) for x in state["values"]]
        if len(values) != len(self._values):
            raise ValueError("value vector does not match the graph")
        self._values[:] = values
        last = state["last"]
        if last is not None:
            signals = tuple(bool(s) for s in last["signals"])
            self._last = (datetime.fromisoformat(last["ts"]), last["action"],
                          (signals[0], signals[1], signals[2]), last["note"])
