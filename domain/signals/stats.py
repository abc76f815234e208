"""What a user's signals add up to: the live statistics of each strategy (GET /api/performance) and the
portfolio of one mode (GET /api/portfolio).

The counts and sums come from SQL (db.signals); the ratios and the wire forms are here. The
definitions are a backtest's (domain.engine.backtest), so that the live column of a strategy reads
like its backtest column:
- closed: closed or cancelled (a user's or a force close is a trade that ended too);
- wins: closed with net P&L above zero; losses: below zero; exactly zero is neither;
- win_rate = wins / closed, None when nothing closed;
- profit_factor = sum of winning nets / |sum of losing nets|, None when no trade lost;
- max_drawdown: the largest fall (>= 0) of the closed-trade net equity curve, in exit order, from its
  running peak; the curve starts at 0 before the first trade.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.decimals import money, plain
from domain.market.bars import StoredBar
from domain.market.calendar import TIMEFRAME_DURATIONS
from domain.pnl import compute_pnl
from domain.signals.records import Signal

_ZERO = Decimal("0")
# Open positions are marked at the close of the newest bar of this timeframe, the finest stored.
MARK_TIMEFRAME = "1m"


def _iso(ts: datetime | None) -> str | None:
    return None if ts is None else ts.isoformat().replace("+00:00", "Z")


def _money(value: Decimal | None) -> str | None:
    return None if value is None else money(value)


@dataclass(frozen=True)
class LiveStats:
    """The signals of one strategy's runtimes, in either mode."""

    signals: int = 0
    open: int = 0
    closed: int = 0
    wins: int = 0
    losses: int = 0
    net_pnl: Decimal = _ZERO  # over the closed ones

    @property
    def win_rate(self) -> float | None:
        return self.wins / self.closed if self.closed else None

    def to_json(self) -> dict[str, Any]:
        """The contract's LiveStats."""
        return {"signals": self.signals, "open": self.open, "closed": self.closed, "wins": self.wins,
                "losses": self.losses, "win_rate": self.win_rate, "net_pnl": money(self.net_pnl)}


NO_SIGNALS = LiveStats()


@dataclass(frozen=True)
class TodayStats:
    """The signals fired (in market time, entry_market_at) since the current trading day started."""

    signals: int
    open: int
    closed: int
    net_pnl: Decimal  # of those of them that have closed

    def to_json(self) -> dict[str, Any]:
        return {"signals": self.signals, "open": self.open, "closed": self.closed, "net_pnl": money(self.net_pnl)}


@dataclass(frozen=True)
class CumulativeStats:
    """Every signal of the mode."""

    signals: int
    closed: int
    wins: int
    losses: int
    net_pnl: Decimal
    won: Decimal  # sum of the winning nets (>= 0)
    lost: Decimal  # sum of the losing nets (<= 0)
    best_trade: Decimal | None
    worst_trade: Decimal | None
    max_drawdown: Decimal

    @property
    def win_rate(self) -> float | None:
        return self.wins / self.closed if self.closed else None

    @property
    def profit_factor(self) -> float | None:
        return float(self.won / -self.lost) if self.losses else None

    def to_json(self) -> dict[str, Any]:
        return {"signals": self.signals, "closed": self.closed, "wins": self.wins, "losses": self.losses,
                "win_rate": self.win_rate, "net_pnl": money(self.net_pnl), "best_trade": _money(self.best_trade),
                "worst_trade": _money(self.worst_trade), "profit_factor": self.profit_factor,
                "max_drawdown": money(self.max_drawdown)}


@dataclass(frozen=True)
class OpenPosition:
    """An open signal valued at the newest price: None throughout when its instrument has no 1m bar."""

    signal: Signal
    mark_price: Decimal | None
    mark_at: datetime | None  # when that price was the market's: the close of its bar
    unrealized_pnl: Decimal | None

    def to_json(self) -> dict[str, Any]:
        s = self.signal
        return {"signal_id": s.id, "strategy_id": s.strategy_id, "instrument": s.instrument, "side": s.side,
                "size": s.size, "entry_price": plain(s.entry_price),
                "mark_price": None if self.mark_price is None else plain(self.mark_price),
                "mark_at": _iso(self.mark_at), "unrealized_pnl": _money(self.unrealized_pnl)}


def mark_to_market(signal: Signal, newest: StoredBar | None) -> OpenPosition:
    """`signal` valued at the close of `newest`, the newest 1m bar of its instrument.

    Unrealised P&L is what closing there would make by the one P&L formula, costs of the whole round
    trip included (slippage on both sides, both commissions): the number that realised P&L will be
    compared with, not a flattering gross."""
    if newest is None:
        return OpenPosition(signal, None, None, None)
    pnl = compute_pnl(signal.instrument, signal.side, signal.size, signal.entry_price, newest.close)
    return OpenPosition(signal, newest.close, newest.ts + TIMEFRAME_DURATIONS[MARK_TIMEFRAME], pnl.net)


@dataclass(frozen=True)
class Portfolio:
    today: TodayStats
    cumulative: CumulativeStats
    open_positions: Sequence[OpenPosition]
    trading_day_start: datetime

    def to_json(self) -> dict[str, Any]:
        """The contract's Portfolio, without the disclaimer (the handler's to add)."""
        return {"today": self.today.to_json(), "cumulative": self.cumulative.to_json(),
                "open_positions": [p.to_json() for p in self.open_positions],
                "trading_day_start": _iso(self.trading_day_start)}
