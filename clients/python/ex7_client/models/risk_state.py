from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.trading_mode import TradingMode

if TYPE_CHECKING:
    from ..models.risk_state_blocked_reason_type_0 import RiskStateBlockedReasonType0
    from ..models.risk_state_limits import RiskStateLimits
    from ..models.risk_state_usage import RiskStateUsage


T = TypeVar("T", bound="RiskState")


@_attrs_define
class RiskState:
    """
    Attributes:
        mode (TradingMode): Paper or live; the two are separate pools for runtimes, signals and risk.
        trading_allowed (bool):
        blocked_reason (None | RiskStateBlockedReasonType0):
        limits (RiskStateLimits): The configured limits (the tier's defaults with the user's overrides); further
            breakers add
            their own members. The gate checks them in this order and reports the first that trips:
            `daily_loss_limit` (blocked once the day's realised net P&L is at or below it),
            `max_signals_per_day` (entries fired today), `max_consecutive_losses` (the trailing losing
            closes today), `max_open_positions` (positions open now in this mode), `cooldown_minutes`
            (no entry that long after today's newest losing close; breaker `cooldown`), and
            `no_entry_before_break_minutes` (no entry in the final minutes before the 16:00 CT break, nor
            while the market is closed; breaker `trading_window`). When the breaker is `error` these are
            the tier's defaults: the user's overrides could not be read.
        usage (RiskStateUsage): The mode's usage in the trading day, in market time: `daily_pnl` (realised net P&L of
            the
            signals closed today, cancelled ones included), `signals_today` (signals fired today),
            `consecutive_losses` (today's losing closes, newest first, until one that was not a loss),
            `open_positions` (signals open now, whenever they fired) and `last_loss_at` (today's newest
            losing close; null when there was none). When the breaker is `error` the usage could not be
            read and the numbers are zeros that mean nothing.
        trading_day_start (datetime.datetime):
        checked_at (datetime.datetime):
    """

    mode: TradingMode
    trading_allowed: bool
    blocked_reason: None | RiskStateBlockedReasonType0
    limits: RiskStateLimits
    usage: RiskStateUsage
    trading_day_start: datetime.datetime
    checked_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.risk_state_blocked_reason_type_0 import (
            RiskStateBlockedReasonType0,  # noqa: PLC0415
        )

        mode = self.mode.value

        trading_allowed = self.trading_allowed

        blocked_reason: dict[str, Any] | None
        if isinstance(self.blocked_reason, RiskStateBlockedReasonType0):
            blocked_reason = self.blocked_reason.to_dict()
        else:
            blocked_reason = self.blocked_reason

        limits = self.limits.to_dict()

        usage = self.usage.to_dict()

        trading_day_start = self.trading_day_start.isoformat()

        checked_at = self.checked_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "mode": mode,
                "trading_allowed": trading_allowed,
                "blocked_reason": blocked_reason,
                "limits": limits,
                "usage": usage,
                "trading_day_start": trading_day_start,
                "checked_at": checked_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.risk_state_blocked_reason_type_0 import (
            RiskStateBlockedReasonType0,  # noqa: PLC0415
        )
        from ..models.risk_state_limits import RiskStateLimits  # noqa: PLC0415
        from ..models.risk_state_usage import RiskStateUsage  # noqa: PLC0415

        d = dict(src_dict)
        mode = TradingMode(d.pop("mode"))

        trading_allowed = d.pop("trading_allowed")

        def _parse_blocked_reason(data: object) -> None | RiskStateBlockedReasonType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                blocked_reason_type_0 = RiskStateBlockedReasonType0.from_dict(data)

                return blocked_reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RiskStateBlockedReasonType0, data)

        blocked_reason = _parse_blocked_reason(d.pop("blocked_reason"))

        limits = RiskStateLimits.from_dict(d.pop("limits"))

        usage = RiskStateUsage.from_dict(d.pop("usage"))

        trading_day_start = datetime.datetime.fromisoformat(d.pop("trading_day_start"))

        checked_at = datetime.datetime.fromisoformat(d.pop("checked_at"))

        risk_state = cls(
            mode=mode,
            trading_allowed=trading_allowed,
            blocked_reason=blocked_reason,
            limits=limits,
            usage=usage,
            trading_day_start=trading_day_start,
            checked_at=checked_at,
        )

        risk_state.additional_properties = d
        return risk_state

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
