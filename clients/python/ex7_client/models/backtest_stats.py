from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BacktestStats")


@_attrs_define
class BacktestStats:
    """Statistics of a backtest's trades (net P&L by the one formula, costs included).

    Attributes:
        trades (int):
        wins (int): Trades with net P&L above zero.
        losses (int): Trades with net P&L below zero.
        scratches (int): Trades with net P&L of exactly zero.
        win_rate (float | None): wins / trades; null without trades.
        gross_pnl (str): A decimal number as a string (money, prices). Example: -500.00.
        net_pnl (str): A decimal number as a string (money, prices). Example: -500.00.
        slippage (str): A decimal number as a string (money, prices). Example: -500.00.
        commission (str): A decimal number as a string (money, prices). Example: -500.00.
        profit_factor (float | None): Winning nets over losing nets; null when no trade lost.
        max_drawdown (str): The largest fall (>= 0) of the closed-trade net equity curve from its running peak, in
            dollars.
        sharpe (float | None): Mean over sample deviation of net P&L per CME trading day, times sqrt(252); null with
            fewer than 2 days or no variation.
        average_trade (None | str): net_pnl / trades; null without trades.
        longest_losing_streak (int):
        from_ (datetime.datetime):
        to (datetime.datetime):
    """

    trades: int
    wins: int
    losses: int
    scratches: int
    win_rate: float | None
    gross_pnl: str
    net_pnl: str
    slippage: str
    commission: str
    profit_factor: float | None
    max_drawdown: str
    sharpe: float | None
    average_trade: None | str
    longest_losing_streak: int
    from_: datetime.datetime
    to: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        trades = self.trades

        wins = self.wins

        losses = self.losses

        scratches = self.scratches

        win_rate: float | None
        win_rate = self.win_rate

        gross_pnl = self.gross_pnl

        net_pnl = self.net_pnl

        slippage = self.slippage

        commission = self.commission

        profit_factor: float | None
        profit_factor = self.profit_factor

        max_drawdown = self.max_drawdown

        sharpe: float | None
        sharpe = self.sharpe

        average_trade: None | str
        average_trade = self.average_trade

        longest_losing_streak = self.longest_losing_streak

        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "trades": trades,
                "wins": wins,
                "losses": losses,
                "scratches": scratches,
                "win_rate": win_rate,
                "gross_pnl": gross_pnl,
                "net_pnl": net_pnl,
                "slippage": slippage,
                "commission": commission,
                "profit_factor": profit_factor,
                "max_drawdown": max_drawdown,
                "sharpe": sharpe,
                "average_trade": average_trade,
                "longest_losing_streak": longest_losing_streak,
                "from": from_,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        trades = d.pop("trades")

        wins = d.pop("wins")

        losses = d.pop("losses")

        scratches = d.pop("scratches")

        def _parse_win_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        win_rate = _parse_win_rate(d.pop("win_rate"))

        gross_pnl = d.pop("gross_pnl")

        net_pnl = d.pop("net_pnl")

        slippage = d.pop("slippage")

        commission = d.pop("commission")

        def _parse_profit_factor(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        profit_factor = _parse_profit_factor(d.pop("profit_factor"))

        max_drawdown = d.pop("max_drawdown")

        def _parse_sharpe(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        sharpe = _parse_sharpe(d.pop("sharpe"))

        def _parse_average_trade(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        average_trade = _parse_average_trade(d.pop("average_trade"))

        longest_losing_streak = d.pop("longest_losing_streak")

        from_ = datetime.datetime.fromisoformat(d.pop("from"))

        to = datetime.datetime.fromisoformat(d.pop("to"))

        backtest_stats = cls(
            trades=trades,
            wins=wins,
            losses=losses,
            scratches=scratches,
            win_rate=win_rate,
            gross_pnl=gross_pnl,
            net_pnl=net_pnl,
            slippage=slippage,
            commission=commission,
            profit_factor=profit_factor,
            max_drawdown=max_drawdown,
            sharpe=sharpe,
            average_trade=average_trade,
            longest_losing_streak=longest_losing_streak,
            from_=from_,
            to=to,
        )

        backtest_stats.additional_properties = d
        return backtest_stats

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
