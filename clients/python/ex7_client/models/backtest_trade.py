from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.backtest_trade_reason import BacktestTradeReason
from ..models.backtest_trade_side import BacktestTradeSide

T = TypeVar("T", bound="BacktestTrade")


@_attrs_define
class BacktestTrade:
    """
    Attributes:
        side (BacktestTradeSide):
        size (int):
        entry_time (datetime.datetime): Open time of the bar whose close filled the entry.
        entry_price (str): A decimal number as a string (money, prices). Example: -500.00.
        exit_time (datetime.datetime): Open time of the bar on which the position closed.
        exit_price (str): A decimal number as a string (money, prices). Example: -500.00.
        reason (BacktestTradeReason):
        gross_pnl (str): A decimal number as a string (money, prices). Example: -500.00.
        slippage (str): A decimal number as a string (money, prices). Example: -500.00.
        commission (str): A decimal number as a string (money, prices). Example: -500.00.
        net_pnl (str): A decimal number as a string (money, prices). Example: -500.00.
    """

    side: BacktestTradeSide
    size: int
    entry_time: datetime.datetime
    entry_price: str
    exit_time: datetime.datetime
    exit_price: str
    reason: BacktestTradeReason
    gross_pnl: str
    slippage: str
    commission: str
    net_pnl: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        side = self.side.value

        size = self.size

        entry_time = self.entry_time.isoformat()

        entry_price = self.entry_price

        exit_time = self.exit_time.isoformat()

        exit_price = self.exit_price

        reason = self.reason.value

        gross_pnl = self.gross_pnl

        slippage = self.slippage

        commission = self.commission

        net_pnl = self.net_pnl

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "side": side,
                "size": size,
                "entry_time": entry_time,
                "entry_price": entry_price,
                "exit_time": exit_time,
                "exit_price": exit_price,
                "reason": reason,
                "gross_pnl": gross_pnl,
                "slippage": slippage,
                "commission": commission,
                "net_pnl": net_pnl,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        side = BacktestTradeSide(d.pop("side"))

        size = d.pop("size")

        entry_time = datetime.datetime.fromisoformat(d.pop("entry_time"))

        entry_price = d.pop("entry_price")

        exit_time = datetime.datetime.fromisoformat(d.pop("exit_time"))

        exit_price = d.pop("exit_price")

        reason = BacktestTradeReason(d.pop("reason"))

        gross_pnl = d.pop("gross_pnl")

        slippage = d.pop("slippage")

        commission = d.pop("commission")

        net_pnl = d.pop("net_pnl")

        backtest_trade = cls(
            side=side,
            size=size,
            entry_time=entry_time,
            entry_price=entry_price,
            exit_time=exit_time,
            exit_price=exit_price,
            reason=reason,
            gross_pnl=gross_pnl,
            slippage=slippage,
            commission=commission,
            net_pnl=net_pnl,
        )

        backtest_trade.additional_properties = d
        return backtest_trade

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
