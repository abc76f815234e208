"""A signal as stored and as the contract's `Signal` shows it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from domain.decimals import money, plain
from domain.pnl import Side

Mode = Literal["paper", "live"]
SignalStatus = Literal["open", "closed", "cancelled"]
# How a signal ended: the engine's exits (stop, target, exit, reverse, max_bars), the runtime being
# stopped with the position open (runtime_stopped), the user (user) or the emergency lever (force_close).
CloseReason = Literal["stop", "target", "exit", "reverse", "max_bars", "runtime_stopped", "user", "force_close"]
ENGINE_CLOSE_REASONS = frozenset({"stop", "target", "exit", "reverse", "max_bars"})


def _iso(ts: datetime | None) -> str | None:
    return None if ts is None else ts.isoformat().replace("+00:00", "Z")


def _price(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def _money(value: Decimal | None) -> str | None:
    return None if value is None else money(value)


@dataclass(frozen=True)
class Signal:
    id: str
    user_id: str
    strategy_id: str
    strategy_version: int
    runtime_id: str
    mode: Mode
    instrument: str
    timeframe: str
    side: Side
    status: SignalStatus
    entry_price: Decimal
    stop_price: Decimal | None
    target_price: Decimal | None
    size: int
    bar_ts: datetime  # open time of the bar whose close fired it
    entry_market_at: datetime  # that bar's close: when it fired in market time
    fired_at: datetime
    closed_at: datetime | None
    exit_bar_ts: datetime | None
    exit_market_at: datetime | None
    close_price: Decimal | None
    close_reason: CloseReason | None
    gross_pnl: Decimal | None
    slippage: Decimal | None
    commission: Decimal | None
    net_pnl: Decimal | None
    slippage_ticks: Decimal | None
    event_id: int | None  # the newest stream event about it

    def to_json(self) -> dict[str, Any]:
        """The contract's `Signal`."""
        return {
            "id": self.id, "strategy_id": self.strategy_id, "strategy_version": self.strategy_version,
            "mode": self.mode, "instrument": self.instrument, "timeframe": self.timeframe, "side": self.side,
            "status": self.status, "entry_price": plain(self.entry_price), "stop_price": _price(self.stop_price),
            "target_price": _price(self.target_price), "size": self.size, "fired_at": _iso(self.fired_at),
            "bar_ts": _iso(self.bar_ts), "closed_at": _iso(self.closed_at), "close_price": _price(self.close_price),
            "close_reason": self.close_reason, "gross_pnl": _money(self.gross_pnl), "slippage": _money(self.slippage),
            "commission": _money(self.commission), "net_pnl": _money(self.net_pnl),
            "slippage_ticks": None if self.slippage_ticks is None else float(self.slippage_ticks),
            "event_id": self.event_id,
        }


StreamEventKind = Literal["signal", "signal_closed"]


@dataclass(frozen=True)
class StreamEvent:
    """One event of the live stream: its id in the event log, what happened, and the signal as it is
    when the event is read (so a replayed `signal` of a position closed since shows it closed)."""

    id: int
    kind: StreamEventKind
    signal: Signal
