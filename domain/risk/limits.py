"""Risk limits: the tier's defaults and a user's per-mode overrides of them.

A limit is a threshold the gate compares today's usage with (domain.risk.gate). Money is Decimal and
the daily loss limit is a P&L, so it is zero or negative: "-500.00" blocks once the day's realised net
P&L reaches -500.00.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from domain.billing.tiers import TierId
from domain.decimals import money

# The daily break is 16:00-17:00 and a trading day 23 hours: a window longer than that is no window.
MAX_NO_ENTRY_MINUTES = 23 * 60


class InvalidRiskLimits(ValueError):
    """Limits that cannot be meant (a positive loss limit, a negative count): refused, never guessed at."""


@dataclass(frozen=True)
class RiskLimits:
    daily_loss_limit: Decimal  # <= 0: blocked once the day's realised net P&L is at or below it
    max_signals_per_day: int  # entries fired in the trading day
    max_consecutive_losses: int  # trailing losing closes in the trading day
    max_open_positions: int  # open signals in the mode, whatever day they fired
    cooldown_minutes: int  # no entry this long after a losing close
    no_entry_before_break_minutes: int  # no entry in the final N minutes before the 16:00 break

    def __post_init__(self) -> None:
        if not isinstance(self.daily_loss_limit, Decimal) or not self.daily_loss_limit.is_finite():
            raise InvalidRiskLimits("daily_loss_limit must be a finite Decimal")
        if self.daily_loss_limit > 0:
            raise InvalidRiskLimits("daily_loss_limit is a P&L floor: zero or negative")
        for name in ("max_signals_per_day", "max_consecutive_losses", "max_open_positions", "cooldown_minutes",
                     "no_entry_before_break_minutes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise InvalidRiskLimits(f"{name} must be an integer >= 0")
        if self.no_entry_before_break_minutes > MAX_NO_ENTRY_MINUTES:
            raise InvalidRiskLimits(f"no_entry_before_break_minutes must be at most {MAX_NO_ENTRY_MINUTES}")

    def to_json(self) -> dict[str, Any]:
        """The contract's RiskState `limits`: money as a string, counts and minutes as integers."""
        return {
            "daily_loss_limit": money(self.daily_loss_limit),
            "max_signals_per_day": self.max_signals_per_day,
            "max_consecutive_losses": self.max_consecutive_losses,
            "max_open_positions": self.max_open_positions,
            "cooldown_minutes": self.cooldown_minutes,
            "no_entry_before_break_minutes": self.no_entry_before_break_minutes,
        }


LIMIT_NAMES: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(RiskLimits))

# What a tier trades under until the user overrides it (risk_limits). Free is for learning: one
# position, a handful of entries and a small loss floor; paying tiers get room for more strategies at
# once (pro's 3 and elite's 10 open positions follow their running-runtime caps only loosely: the
# gate is about exposure, the caps about compute). The final 10 minutes before the break are a bad
# time to open a position that the break would hold overnight, so every tier keeps some of that.
DEFAULT_LIMITS: dict[TierId, RiskLimits] = {
    "free": RiskLimits(Decimal("-500.00"), max_signals_per_day=6, max_consecutive_losses=3, max_open_positions=1,
                       cooldown_minutes=15, no_entry_before_break_minutes=10),
    "pro": RiskLimits(Decimal("-2000.00"), max_signals_per_day=20, max_consecutive_losses=4, max_open_positions=3,
                      cooldown_minutes=10, no_entry_before_break_minutes=10),
    "elite": RiskLimits(Decimal("-5000.00"), max_signals_per_day=50, max_consecutive_losses=5, max_open_positions=10,
                        cooldown_minutes=5, no_entry_before_break_minutes=5),
}


def with_overrides(base: RiskLimits, overrides: Mapping[str, Any]) -> RiskLimits:
    """`base` with each override that is not None (a NULL column of risk_limits keeps the default).

    An unknown name is refused: a misspelt override silently ignored would leave a limit the user
    thinks they changed. Values are checked as any RiskLimits' are.
    """
    unknown = set(overrides) - set(LIMIT_NAMES)
    if unknown:
        raise InvalidRiskLimits(f"unknown risk limits: {', '.join(sorted(unknown))}")
    changes = {name: value for name, value in overrides.items() if value is not None}
    if "daily_loss_limit" in changes:
        changes["daily_loss_limit"] = Decimal(str(changes["daily_loss_limit"]))  # never through float
    return dataclasses.replace(base, **changes)
