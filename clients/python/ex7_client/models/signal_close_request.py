from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SignalCloseRequest")


@_attrs_define
class SignalCloseRequest:
    """
    Attributes:
        close_price (str | Unset): The price to close at (a positive decimal string); when absent, the close of the
            latest bar. Example: 21460.25.
    """

    close_price: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        close_price = self.close_price

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if close_price is not UNSET:
            field_dict["close_price"] = close_price

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        close_price = d.pop("close_price", UNSET)

        signal_close_request = cls(
            close_price=close_price,
        )

        return signal_close_request
