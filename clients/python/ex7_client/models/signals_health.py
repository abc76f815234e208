from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.signals_health_dispatcher import SignalsHealthDispatcher

if TYPE_CHECKING:
    from ..models.signals_health_market_data import SignalsHealthMarketData
    from ..models.signals_health_runtimes import SignalsHealthRuntimes


T = TypeVar("T", bound="SignalsHealth")


@_attrs_define
class SignalsHealth:
    """
    Attributes:
        dispatcher (SignalsHealthDispatcher):
        market_data (SignalsHealthMarketData): Freshness per instrument symbol.
        runtimes (SignalsHealthRuntimes): Number of runtimes per runtime status.
        now (datetime.datetime):
    """

    dispatcher: SignalsHealthDispatcher
    market_data: SignalsHealthMarketData
    runtimes: SignalsHealthRuntimes
    now: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dispatcher = self.dispatcher.value

        market_data = self.market_data.to_dict()

        runtimes = self.runtimes.to_dict()

        now = self.now.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dispatcher": dispatcher,
                "market_data": market_data,
                "runtimes": runtimes,
                "now": now,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.signals_health_market_data import SignalsHealthMarketData  # noqa: PLC0415
        from ..models.signals_health_runtimes import SignalsHealthRuntimes  # noqa: PLC0415

        d = dict(src_dict)
        dispatcher = SignalsHealthDispatcher(d.pop("dispatcher"))

        market_data = SignalsHealthMarketData.from_dict(d.pop("market_data"))

        runtimes = SignalsHealthRuntimes.from_dict(d.pop("runtimes"))

        now = datetime.datetime.fromisoformat(d.pop("now"))

        signals_health = cls(
            dispatcher=dispatcher,
            market_data=market_data,
            runtimes=runtimes,
            now=now,
        )

        signals_health.additional_properties = d
        return signals_health

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
