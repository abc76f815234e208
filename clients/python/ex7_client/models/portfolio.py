from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.open_position import OpenPosition
    from ..models.portfolio_cumulative import PortfolioCumulative
    from ..models.portfolio_today import PortfolioToday


T = TypeVar("T", bound="Portfolio")


@_attrs_define
class Portfolio:
    """
    Attributes:
        today (PortfolioToday):
        cumulative (PortfolioCumulative):
        open_positions (list[OpenPosition]): The open signals of the mode, newest first, each marked at the newest 1m
            close of its instrument.
        trading_day_start (datetime.datetime): Start of the current trading day (17:00 America/Chicago), in UTC.
        disclaimer (str): The CFTC 17 CFR 4.41(b)(1)(i) hypothetical-performance disclaimer, word for word, embedded in
            every response that carries backtest or paper P&L.
             Example: Hypothetical or simulated performance results have certain inherent limitations. Unlike an actual
            performance record, simulated results do not represent actual trading. Also, since the trades have not actually
            been executed, the results may have under- or over-compensated for the impact, if any, of certain market
            factors, such as lack of liquidity. Simulated trading programs in general are also subject to the fact that they
            are designed with the benefit of hindsight. No representation is being made that any account will or is likely
            to achieve profits or losses similar to those shown..
    """

    today: PortfolioToday
    cumulative: PortfolioCumulative
    open_positions: list[OpenPosition]
    trading_day_start: datetime.datetime
    disclaimer: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        today = self.today.to_dict()

        cumulative = self.cumulative.to_dict()

        open_positions = []
        for open_positions_item_data in self.open_positions:
            open_positions_item = open_positions_item_data.to_dict()
            open_positions.append(open_positions_item)

        trading_day_start = self.trading_day_start.isoformat()

        disclaimer = self.disclaimer

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "today": today,
                "cumulative": cumulative,
                "open_positions": open_positions,
                "trading_day_start": trading_day_start,
                "disclaimer": disclaimer,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.open_position import OpenPosition  # noqa: PLC0415
        from ..models.portfolio_cumulative import PortfolioCumulative  # noqa: PLC0415
        from ..models.portfolio_today import PortfolioToday  # noqa: PLC0415

        d = dict(src_dict)
        today = PortfolioToday.from_dict(d.pop("today"))

        cumulative = PortfolioCumulative.from_dict(d.pop("cumulative"))

        open_positions = []
        _open_positions = d.pop("open_positions")
        for open_positions_item_data in _open_positions:
            open_positions_item = OpenPosition.from_dict(open_positions_item_data)

            open_positions.append(open_positions_item)

        trading_day_start = datetime.datetime.fromisoformat(d.pop("trading_day_start"))

        disclaimer = d.pop("disclaimer")

        portfolio = cls(
            today=today,
            cumulative=cumulative,
            open_positions=open_positions,
            trading_day_start=trading_day_start,
            disclaimer=disclaimer,
        )

        portfolio.additional_properties = d
        return portfolio

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
