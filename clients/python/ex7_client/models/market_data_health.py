from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.market_data_health_status import MarketDataHealthStatus

T = TypeVar("T", bound="MarketDataHealth")


@_attrs_define
class MarketDataHealth:
    """
    Attributes:
        last_bar_ts (datetime.datetime | None):
        lag_seconds (float | None):
        status (MarketDataHealthStatus):
    """

    last_bar_ts: datetime.datetime | None
    lag_seconds: float | None
    status: MarketDataHealthStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        last_bar_ts: None | str
        if isinstance(self.last_bar_ts, datetime.datetime):
            last_bar_ts = self.last_bar_ts.isoformat()
        else:
            last_bar_ts = self.last_bar_ts

        lag_seconds: float | None
        lag_seconds = self.lag_seconds

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "last_bar_ts": last_bar_ts,
                "lag_seconds": lag_seconds,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

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

        def _parse_lag_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        lag_seconds = _parse_lag_seconds(d.pop("lag_seconds"))

        status = MarketDataHealthStatus(d.pop("status"))

        market_data_health = cls(
            last_bar_ts=last_bar_ts,
            lag_seconds=lag_seconds,
            status=status,
        )

        market_data_health.additional_properties = d
        return market_data_health

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
