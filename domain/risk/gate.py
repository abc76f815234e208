"""The publication risk gate: may a new entry be published at `at`, given the limits and today's usage?

Fail-closed: anything that stops the gate from knowing (the usage cannot be read, a limit cannot be
understood) is a refusal (`error_decision`), never a pass. Only entries are gated; closing a position
never is, since a gate that kept a losing position open would defeat its own purpose.

Times are market time: `at` is the close of the bar being decided (for GET /api/risk, now). The
trading day is the one containing `at` (17:00 to 17:00 America/Chicago, domain.market.calendar), and
every daily breaker starts afresh with it: a loss at 16:00 is yesterday's once 17:00 has passed.

The breakers, checked in this order (the first that trips is the one reported):

1. daily_loss_limit: the day's realised net P&L is at or below the limit (-500.00 blocks at -500.00).
2. max_signals_per_day: the entries fired today have reached the maximum (6 blocks at the 6th).
3. max_consecutive_losses: the trailing losing closes today have reached the maximum.
4. max_open_positions: the open positions of the mode have reached the maximum.
5. cooldown: less than cooldown_minutes have passed since today's newest losing close.
6. trading_window: the market is not open (the daily break, a weekend, a holiday), or `at` is in the
   final no_entry_before_break_minutes before the session's 16:00 close.

The money and count breakers come first because they say something about the trader's day that holds
whatever the clock says; the clock breakers last, since they clear by themselves.

`observed` and `limit` are strings, as the contract shows them: money as "-512.75", counts as "6",
times as ISO 8601 UTC. For cooldown they are the losing close and the end of the cooldown; for the
final minutes before the break, `at` and the cut-off; for a closed market, the market state
("break" or "closed") and the next session open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal

from domain.decimals import money
from domain.market.calendar import market_state, next_open, session_bounds, trading_date, trading_day_start
from domain.market.instruments import InstrumentSpec
from domain.risk.limits import RiskLimits

Breaker = Literal[
    "daily_loss_limit", "max_signals_per_day", "max_consecutive_losses", "max_open_positions", "cooldown",
    "trading_window", "error",
]

# The order of `decide`'s checks, for documentation and tests; `error` is not a check.
CHECK_ORDER: tuple[Breaker, ...] = (
    "daily_loss_limit", "max_signals_per_day", "max_consecutive_losses", "max_open_positions", "cooldown",
    "trading_window",
)


def _iso(ts: datetime) -> str:
    return ts.astimezone(UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class RiskUsage:
    """What the user did in the trading day, in one mode (paper and live are separate pools)."""

    daily_pnl: Decimal = Decimal("0.00")  # realised net P&L of the signals closed in the day
    signals_today: int = 0  # signals fired in the day
    consecutive_losses: int = 0  # losing closes in the day, newest first, until one that was not a loss
    open_positions: int = 0  # signals open now, whenever they fired
    last_loss_at: datetime | None = None  # market time of the day's newest losing close

    def to_json(self) -> dict[str, Any]:
        """The contract's RiskState `usage`."""
        return {
            "daily_pnl": money(self.daily_pnl),
            "signals_today": self.signals_today,
            "consecutive_losses": self.consecutive_losses,
            "open_positions": self.open_positions,
            "last_loss_at": None if self.last_loss_at is None else _iso(self.last_loss_at),
        }


@dataclass(frozen=True)
class RiskDecision:
    allowed: bool
    breaker: Breaker | None  # None when allowed
    reason: str | None
    observed: str | None  # None when allowed, and for `error` (nothing could be observed)
    limit: str | None
    limits: RiskLimits
    usage: RiskUsage
    trading_day_start: datetime  # UTC
    checked_at: datetime  # `at` in UTC: the market time the decision is for

    def blocked_reason_json(self) -> dict[str, Any] | None:
        """The contract's RiskState `blocked_reason`: None when trading is allowed."""
        if self.allowed:
            return None
        return {"breaker": self.breaker, "reason": self.reason, "observed": self.observed, "limit": self.limit}

    def reason_json(self) -> dict[str, Any]:
        """The snapshot a blocked signal keeps (signals_blocked.reason_json): why, against which limits, when."""
        reason = self.blocked_reason_json()
        if reason is None:
            raise ValueError("an allowed decision blocked nothing")
        return {**reason, "limits": self.limits.to_json(), "checked_at": _iso(self.checked_at)}


@dataclass(frozen=True)
class _Breach:
    breaker: Breaker
    reason: str
    observed: str
    limit: str


def _first_breach(limits: RiskLimits, usage: RiskUsage, at: datetime,
                  instrument: InstrumentSpec | str | None) -> _Breach | None:
    if usage.daily_pnl <= limits.daily_loss_limit:
        return _Breach("daily_loss_limit", "daily_loss_limit_breached", money(usage.daily_pnl),
                       money(limits.daily_loss_limit))
    if usage.signals_today >= limits.max_signals_per_day:
        return _Breach("max_signals_per_day", "max_signals_per_day_reached", str(usage.signals_today),
                       str(limits.max_signals_per_day))
    if usage.consecutive_losses >= limits.max_consecutive_losses:
        return _Breach("max_consecutive_losses", "max_consecutive_losses_reached", str(usage.consecutive_losses),
                       str(limits.max_consecutive_losses))
    if usage.open_positions >= limits.max_open_positions:
        return _Breach("max_open_positions", "max_open_positions_reached", str(usage.open_positions),
                       str(limits.max_open_positions))
    if usage.last_loss_at is not None:
        until = usage.last_loss_at + timedelta(minutes=limits.cooldown_minutes)
        if at < until:
            return _Breach("cooldown", "cooldown_active", _iso(usage.last_loss_at), _iso(until))
    return _window_breach(limits, at, instrument)


def _window_breach(limits: RiskLimits, at: datetime, instrument: InstrumentSpec | str | None) -> _Breach | None:
    state = market_state(instrument, at)
    if state != "open":
        return _Breach("trading_window", "market_closed", state, _iso(next_open(at, instrument)))
    close = session_bounds(trading_date(at, instrument), instrument)[1]
    cutoff = close - timedelta(minutes=limits.no_entry_before_break_minutes)
    if at >= cutoff:
        return _Breach("trading_window", "no_entry_before_break", _iso(at), _iso(cutoff))
    return None


def decide(limits: RiskLimits, usage: RiskUsage, at: datetime,
           instrument: InstrumentSpec | str | None = None) -> RiskDecision:
    """The gate's decision for a new entry at `at` (timezone-aware); see the module's docstring for the
    checks and their order. `instrument` picks the session; None is the CME equity-index session that
    every listed instrument shares (what GET /api/risk reports on)."""
    day_start = trading_day_start(at, instrument)
    at = at.astimezone(UTC)
    breach = _first_breach(limits, usage, at, instrument)
    if breach is None:
        return RiskDecision(True, None, None, None, None, limits, usage, day_start, at)
    return RiskDecision(False, breach.breaker, breach.reason, breach.observed, breach.limit, limits, usage,
                        day_start, at)


def error_decision(at: datetime, limits: RiskLimits) -> RiskDecision:
    """The refusal when the risk state could not be read or understood: fail-closed.

    `limits` are what the caller knows without the database (the tier's defaults); the usage could not
    be read, so it is reported as zeros that mean nothing. The trading day is the shared session's,
    so that this cannot fail on the instrument that may have caused the error.
    """
    return RiskDecision(False, "error", "risk_state_unavailable", None, None, limits, RiskUsage(),
                        trading_day_start(at), at.astimezone(UTC))
