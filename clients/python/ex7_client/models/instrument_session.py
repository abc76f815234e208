from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InstrumentSession")


@_attrs_define
class InstrumentSession:
    """
    Attributes:
        timezone (str):
        open_ (str): Local time the trading day opens (HH:MM).
        close (str): Local time the trading day closes (HH:MM).
    """

    timezone: str
    open_: str
    close: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        timezone = self.timezone

        open_ = self.open_

        close = self.close

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "timezone": timezone,
                "open": open_,
                "close": close,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        timezone = d.pop("timezone")

        open_ = d.pop("open")

        close = d.pop("close")

        instrument_session = cls(
            timezone=timezone,
            open_=open_,
            close=close,
        )

        instrument_session.additional_properties = d
        return instrument_session

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
