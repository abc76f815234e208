from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.market_data_status import MarketDataStatus

T = TypeVar("T", bound="MarketData")


@_attrs_define
class MarketData:
    """
    Attributes:
        last_price (None | str): A decimal number as a string (money, prices). Example: -500.00.
        change (None | str): A decimal number as a string (money, prices). Example: -500.00.
        change_pct (None | str): A decimal number as a string (money, prices). Example: -500.00.
        last_bar_ts (datetime.datetime | None):
        status (MarketDataStatus | None):
    """

    last_price: None | str
    change: None | str
    change_pct: None | str
    last_bar_ts: datetime.datetime | None
    status: MarketDataStatus | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        last_price: None | str
        last_price = self.last_price

        change: None | str
        change = self.change

        change_pct: None | str
        change_pct = self.change_pct

        last_bar_ts: None | str
        if isinstance(self.last_bar_ts, datetime.datetime):
            last_bar_ts = self.last_bar_ts.isoformat()
        else:
            last_bar_ts = self.last_bar_ts

        status: None | str
        if isinstance(self.status, MarketDataStatus):
            status = self.status.value
        else:
            status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "last_price": last_price,
                "change": change,
                "change_pct": change_pct,
                "last_bar_ts": last_bar_ts,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_last_price(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_price = _parse_last_price(d.pop("last_price"))

        def _parse_change(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        change = _parse_change(d.pop("change"))

        def _parse_change_pct(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        change_pct = _parse_change_pct(d.pop("change_pct"))

        def _parse_last_bar_ts(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_bar_ts_type_0 = datetime.datetime.fromisoformat(data)

                return last_bar_ts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_bar_ts = _parse_last_bar_ts(d.pop("last_bar_ts"))

        def _parse_status(data: object) -> MarketDataStatus | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_1 = MarketDataStatus(data)

                return status_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MarketDataStatus | None, data)

        status = _parse_status(d.pop("status"))

        market_data = cls(
            last_price=last_price,
            change=change,
            change_pct=change_pct,
            last_bar_ts=last_bar_ts,
            status=status,
        )

        market_data.additional_properties = d
        return market_data

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
