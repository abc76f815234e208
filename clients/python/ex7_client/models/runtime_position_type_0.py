from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.signal_side import SignalSide

T = TypeVar("T", bound="RuntimePositionType0")


@_attrs_define
class RuntimePositionType0:
    """The open position the runtime holds, or null when flat.

    Attributes:
        side (SignalSide):
        size (int):
        entry_price (str): A decimal number as a string (money, prices). Example: -500.00.
        opened_at (datetime.datetime):
    """

    side: SignalSide
    size: int
    entry_price: str
    opened_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        side = self.side.value

        size = self.size

        entry_price = self.entry_price

        opened_at = self.opened_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "side": side,
                "size": size,
                "entry_price": entry_price,
                "opened_at": opened_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        side = SignalSide(d.pop("side"))

        size = d.pop("size")

        entry_price = d.pop("entry_price")

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        runtime_position_type_0 = cls(
            side=side,
            size=size,
            entry_price=entry_price,
            opened_at=opened_at,
        )

        runtime_position_type_0.additional_properties = d
        return runtime_position_type_0

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
