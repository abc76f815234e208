from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LiveStats")


@_attrs_define
class LiveStats:
    """
    Attributes:
        signals (int):
        open_ (int):
        closed (int):
        wins (int):
        losses (int):
        win_rate (float | None):
        net_pnl (str): A decimal number as a string (money, prices). Example: -500.00.
    """

    signals: int
    open_: int
    closed: int
    wins: int
    losses: int
    win_rate: float | None
    net_pnl: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        signals = self.signals

        open_ = self.open_

        closed = self.closed

        wins = self.wins

        losses = self.losses

        win_rate: float | None
        win_rate = self.win_rate

        net_pnl = self.net_pnl

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "signals": signals,
                "open": open_,
                "closed": closed,
                "wins": wins,
                "losses": losses,
                "win_rate": win_rate,
                "net_pnl": net_pnl,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        signals = d.pop("signals")

        open_ = d.pop("open")

        closed = d.pop("closed")

        wins = d.pop("wins")

        losses = d.pop("losses")

        def _parse_win_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        win_rate = _parse_win_rate(d.pop("win_rate"))

        net_pnl = d.pop("net_pnl")

        live_stats = cls(
            signals=signals,
            open_=open_,
            closed=closed,
            wins=wins,
            losses=losses,
            win_rate=win_rate,
            net_pnl=net_pnl,
        )

        live_stats.additional_properties = d
        return live_stats

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
