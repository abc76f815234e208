from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PortfolioCumulative")


@_attrs_define
class PortfolioCumulative:
    """
    Attributes:
        signals (int):
        closed (int):
        wins (int):
        losses (int):
        win_rate (float | None):
        net_pnl (str): A decimal number as a string (money, prices). Example: -500.00.
        best_trade (None | str): A decimal number as a string (money, prices). Example: -500.00.
        worst_trade (None | str): A decimal number as a string (money, prices). Example: -500.00.
        profit_factor (float | None): Winning nets over losing nets; null when no signal lost.
        max_drawdown (str): The largest fall (>= 0) of the closed-trade net equity curve (in exit order, from 0) from
            its running peak, in dollars.
    """

    signals: int
    closed: int
    wins: int
    losses: int
    win_rate: float | None
    net_pnl: str
    best_trade: None | str
    worst_trade: None | str
    profit_factor: float | None
    max_drawdown: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        signals = self.signals

        closed = self.closed

        wins = self.wins

        losses = self.losses

        win_rate: float | None
        win_rate = self.win_rate

        net_pnl = self.net_pnl

        best_trade: None | str
        best_trade = self.best_trade

        worst_trade: None | str
        worst_trade = self.worst_trade

        profit_factor: float | None
        profit_factor = self.profit_factor

        max_drawdown = self.max_drawdown

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "signals": signals,
                "closed": closed,
                "wins": wins,
                "losses": losses,
                "win_rate": win_rate,
                "net_pnl": net_pnl,
                "best_trade": best_trade,
                "worst_trade": worst_trade,
                "profit_factor": profit_factor,
                "max_drawdown": max_drawdown,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        signals = d.pop("signals")

        closed = d.pop("closed")

        wins = d.pop("wins")

        losses = d.pop("losses")

        def _parse_win_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        win_rate = _parse_win_rate(d.pop("win_rate"))

        net_pnl = d.pop("net_pnl")

        def _parse_best_trade(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        best_trade = _parse_best_trade(d.pop("best_trade"))

        def _parse_worst_trade(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        worst_trade = _parse_worst_trade(d.pop("worst_trade"))

        def _parse_profit_factor(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        profit_factor = _parse_profit_factor(d.pop("profit_factor"))

        max_drawdown = d.pop("max_drawdown")

        portfolio_cumulative = cls(
            signals=signals,
            closed=closed,
            wins=wins,
            losses=losses,
            win_rate=win_rate,
            net_pnl=net_pnl,
            best_trade=best_trade,
            worst_trade=worst_trade,
            profit_factor=profit_factor,
            max_drawdown=max_drawdown,
        )

        portfolio_cumulative.additional_properties = d
        return portfolio_cumulative

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
