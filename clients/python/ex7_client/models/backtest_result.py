from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.timeframe import Timeframe

if TYPE_CHECKING:
    from ..models.backtest_stats import BacktestStats
    from ..models.backtest_trade import BacktestTrade


T = TypeVar("T", bound="BacktestResult")


@_attrs_define
class BacktestResult:
    """
    Attributes:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        version (int):
        instrument (str):  Example: MNQ.
        timeframe (Timeframe):
        from_ (datetime.datetime): Open time of the first bar tested.
        to (datetime.datetime): Open time of the last bar tested.
        bars (int):
        statistics (BacktestStats): Statistics of a backtest's trades (net P&L by the one formula, costs included).
        trades (list[BacktestTrade]):
        disclaimer (str): The CFTC Rule 4.41 text, word for word.
    """

    strategy_id: UUID
    version: int
    instrument: str
    timeframe: Timeframe
    from_: datetime.datetime
    to: datetime.datetime
    bars: int
    statistics: BacktestStats
    trades: list[BacktestTrade]
    disclaimer: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        strategy_id = str(self.strategy_id)

        version = self.version

        instrument = self.instrument

        timeframe = self.timeframe.value

        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        bars = self.bars

        statistics = self.statistics.to_dict()

        trades = []
        for trades_item_data in self.trades:
            trades_item = trades_item_data.to_dict()
            trades.append(trades_item)

        disclaimer = self.disclaimer

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "strategy_id": strategy_id,
                "version": version,
                "instrument": instrument,
                "timeframe": timeframe,
                "from": from_,
                "to": to,
                "bars": bars,
                "statistics": statistics,
                "trades": trades,
                "disclaimer": disclaimer,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.backtest_stats import BacktestStats  # noqa: PLC0415
        from ..models.backtest_trade import BacktestTrade  # noqa: PLC0415

        d = dict(src_dict)
        strategy_id = UUID(d.pop("strategy_id"))

        version = d.pop("version")

        instrument = d.pop("instrument")

        timeframe = Timeframe(d.pop("timeframe"))

        from_ = datetime.datetime.fromisoformat(d.pop("from"))

        to = datetime.datetime.fromisoformat(d.pop("to"))

        bars = d.pop("bars")

        statistics = BacktestStats.from_dict(d.pop("statistics"))

        trades = []
        _trades = d.pop("trades")
        for trades_item_data in _trades:
            trades_item = BacktestTrade.from_dict(trades_item_data)

            trades.append(trades_item)

        disclaimer = d.pop("disclaimer")

        backtest_result = cls(
            strategy_id=strategy_id,
            version=version,
            instrument=instrument,
            timeframe=timeframe,
            from_=from_,
            to=to,
            bars=bars,
            statistics=statistics,
            trades=trades,
            disclaimer=disclaimer,
        )

        backtest_result.additional_properties = d
        return backtest_result

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
