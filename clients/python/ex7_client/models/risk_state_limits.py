from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RiskStateLimits")


@_attrs_define
class RiskStateLimits:
    """The configured limits (the tier's defaults with the user's overrides); further breakers add
    their own members. The gate checks them in this order and reports the first that trips:
    `daily_loss_limit` (blocked once the day's realised net P&L is at or below it),
    `max_signals_per_day` (entries fired today), `max_consecutive_losses` (the trailing losing
    closes today), `max_open_positions` (positions open now in this mode), `cooldown_minutes`
    (no entry that long after today's newest losing close; breaker `cooldown`), and
    `no_entry_before_break_minutes` (no entry in the final minutes before the 16:00 CT break, nor
    while the market is closed; breaker `trading_window`). When the breaker is `error` these are
    the tier's defaults: the user's overrides could not be read.

        Attributes:
            daily_loss_limit (str): A decimal number as a string (money, prices). Example: -500.00.
            max_signals_per_day (int):
            max_consecutive_losses (int | Unset):
            max_open_positions (int | Unset):
            cooldown_minutes (int | Unset):
            no_entry_before_break_minutes (int | Unset):
    """

    daily_loss_limit: str
    max_signals_per_day: int
    max_consecutive_losses: int | Unset = UNSET
    max_open_positions: int | Unset = UNSET
    cooldown_minutes: int | Unset = UNSET
    no_entry_before_break_minutes: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        daily_loss_limit = self.daily_loss_limit

        max_signals_per_day = self.max_signals_per_day

        max_consecutive_losses = self.max_consecutive_losses

        max_open_positions = self.max_open_positions

        cooldown_minutes = self.cooldown_minutes

        no_entry_before_break_minutes = self.no_entry_before_break_minutes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "daily_loss_limit": daily_loss_limit,
                "max_signals_per_day": max_signals_per_day,
            }
        )
        if max_consecutive_losses is not UNSET:
            field_dict["max_consecutive_losses"] = max_consecutive_losses
        if max_open_positions is not UNSET:
            field_dict["max_open_positions"] = max_open_positions
        if cooldown_minutes is not UNSET:
            field_dict["cooldown_minutes"] = cooldown_minutes
        if no_entry_before_break_minutes is not UNSET:
            field_dict["no_entry_before_break_minutes"] = no_entry_before_break_minutes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        daily_loss_limit = d.pop("daily_loss_limit")

        max_signals_per_day = d.pop("max_signals_per_day")

        max_consecutive_losses = d.pop("max_consecutive_losses", UNSET)

        max_open_positions = d.pop("max_open_positions", UNSET)

        cooldown_minutes = d.pop("cooldown_minutes", UNSET)

        no_entry_before_break_minutes = d.pop("no_entry_before_break_minutes", UNSET)

        risk_state_limits = cls(
            daily_loss_limit=daily_loss_limit,
            max_signals_per_day=max_signals_per_day,
            max_consecutive_losses=max_consecutive_losses,
            max_open_positions=max_open_positions,
            cooldown_minutes=cooldown_minutes,
            no_entry_before_break_minutes=no_entry_before_break_minutes,
        )

        risk_state_limits.additional_properties = d
        return risk_state_limits

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
