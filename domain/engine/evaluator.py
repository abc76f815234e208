"""The evaluation engine: one evaluator for every node type of the catalogue (domain/catalog.py).

`compile_graph(graph, instrument, timeframe)` turns a graph that validates into a `CompiledGraph`
(immutable, shareable, a plan). `CompiledGraph.evaluator()` makes an `Evaluator`, whose
`step(bar)` feeds one CLOSED bar and returns the `Event`s of that bar. A live runtime keeps one
evaluator per runtime between bars, persisting `Evaluator.snapshot()` (a JSON-able dict) and
rebuilding it with `CompiledGraph.restore(snapshot)`; a backtest (domain/backtest.py) feeds
history through the same code. Evaluators also pickle (every object in them is plain data), but
the JSON snapshot is the persistence format: it carries a format number and a fingerprint of the
graph, instrument and timeframe, and restoring never instantiates a class the plan did not choose.

State is O(1) per node: the indicator objects of domain/indicators.py (windows of at most
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
opening range use the bar's OPEN time in exchange time (domain/calendar.py); the opening range
is complete on the bar whose close (open + timeframe) reaches the end of its window, or on the
first later bar of the trading day, and is held until the trading day ends.

The audit trail: after each step, `Evaluator.decision()` gives the decision of the bar
(`enter_long`, `enter_short`, `exit` or `hold`), the three action signals and every node's output
values on that bar (the inputs the actions read), JSON-able.
"""

from __future__ import annotations

import hashlib
import json
import math
import operator
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from typing import Any, Final, Literal, NamedTuple, cast
from zoneinfo import ZoneInfo

from domain import indicators
from domain.errors import Invalid
from domain.market.calendar import TIMEFRAME_DURATIONS, trading_day_bounds
from domain.market.instruments import InstrumentSpec, get_instrument
from domain.pnl import PnL, Side, compute_pnl
from domain.strategy.catalog import NODE_TYPES_BY_NAME, params_with_defaults
from domain.strategy.graph import input_sources, topological_order, validate_graph

SNAPSHOT_FORMAT: Final = 1

ExitReason = Literal["stop", "target", "exit", "reverse", "max_bars"]
Action = Literal["enter_long", "enter_short", "exit", "hold"]
EXIT_REASONS: Final = ("stop", "target", "exit", "reverse", "max_bars")


# ---- bars and events ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Bar:
    """One closed bar. `ts` is the bar's OPEN time, timezone-aware (UTC). Prices and volume are
    floats (indicators are float); prices are expected on the instrument's tick grid."""

    ts: datetime
    open: float
    high: float
    low: float
    close: float
    volume: float


# Events and positions are NamedTuples: immutable, and several times cheaper to make than frozen
# dataclasses, which matters to a backtest making tens of thousands of them.

class EntryEvent(NamedTuple):
    """A position opened at the close of the bar that opened at `bar_ts`."""

    side: Side
    price: Decimal
    size: int
    stop: Decimal | None
    target: Decimal | None
    bar_ts: datetime
    kind: Literal["entry"] = "entry"


class ExitEvent(NamedTuple):
    """A position closed on the bar that opened at `bar_ts` (at its close, or at the stop, the
    target or the open for reasons stop/target). `entry_ts` is the open time of the entry bar."""

    side: Side
    size: int
    entry_price: Decimal
    exit_price: Decimal
    reason: str  # ExitReason; a backtest adds "end_of_data"
    bar_ts: datetime
    entry_ts: datetime
    pnl: PnL
    kind: Literal["exit"] = "exit"


Event = EntryEvent | ExitEvent


@dataclass(frozen=True)
class BarColumns:
    """Bars as columns (the fast way to hand history to a backtest): `ts` open times (aware,
    strictly increasing) and float OHLCV lists of the same length."""

    ts: Sequence[datetime]
    open: Sequence[float]
    high: Sequence[float]
    low: Sequence[float]
    close: Sequence[float]
    volume: Sequence[float]

    def __post_init__(self) -> None:
        n = len(self.ts)
        if any(len(col) != n for col in (self.open, self.high, self.low, self.close, self.volume)):
            raise Invalid("Bar columns differ in length.", code="invalid_bars")

    def __len__(self) -> int:
        return len(self.ts)

    @staticmethod
    def from_bars(bars: Sequence[Bar]) -> BarColumns:
        return BarColumns([b.ts for b in bars], [b.open for b in bars], [b.high for b in bars],
                          [b.low for b in bars], [b.close for b in bars], [b.volume for b in bars])

    @staticmethod
    def from_rows(rows: Sequence[Any]) -> BarColumns:
        """From any bars with ts/open/high/low/close/volume attributes, e.g. stored bars with Decimal
        prices (domain/bars.py): float() of a price on the tick grid is exact for ticks such as 0.25."""
        return BarColumns([r.ts for r in rows], [float(r.open) for r in rows], [float(r.high) for r in rows],
                          [float(r.low) for r in rows], [float(r.close) for r in rows],
                          [float(r.volume) for r in rows])

    def bar(self, i: int) -> Bar:
        return Bar(self.ts[i], self.open[i], self.high[i], self.low[i], self.close[i], self.volume[i])

    def bars(self) -> list[Bar]:
        return [Bar(*row) for row in zip(self.ts, self.open, self.high, self.low, self.close, self.volume,
                                         strict=True)]


class Position(NamedTuple):
    """The open position of an evaluator. `entry_bar` counts the evaluator's bars from 0."""

    side: Side
    size: int
    entry_price: Decimal
    entry_ts: datetime
    entry_bar: int
    stop: Decimal | None
    target: Decimal | None

    def to_json(self) -> dict[str, Any]:
        return {
            "side": self.side, "size": self.size, "entry_price": str(self.entry_price),
            "entry_ts": self.entry_ts.isoformat(), "entry_bar": self.entry_bar,
            "stop": None if self.stop is None else str(self.stop),
            "target": None if self.target is None else str(self.target),
        }

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> Position:
        side = data["side"]
        if side not in ("long", "short"):
            raise ValueError(f"bad side {side!r}")
        return Position(
            side=side, size=int(data["size"]), entry_price=Decimal(data["entry_price"]),
            entry_ts=datetime.fromisoformat(data["entry_ts"]), entry_bar=int(data["entry_bar"]),
            stop=None if data["stop"] is None else Decimal(data["stop"]),
            target=None if data["target"] is None else Decimal(data["target"]),
        )


@dataclass(frozen=True)
class Decision:
    """What the evaluator decided at the close of the bar opening at `bar_ts`, for the audit trail.

    `signals`: whether any enter_long / enter_short / exit node was true. `inputs`: every node's
    output values on the bar ({node id: {port: float | bool | None}}). `position`: the side held
    after the bar, or None. `note`: why an entry signal was not acted on, when it was not
    (`stop_unavailable`, `conflicting_entries`, `already_long`, `already_short`)."""

    bar_ts: datetime
    action: Action
    signals: dict[str, bool]
    inputs: dict[str, dict[str, float | bool | None]]
    position: Side | None
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"bar_ts": self.bar_ts.isoformat(), "action": self.action, "signals": dict(self.signals),
                "inputs": {k: dict(v) for k, v in self.inputs.items()}, "position": self.position,
                "note": self.note}


# ---- trading rules (shared by the bar-by-bar evaluator and the accelerated path) -----------------

@dataclass(frozen=True)
class StopRule:
    mode: Literal["ticks", "atr"]
    ticks: int | None = None
    atr_multiple: Decimal | None = None
    atr_period: int | None = None


@dataclass(frozen=True)
class TargetRule:
    mode: Literal["ticks", "r_multiple"]
    ticks: int | None = None
    r_multiple: Decimal | None = None


_PRICE_CACHE_MAX: Final = 200_000
_DZERO: Final = Decimal(0)


class Trader:
    """The position rules of a compiled graph: opening (stop, target, size), the intrabar
    stop/target check, and the decision at the close. Stateless apart from a memo of float ->
    Decimal price conversions; the position lives in the evaluator."""

    def __init__(self, instrument: InstrumentSpec, size: int, stops: Sequence[StopRule],
                 targets: Sequence[TargetRule], max_bars: int | None) -> None:
        self.instrument = instrument
        self.tick = instrument.tick_size
        self.size = size
        self.stops = tuple(stops)
        self.targets = tuple(targets)
        self.max_bars = max_bars
        self.atr_periods = tuple(sorted({s.atr_period for s in self.stops if s.atr_period is not None}))
        # Precomputed: the nearest tick-based stop and target (fewest ticks), the ATR stops and R targets.
        tick_stops = [s.ticks for s in self.stops if s.mode == "ticks" and s.ticks is not None]
        self._stop_ticks = min(tick_stops) * self.tick if tick_stops else None
        self._atr_stops = [(s.atr_multiple, s.atr_period) for s in self.stops
                           if s.mode == "atr" and s.atr_multiple is not None and s.atr_period is not None]
        tick_targets = [t.ticks for t in self.targets if t.mode == "ticks" and t.ticks is not None]
        self._target_ticks = min(tick_targets) * self.tick if tick_targets else None
        self._r_targets = [t.r_multiple for t in self.targets if t.mode == "r_multiple" and t.r_multiple is not None]
        self._prices: dict[float, Decimal] = {}

    # -- prices --

    def price(self, x: float) -> Decimal:
        """A float price as a Decimal on the tick grid: Decimal(repr(x)), rounded to the nearest
        tick (half to even)."""
        d = self._prices.get(x)
        if d is None:
            tick = self.tick
            d = Decimal(int((Decimal(repr(x)) / tick).to_integral_value(ROUND_HALF_EVEN))) * tick
            if len(self._prices) >= _PRICE_CACHE_MAX:
                self._prices.clear()
            self._prices[x] = d
        return d

    def _adverse(self, x: Decimal, side: Side) -> Decimal:
        """x on the tick grid, rounded down for a long, up for a short."""
        rounding = ROUND_FLOOR if side == "long" else ROUND_CEILING
        return Decimal(int((x / self.tick).to_integral_value(rounding))) * self.tick

    # -- opening --

    def open(self, side: Side, close: float, ts: datetime, bar_no: int,
             atrs: Mapping[int, float | None]) -> Position | None:
        """The position an entry at this close opens, or None when an ATR stop has no ATR yet."""
        entry = self.price(close)
        tick = self.tick
        long = side == "long"
        dist = self._stop_ticks
        stop = None if dist is None else (entry - dist if long else entry + dist)
        for multiple, period in self._atr_stops:
            atr = atrs.get(period)
            if atr is None:
                return None
            move = multiple * Decimal(repr(atr))
            if long:
                level = min(self._adverse(entry - move, side), entry - tick)  # at least one tick away
                if stop is None or level > stop:  # the nearest stop applies
                    stop = level
            else:
                level = max(self._adverse(entry + move, side), entry + tick)
                if stop is None or level < stop:
                    stop = level
        dist = self._target_ticks
        target = None if dist is None else (entry + dist if long else entry - dist)
        if stop is not None:
            risk = abs(entry - stop)
            for r in self._r_targets:
                if long:
                    level = max(self._adverse(entry + r * risk, side), entry + tick)
                    if target is None or level < target:  # the nearest target applies
                        target = level
                else:
                    level = min(self._adverse(entry - r * risk, side), entry - tick)
                    if target is None or level > target:
                        target = level
        if stop is not None and stop <= _DZERO:
            stop = None
        if target is not None and target <= _DZERO:
            target = None
        return Position(side, self.size, entry, ts, bar_no, stop, target)

    # -- closing --

    def close(self, pos: Position, price: Decimal, reason: str, ts: datetime) -> ExitEvent:
        pnl = compute_pnl(self.instrument, pos.side, pos.size, pos.entry_price, price)
        return ExitEvent(pos.side, pos.size, pos.entry_price, price, reason, ts, pos.entry_ts, pnl)

    def intrabar(self, pos: Position, o: float, h: float, low: float, ts: datetime,
                 stop_f: float | None, target_f: float | None) -> ExitEvent | None:
        """The stop/target exit of `pos` on this bar, if any. `stop_f`/`target_f` are the float
        values of pos.stop/pos.target (bars are float): comparisons are made in float."""
        if pos.side == "long":
            if stop_f is not None and o <= stop_f:
                return self.close(pos, self.price(o), "stop", ts)
            if target_f is not None and o >= target_f:
                return self.close(pos, self.price(o), "target", ts)
            if stop_f is not None and low <= stop_f:
                assert pos.stop is not None
                return self.close(pos, pos.stop, "stop", ts)
            if target_f is not None and h >= target_f:
                assert pos.target is not None
                return self.close(pos, pos.target, "target", ts)
        else:
            if stop_f is not None and o >= stop_f:
                return self.close(pos, self.price(o), "stop", ts)
            if target_f is not None and o <= target_f:
                return self.close(pos, self.price(o), "target", ts)
            if stop_f is not None and h >= stop_f:
                assert pos.stop is not None
                return self.close(pos, pos.stop, "stop", ts)
            if target_f is not None and low <= target_f:
                assert pos.target is not None
                return self.close(pos, pos.target, "target", ts)
        return None

    def at_close(self, pos: Position | None, bar_no: int, ts: datetime, close: float, long_sig: bool,
                 short_sig: bool, exit_sig: bool, atrs: Mapping[int, float | None],
                 events: list[Event]) -> tuple[Position | None, Action, str | None]:
        """The decision at the close: appends its events, returns (position after, action, note)."""
        if pos is None and not long_sig and not short_sig:
            return None, "hold", None  # the common case, first
        entry: Side | None = None
        note: str | None = None
        if long_sig and short_sig:
            note = "conflicting_entries"
        elif long_sig:
            entry = "long"
        elif short_sig:
            entry = "short"
        if pos is not None:
            if entry is not None and entry != pos.side:
                new = self.open(entry, close, ts, bar_no, atrs)
                if new is None:
                    note = "stop_unavailable"
                else:
                    events.append(self.close(pos, self.price(close), "reverse", ts))
                    events.append(self.entry_event(new))
                    return new, ("enter_long" if entry == "long" else "enter_short"), None
            elif entry is not None:
                note = "already_long" if entry == "long" else "already_short"
            if exit_sig:
                events.append(self.close(pos, self.price(close), "exit", ts))
                return None, "exit", note
            if self.max_bars is not None and bar_no - pos.entry_bar >= self.max_bars:
                events.append(self.close(pos, self.price(close), "max_bars", ts))
                return None, "exit", note
            return pos, "hold", note
        if entry is None:
            return None, "hold", note
        new = self.open(entry, close, ts, bar_no, atrs)
        if new is None:
            return None, "hold", "stop_unavailable"
        events.append(self.entry_event(new))
        return new, ("enter_long" if entry == "long" else "enter_short"), None

    @staticmethod
    def entry_event(pos: Position) -> EntryEvent:
        return EntryEvent(pos.side, pos.entry_price, pos.size, pos.stop, pos.target, pos.entry_ts)


# ---- exchange-time clock ------------------------------------------------------------------------

class Clock:
    """Seconds since local midnight (exchange time) of a bar's open time. The UTC offset is
    looked up once per UTC hour: US DST changes happen on whole UTC hours, so the offset is
    constant within one."""

    __slots__ = ("_hour", "_offset", "sod", "tz")

    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self._hour: int | None = None
        self._offset = 0
        self.sod = 0

    def update(self, ts: datetime) -> int:
        sec = math.floor(ts.timestamp())
        hour = sec // 3600
        if hour != self._hour:
            offset = ts.astimezone(self.tz).utcoffset()
            assert offset is not None
            self._offset = int(offset.total_seconds())
            self._hour = hour
        self.sod = (sec + self._offset) % 86400
        return self.sod


def _hhmm_seconds(text: str) -> int:
    hh, mm = text.split(":")
    return int(hh) * 3600 + int(mm) * 60


class OpeningRange:
    """High and low of the bars that open in [start, start + minutes) (exchange time) of each
    trading day. None until complete: on the bar whose close (open + bar duration) reaches the
    window end, or on the first later bar of the day; then held until the trading day ends.
    A window that starts at or after the session open (17:00) lies on the trading day's first
    calendar day; the window is cut at the trading day's end."""

    __slots__ = ("_bar", "_instrument", "_start", "_tz", "_width", "complete", "day_end", "day_start", "high",
                 "low", "value", "win_end", "win_start")
    STATE: Final = ("day_start", "day_end", "win_start", "win_end", "high", "low", "complete", "value")

    def __init__(self, instrument: InstrumentSpec, timeframe: str, start: str, minutes: int) -> None:
        self._instrument = instrument
        self._tz = ZoneInfo(instrument.session_timezone)
        self._start = time.fromisoformat(start)
        self._width = timedelta(minutes=minutes)
        self._bar = TIMEFRAME_DURATIONS.get(timeframe)  # None for "1d": the bar spans the trading day
        self.day_start: datetime | None = None
        self.day_end: datetime | None = None
        self.win_start: datetime | None = None
        self.win_end: datetime | None = None
        self.high: float | None = None
        self.low: float | None = None
        self.complete = False
        self.value: tuple[float, float] | None = None

    def _new_day(self, ts: datetime) -> None:
        self.day_start, self.day_end = start, end = trading_day_bounds(ts, self._instrument)
        local_open = start.astimezone(self._tz)
        day: date = local_open.date()
        if self._start < local_open.time():
            day += timedelta(days=1)
        win_start = datetime.combine(day, self._start, tzinfo=self._tz).astimezone(UTC)
        self.win_start = win_start
        self.win_end = min(win_start + self._width, end)
        self.high = self.low = None
        self.complete = False
        self.value = None

    def update(self, ts: datetime, high: float, low: float) -> tuple[float, float] | None:
        day_start, day_end = self.day_start, self.day_end
        if day_start is None or day_end is None or not day_start <= ts < day_end:
            self._new_day(ts)
        if self.complete:
            return self.value
        win_start, win_end = self.win_start, self.win_end
        assert win_start is not None and win_end is not None
        if ts < win_start:
            return None
        if ts < win_end:
            if self.high is None or high > self.high:
                self.high = high
            if self.low is None or low < self.low:
                self.low = low
            bar_close = ts + self._bar if self._bar is not None else self.day_end
            assert bar_close is not None
            if bar_close < win_end:
                return None
        self.complete = True
        if self.high is not None and self.low is not None:
            self.value = (self.high, self.low)
        return self.value


# ---- nodes --------------------------------------------------------------------------------------

Values = list[Any]  # one slot per (node, output port): float | None for numbers, bool for booleans


class _Op:
    """One node's evaluation on one bar. `outs` are its output slots, in port order."""

    __slots__ = ("node_id", "outs")

    def __init__(self, node_id: str, outs: Sequence[int]) -> None:
        self.node_id = node_id
        self.outs = tuple(outs)

    def run(self, v: Values, bar: Bar) -> None:
        raise NotImplementedError

    def state(self) -> Any:
        return None

    def load(self, state: Any) -> None:
        return None


class _Price(_Op):
    __slots__ = ("_get",)

    def __init__(self, node_id: str, outs: Sequence[int], field: str) -> None:
        super().__init__(node_id, outs)
        self._get: Callable[[Bar], float] = (
            _typical if field == "typical" else cast(Callable[[Bar], float], operator.attrgetter(field)))

    def run(self, v: Values, bar: Bar) -> None:
        v[self.outs[0]] = self._get(bar)


def _typical(bar: Bar) -> float:
    return (bar.high + bar.low + bar.close) / 3.0


class _Indicator(_Op):
    """A series indicator of domain/indicators.py on one input; several outputs for MACD and
    Bollinger (their NamedTuple fields are in port order)."""

    __slots__ = ("_in", "ind")

    def __init__(self, node_id: str, outs: Sequence[int], ind: Any, src: int) -> None:
        super().__init__(node_id, outs)
        self.ind = ind
        self._in = src

    def run(self, v: Values, bar: Bar) -> None:
        x = v[self._in]
        if len(self.outs) == 1:
            v[self.outs[0]] = None if x is None else self.ind.update(x)
            return
        r = None if x is None else self.ind.update(x)
        if r is None:
            for o in self.outs:
                v[o] = None
        else:
            for o, y in zip(self.outs, r, strict=True):
                v[o] = y

    def state(self) -> Any:
        return encode_slots(self.ind)

    def load(self, state: Any) -> None:
        decode_slots(self.ind, state)


class _ATR(_Indicator):
    __slots__ = ()

    def run(self, v: Values, bar: Bar) -> None:
        v[self.outs[0]] = self.ind.update(bar.high, bar.low, bar.close)


class _VWAP(_Indicator):
    __slots__ = ()

    def run(self, v: Values, bar: Bar) -> None:
        v[self.outs[0]] = self.ind.update(bar.ts, bar.high, bar.low, bar.close, bar.volume)


class _OpeningRangeOp(_Op):
    __slots__ = ("rng",)

    def __init__(self, node_id: str, outs: Sequence[int], rng: OpeningRange) -> None:
        super().__init__(node_id, outs)
        self.rng = rng

    def run(self, v: Values, bar: Bar) -> None:
        r = self.rng.update(bar.ts, bar.high, bar.low)
        if r is None:
            v[self.outs[0]] = v[self.outs[1]] = None
        else:
            v[self.outs[0]], v[self.outs[1]] = r

    def state(self) -> Any:
        return {name: _enc(getattr(self.rng, name)) for name in OpeningRange.STATE}

    def load(self, state: Any) -> None:
        for name in OpeningRange.STATE:
            setattr(self.rng, name, _dec(state[name]))


COMPARE_OPS: Final[Mapping[str, Callable[[float, float], bool]]] = {
    ">": operator.gt, "<": operator.lt, ">=": operator.ge, "<=": operator.le}


class _Compare(_Op):
    __slots__ = ("_a", "_b", "_fn")

    def __init__(self, node_id: str, outs: Sequence[int], a: int, b: int, op: str) -> None:
        super().__init__(node_id, outs)
        self._a, self._b, self._fn = a, b, COMPARE_OPS[op]

    def run(self, v: Values, bar: Bar) -> None:
        a, b = v[self._a], v[self._b]
        v[self.outs[0]] = a is not None and b is not None and self._fn(a, b)


class _Cross(_Op):
    """crosses_above: a > b now and a <= b on the previous bar (crosses_below mirrored)."""

    __slots__ = ("_a", "_above", "_b", "prev_a", "prev_b")

    def __init__(self, node_id: str, outs: Sequence[int], a: int, b: int, above: bool) -> None:
        super().__init__(node_id, outs)
        self._a, self._b, self._above = a, b, above
        self.prev_a: float | None = None
        self.prev_b: float | None = None

    def run(self, v: Values, bar: Bar) -> None:
        a, b = v[self._a], v[self._b]
        pa, pb = self.prev_a, self.prev_b
        self.prev_a, self.prev_b = a, b
        if a is None or b is None or pa is None or pb is None:
            v[self.outs[0]] = False
        elif self._above:
            v[self.outs[0]] = a > b and pa <= pb
        else:
            v[self.outs[0]] = a < b and pa >= pb

    def state(self) -> Any:
        return [_enc(self.prev_a), _enc(self.prev_b)]

    def load(self, state: Any) -> None:
        self.prev_a, self.prev_b = _dec(state[0]), _dec(state[1])


class _TimeWindow(_Op):
    __slots__ = ("_clock", "_end", "_start")

    def __init__(self, node_id: str, outs: Sequence[int], clock: Clock, start: str, end: str) -> None:
        super().__init__(node_id, outs)
        self._clock = clock
        self._start, self._end = _hhmm_seconds(start), _hhmm_seconds(end)

    def run(self, v: Values, bar: Bar) -> None:
        v[self.outs[0]] = time_window_active(self._clock.sod, self._start, self._end)


def time_window_active(sod: int, start: int, end: int) -> bool:
    """Whether seconds-of-day `sod` is in [start, end), wrapping past midnight when start > end."""
    if start < end:
        return start <= sod < end
    return sod >= start or sod < end


class _And(_Op):
    __slots__ = ("_a", "_b")

    def __init__(self, node_id: str, outs: Sequence[int], a: int, b: int) -> None:
        super().__init__(node_id, outs)
        self._a, self._b = a, b

    def run(self, v: Values, bar: Bar) -> None:
        v[self.outs[0]] = bool(v[self._a] and v[self._b])


class _Or(_And):
    __slots__ = ()

    def run(self, v: Values, bar: Bar) -> None:
        v[self.outs[0]] = bool(v[self._a] or v[self._b])


class _Not(_Op):
    __slots__ = ("_a",)

    def __init__(self, node_id: str, outs: Sequence[int], a: int) -> None:
        super().__init__(node_id, outs)
        self._a = a

    def run(self, v: Values, bar: Bar) -> None:
        v[self.outs[0]] = not v[self._a]


# ---- state encoding (JSON-able) -----------------------------------------------------------------

_NAMED_TUPLES: Final[Mapping[str, type]] = {"MACDValue": indicators.MACDValue, "Bands": indicators.Bands}
_SKIP_SLOTS: Final = frozenset({"instrument"})  # configuration the plan rebuilds


def _enc(x: Any) -> Any:
    if x is None or isinstance(x, bool | int | str):
        return x
    if isinstance(x, float):
        return x if math.isfinite(x) else {"$float": repr(x)}
    if isinstance(x, datetime):
        return {"$dt": x.isoformat()}
    if isinstance(x, deque):
        return {"$deque": [_enc(i) for i in x], "maxlen": x.maxlen}
    if isinstance(x, tuple):
        name = type(x).__name__ if type(x).__name__ in _NAMED_TUPLES else None
        return {"$tuple": [_enc(i) for i in x], "type": name}
    if isinstance(x, list):
        return [_enc(i) for i in x]
    raise TypeError(f"cannot encode {type(x).__name__} in evaluator state")


def _dec(x: Any) -> Any:
    if isinstance(x, list):
        return [_dec(i) for i in x]
    if not isinstance(x, dict):
        return x
    if "$float" in x:
        return float(x["$float"])
    if "$dt" in x:
        return datetime.fromisoformat(x["$dt"])
    if "$deque" in x:
        return deque((_dec(i) for i in x["$deque"]), maxlen=x["maxlen"])
    if "$tuple" in x:
        items = [_dec(i) for i in x["$tuple"]]
        name = x.get("type")
        return _NAMED_TUPLES[name](*items) if name is not None else tuple(items)
    raise ValueError("unknown value in evaluator state")


def _slots(obj: Any) -> list[str]:
    names: list[str] = []
    for cls in type(obj).__mro__:
        slots = cls.__dict__.get("__slots__", ())
        names.extend([slots] if isinstance(slots, str) else slots)
    return [n for n in names if n not in _SKIP_SLOTS]


def encode_slots(obj: Any) -> dict[str, Any]:
    """The state of an indicator object of domain/indicators.py: every slot, JSON-able."""
    return {name: _enc(getattr(obj, name)) for name in _slots(obj)}


def decode_slots(obj: Any, state: Mapping[str, Any]) -> None:
    """Load `encode_slots` output into an object of the same class (made by the plan)."""
    names = _slots(obj)
    if set(state) != set(names):
        raise ValueError(f"state of {type(obj).__name__} has the wrong fields")
    for name in names:
        setattr(obj, name, _dec(state[name]))


# ---- compilation --------------------------------------------------------------------------------

@dataclass(frozen=True)
class NodePlan:
    """One node as compiled: its inputs and outputs as slots of the value vector."""

    id: str
    type: str
    params: Mapping[str, Any]
    inputs: Mapping[str, int]  # port -> slot
    outputs: tuple[int, ...]  # slots, in port order


class CompiledGraph:
    """A validated graph compiled for one instrument and timeframe: the node plans in
    topological order, the value-vector layout, the action slots and the trading rules.
    Immutable and shareable; `evaluator()` and `restore()` make evaluators."""

    def __init__(self, graph: Mapping[str, Any], instrument: InstrumentSpec | str, timeframe: str) -> None:
        spec = get_instrument(instrument)
        symbol = spec.symbol
        issues = validate_graph(graph, symbol, timeframe)
        if issues:
            raise Invalid("The strategy graph is not valid.", code="invalid_graph",
                          errors=[issue.to_dict() for issue in issues])
        self.instrument = spec
        self.timeframe = timeframe
        nodes = {str(n["id"]): n for n in graph["nodes"]}
        order = topological_order(graph)
        wiring = input_sources(graph)
        self.slot_names: list[tuple[str, str]] = []
        out_slot: dict[tuple[str, str], int] = {}
        plans: list[NodePlan] = []
        for node_id in order:
            node = nodes[node_id]
            type_ = str(node["type"])
            node_type = NODE_TYPES_BY_NAME[type_]
            outs = []
            for port in node_type.outputs:
                out_slot[(node_id, port.name)] = len(self.slot_names)
                outs.append(len(self.slot_names))
                self.slot_names.append((node_id, port.name))
            ins = {port: out_slot[src] for port, src in wiring.get(node_id, {}).items()}
            plans.append(NodePlan(node_id, type_, params_with_defaults(type_, node.get("params") or {}),
                                  ins, tuple(outs)))
        self.nodes: tuple[NodePlan, ...] = tuple(plans)
        self.long_slots = tuple(p.inputs["when"] for p in plans if p.type == "enter_long")
        self.short_slots = tuple(p.inputs["when"] for p in plans if p.type == "enter_short")
        self.exit_slots = tuple(p.inputs["when"] for p in plans if p.type == "exit")
        self.needs_clock = any(p.type == "time_window" for p in plans)
        self.trader = _trader(spec, plans)
        canonical = {
            "nodes": {p.id: [p.type, dict(p.params)] for p in plans},
            "wiring": {k: sorted(v.items()) for k, v in wiring.items()},
            "instrument": symbol, "timeframe": timeframe,
        }
        self.fingerprint = hashlib.sha256(json.dumps(canonical, sort_keys=True, default=str).encode()).hexdigest()

    def evaluator(self) -> Evaluator:
        """A fresh evaluator: no bars seen, flat."""
        return Evaluator(self)

    def restore(self, state: Mapping[str, Any]) -> Evaluator:
        """An evaluator continuing from `Evaluator.snapshot()` of an evaluator of this same plan
        (graph, instrument and timeframe); anything else raises Invalid (engine_state_mismatch)."""
        ev = Evaluator(self)
        try:
            if state.get("format") != SNAPSHOT_FORMAT or state.get("fingerprint") != self.fingerprint:
                raise ValueError("the state was saved by another graph, instrument or timeframe")
            ev._load(state)
        except (KeyError, TypeError, ValueError, IndexError, ArithmeticError) as exc:
            raise Invalid(f"The evaluator state cannot be restored: {exc}", code="engine_state_mismatch") from exc
        return ev

    def make_ops(self, clock: Clock | None) -> list[_Op]:
        """Fresh node objects in evaluation order (constants have none: they are preset)."""
        ops: list[_Op] = []
        for p in self.nodes:
            op = _make_op(p, self.instrument, self.timeframe, clock)
            if op is not None:
                ops.append(op)
        return ops

    def initial_values(self) -> Values:
        values: Values = [None] * len(self.slot_names)
        for p in self.nodes:
            if p.type == "constant":
                values[p.outputs[0]] = float(p.params["value"])
        return values


def compile_graph(graph: Mapping[str, Any], instrument: InstrumentSpec | str, timeframe: str) -> CompiledGraph:
    """Compile `graph` (which must validate for `instrument` and `timeframe`; Invalid with code
    `invalid_graph` and the issues in `errors` otherwise)."""
    return CompiledGraph(graph, instrument, timeframe)


def _make_op(p: NodePlan, spec: InstrumentSpec, timeframe: str, clock: Clock | None) -> _Op | None:
    t, params, outs, ins = p.type, p.params, p.outputs, p.inputs
    node_type = NODE_TYPES_BY_NAME[t]
    if t == "price":
        return _Price(p.id, outs, str(params["field"]))
    if t == "constant" or node_type.category in ("action", "risk"):
        return None
    if t == "atr":
        return _ATR(p.id, outs, indicators.ATR(int(params["period"])), -1)
    if t == "vwap":
        return _VWAP(p.id, outs, indicators.SessionVWAP(spec), -1)
    if t == "opening_range":
        return _OpeningRangeOp(p.id, outs, OpeningRange(spec, timeframe, str(params["start"]),
                                                         int(params["minutes"])))
    if node_type.indicator is not None:
        cls = getattr(indicators, node_type.indicator)
        return _Indicator(p.id, outs, cls(**params), ins["series"])
    if t == "compare":
        return _Compare(p.id, outs, ins["a"], ins["b"], str(params["op"]))
    if t in ("crosses_above", "crosses_below"):
        return _Cross(p.id, outs, ins["a"], ins["b"], t == "crosses_above")
    if t == "time_window":
        assert clock is not None
        return _TimeWindow(p.id, outs, clock, str(params["start"]), str(params["end"]))
    if t == "and":
        return _And(p.id, outs, ins["a"], ins["b"])
    if t == "or":
        return _Or(p.id, outs, ins["a"], ins["b"])
    if t == "not":
        return _Not(p.id, outs, ins["a"])
    raise AssertionError(f"node type {t} has no evaluator")  # test_engine checks every catalogue type


def _trader(spec: InstrumentSpec, plans: Sequence[NodePlan]) -> Trader:
    size = 1
    stops: list[StopRule] = []
    targets: list[TargetRule] = []
    max_bars: int | None = None
    for p in plans:
        params = p.params
        if p.type == "position_size":
            size = int(params["contracts"])
        elif p.type == "stop_loss":
            if params["mode"] == "atr":
                stops.append(StopRule("atr", atr_multiple=Decimal(repr(float(params["atr_multiple"]))),
                                      atr_period=int(params["atr_period"])))
            else:
                stops.append(StopRule("ticks", ticks=int(params["ticks"])))
        elif p.type == "take_profit":
            if params["mode"] == "r_multiple":
                targets.append(TargetRule("r_multiple", r_multiple=Decimal(repr(float(params["r_multiple"])))))
            else:
                targets.append(TargetRule("ticks", ticks=int(params["ticks"])))
        elif p.type == "max_bars_in_trade":
            bars = int(params["bars"])
            max_bars = bars if max_bars is None else min(max_bars, bars)
    return Trader(spec, size, stops, targets, max_bars)


# ---- the evaluator ------------------------------------------------------------------------------

class Evaluator:
    """Feeds closed bars one at a time through a compiled graph. See the module docstring."""

    def __init__(self, plan: CompiledGraph) -> None:
        self.plan = plan
        self._clock = Clock(ZoneInfo(plan.instrument.session_timezone)) if plan.needs_clock else None
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
        """Feed the next closed bar (open times timezone-aware and strictly increasing; Invalid
        `invalid_bar` / `bar_out_of_order` otherwise; a live runtime that may see a bar twice
        should skip bars at or before `last_bar_ts`) and return its events, in the order they
        happened: a stop/target exit, then the decision at the close (an exit, a reverse's exit
        and entry, or an entry)."""
        ts = bar.ts
        if ts.tzinfo is None:
            raise Invalid("Bar times must be timezone-aware (UTC).", code="invalid_bar")
        if self._last_ts is not None and ts <= self._last_ts:
            raise Invalid(f"Bar {ts.isoformat()} does not follow {self._last_ts.isoformat()}.",
                          code="bar_out_of_order")
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

    def _set_position(self, pos: Position | None) -> None:
        self._pos = pos
        self._stop_f = None if pos is None or pos.stop is None else float(pos.stop)
        self._target_f = None if pos is None or pos.target is None else float(pos.target)

    def decision(self) -> Decision:
        """The decision of the last bar fed, with its inputs (for the audit trail)."""
        if self._last is None:
            raise Invalid("No bar has been evaluated yet.", code="no_bar")
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
