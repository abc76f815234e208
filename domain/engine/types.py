"""Bars and events: what the engine reads (`Bar`, `BarColumns`) and what it gives (`EntryEvent`,
`ExitEvent`), the open `Position` and the audit trail's `Decision`. Plain data, shared by the
evaluator (domain.engine.evaluator), the accelerated path (domain.engine.columns) and backtests
(domain.engine.backtest).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Final, Literal, NamedTuple

from domain.engine.errors import InvalidBars
from domain.pnl import PnL, Side

__all__ = [
    "EXIT_REASONS",
    "Action",
    "Bar",
    "BarColumns",
    "Decision",
    "EntryEvent",
    "Event",
    "ExitEvent",
    "ExitReason",
    "Position",
]

ExitReason = Literal["stop", "target", "exit", "reverse", "max_bars"]
Action = Literal["enter_long", "enter_short", "exit", "hold"]
EXIT_REASONS: Final = ("stop", "target", "exit", "reverse", "max_bars")


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
            raise InvalidBars("Bar columns differ in length.")

    def __len__(self) -> int:
        return len(self.ts)

    @staticmethod
    def from_bars(bars: Sequence[Bar]) -> BarColumns:
        return BarColumns([b.ts for b in bars], [b.open for b in bars], [b.high for b in bars],
                          [b.low for b in bars], [b.close for b in bars], [b.volume for b in bars])

    @staticmethod
    def from_rows(rows: Sequence[Any]) -> BarColumns:
        """From any bars with ts/open/high/low/close/volume attributes, e.g. stored bars with Decimal
        prices (domain.market.bars): float() of a price on the tick grid is exact for ticks such as 0.25."""
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
