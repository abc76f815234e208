from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RiskStateUsage")


@_attrs_define
class RiskStateUsage:
    """The mode's usage in the trading day, in market time: `daily_pnl` (realised net P&L of the
    signals closed today, cancelled ones included), `signals_today` (signals fired today),
    `consecutive_losses` (today's losing closes, newest first, until one that was not a loss),
    `open_positions` (signals open now, whenever they fired) and `last_loss_at` (today's newest
    losing close; null when there was none). When the breaker is `error` the usage could not be
    read and the numbers are zeros that mean nothing.

        Attributes:
            daily_pnl (str): A decimal number as a string (money, prices). Example: -500.00.
            signals_today (int):
            consecutive_losses (int | Unset):
            open_positions (int | Unset):
            last_loss_at (datetime.datetime | None | Unset):
    """

    daily_pnl: str
    signals_today: int
    consecutive_losses: int | Unset = UNSET
    open_positions: int | Unset = UNSET
    last_loss_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        daily_pnl = self.daily_pnl

        signals_today = self.signals_today

        consecutive_losses = self.consecutive_losses

        open_positions = self.open_positions

        last_loss_at: None | str | Unset
        if isinstance(self.last_loss_at, Unset):
            last_loss_at = UNSET
        elif isinstance(self.last_loss_at, datetime.datetime):
            last_loss_at = self.last_loss_at.isoformat()
        else:
            last_loss_at = self.last_loss_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "daily_pnl": daily_pnl,
                "signals_today": signals_today,
            }
        )
        if consecutive_losses is not UNSET:
            field_dict["consecutive_losses"] = consecutive_losses
        if open_positions is not UNSET:
            field_dict["open_positions"] = open_positions
        if last_loss_at is not UNSET:
            field_dict["last_loss_at"] = last_loss_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        daily_pnl = d.pop("daily_pnl")

        signals_today = d.pop("signals_today")

        consecutive_losses = d.pop("consecutive_losses", UNSET)

        open_positions = d.pop("open_positions", UNSET)

        def _parse_last_loss_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_loss_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_loss_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_loss_at = _parse_last_loss_at(d.pop("last_loss_at", UNSET))

        risk_state_usage = cls(
            daily_pnl=daily_pnl,
            signals_today=signals_today,
            consecutive_losses=consecutive_losses,
            open_positions=open_positions,
            last_loss_at=last_loss_at,
        )

        risk_state_usage.additional_properties = d
        return risk_state_usage

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
