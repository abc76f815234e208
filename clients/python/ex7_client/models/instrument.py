from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.timeframe import Timeframe

if TYPE_CHECKING:
    from ..models.instrument_session import InstrumentSession
    from ..models.market_data import MarketData


T = TypeVar("T", bound="Instrument")


@_attrs_define
class Instrument:
    """
    Attributes:
        symbol (str):  Example: MNQ.
        name (str):
        exchange (str):
        currency (str):
        tick_size (str): A decimal number as a string (money, prices). Example: -500.00.
        tick_value (str): A decimal number as a string (money, prices). Example: -500.00.
        point_value (str): A decimal number as a string (money, prices). Example: -500.00.
        commission_per_side (str): A decimal number as a string (money, prices). Example: -500.00.
        timeframes (list[Timeframe]):
        session (InstrumentSession):
        market (MarketData):
    """

    symbol: str
    name: str
    exchange: str
    currency: str
    tick_size: str
    tick_value: str
    point_value: str
    commission_per_side: str
    timeframes: list[Timeframe]
    session: InstrumentSession
    market: MarketData
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        symbol = self.symbol

        name = self.name

        exchange = self.exchange

        currency = self.currency

        tick_size = self.tick_size

        tick_value = self.tick_value

        point_value = self.point_value

        commission_per_side = self.commission_per_side

        timeframes = []
        for timeframes_item_data in self.timeframes:
            timeframes_item = timeframes_item_data.value
            timeframes.append(timeframes_item)

        session = self.session.to_dict()

        market = self.market.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "symbol": symbol,
                "name": name,
                "exchange": exchange,
                "currency": currency,
                "tick_size": tick_size,
                "tick_value": tick_value,
                "point_value": point_value,
                "commission_per_side": commission_per_side,
                "timeframes": timeframes,
                "session": session,
                "market": market,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.instrument_session import InstrumentSession  # noqa: PLC0415
        from ..models.market_data import MarketData  # noqa: PLC0415

        d = dict(src_dict)
        symbol = d.pop("symbol")

        name = d.pop("name")

        exchange = d.pop("exchange")

        currency = d.pop("currency")

        tick_size = d.pop("tick_size")

        tick_value = d.pop("tick_value")

        point_value = d.pop("point_value")

        commission_per_side = d.pop("commission_per_side")

        timeframes = []
        _timeframes = d.pop("timeframes")
        for timeframes_item_data in _timeframes:
            timeframes_item = Timeframe(timeframes_item_data)

            timeframes.append(timeframes_item)

        session = InstrumentSession.from_dict(d.pop("session"))

        market = MarketData.from_dict(d.pop("market"))

        instrument = cls(
            symbol=symbol,
            name=name,
            exchange=exchange,
            currency=currency,
            tick_size=tick_size,
            tick_value=tick_value,
            point_value=point_value,
            commission_per_side=commission_per_side,
            timeframes=timeframes,
            session=session,
            market=market,
        )

        instrument.additional_properties = d
        return instrument

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
