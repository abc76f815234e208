from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.signal_side import SignalSide

T = TypeVar("T", bound="OpenPosition")


@_attrs_define
class OpenPosition:
    """
    Attributes:
        signal_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        instrument (str):  Example: MNQ.
        side (SignalSide):
        size (int): Number of contracts.
        entry_price (str): A decimal number as a string (money, prices). Example: -500.00.
        mark_price (None | str): The close of the newest 1m bar of the instrument; null when it has none.
        mark_at (datetime.datetime | None): When that bar closed.
        unrealized_pnl (None | str): Net P&L of closing at mark_price (slippage and commission of both sides included).
    """

    signal_id: UUID
    strategy_id: UUID
    instrument: str
    side: SignalSide
    size: int
    entry_price: str
    mark_price: None | str
    mark_at: datetime.datetime | None
    unrealized_pnl: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        signal_id = str(self.signal_id)

        strategy_id = str(self.strategy_id)

        instrument = self.instrument

        side = self.side.value

        size = self.size

        entry_price = self.entry_price

        mark_price: None | str
        mark_price = self.mark_price

        mark_at: None | str
        if isinstance(self.mark_at, datetime.datetime):
            mark_at = self.mark_at.isoformat()
        else:
            mark_at = self.mark_at

        unrealized_pnl: None | str
        unrealized_pnl = self.unrealized_pnl

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "signal_id": signal_id,
                "strategy_id": strategy_id,
                "instrument": instrument,
                "side": side,
                "size": size,
                "entry_price": entry_price,
                "mark_price": mark_price,
                "mark_at": mark_at,
                "unrealized_pnl": unrealized_pnl,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        signal_id = UUID(d.pop("signal_id"))

        strategy_id = UUID(d.pop("strategy_id"))

        instrument = d.pop("instrument")

        side = SignalSide(d.pop("side"))

        size = d.pop("size")

        entry_price = d.pop("entry_price")

        def _parse_mark_price(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        mark_price = _parse_mark_price(d.pop("mark_price"))

        def _parse_mark_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                mark_at_type_0 = datetime.datetime.fromisoformat(data)

                return mark_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        mark_at = _parse_mark_at(d.pop("mark_at"))

        def _parse_unrealized_pnl(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        unrealized_pnl = _parse_unrealized_pnl(d.pop("unrealized_pnl"))

        open_position = cls(
            signal_id=signal_id,
            strategy_id=strategy_id,
            instrument=instrument,
            side=side,
            size=size,
            entry_price=entry_price,
            mark_price=mark_price,
            mark_at=mark_at,
            unrealized_pnl=unrealized_pnl,
        )

        open_position.additional_properties = d
        return open_position

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
