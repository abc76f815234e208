"""The trading rules, shared by the bar-by-bar evaluator (domain.engine.evaluator) and the
accelerated path (domain.engine.columns): the stop and target rules of a compiled graph, and the
`Trader` that opens a position, checks its stop and target within a bar and decides at the close.
The rules are stated in domain.engine.evaluator's docstring.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from typing import Final, Literal

from domain.engine.types import Action, EntryEvent, Event, ExitEvent, Position
from domain.market.instruments import InstrumentSpec
from domain.pnl import Side, compute_pnl

__all__ = [
    "StopRule",
    "TargetRule",
    "Trader",
]


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
