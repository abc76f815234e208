from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.signal import Signal


T = TypeVar("T", bound="LegacySignalList")


@_attrs_define
class LegacySignalList:
    """
    Attributes:
        items (list[Signal]):
        disclaimer (str): The CFTC 17 CFR 4.41(b)(1)(i) hypothetical-performance disclaimer, word for word, embedded in
            every response that carries backtest or paper P&L.
             Example: Hypothetical or simulated performance results have certain inherent limitations. Unlike an actual
            performance record, simulated results do not represent actual trading. Also, since the trades have not actually
            been executed, the results may have under- or over-compensated for the impact, if any, of certain market
            factors, such as lack of liquidity. Simulated trading programs in general are also subject to the fact that they
            are designed with the benefit of hindsight. No representation is being made that any account will or is likely
            to achieve profits or losses similar to those shown..
    """

    items: list[Signal]
    disclaimer: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        disclaimer = self.disclaimer

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "disclaimer": disclaimer,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.signal import Signal  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Signal.from_dict(items_item_data)

            items.append(items_item)

        disclaimer = d.pop("disclaimer")

        legacy_signal_list = cls(
            items=items,
            disclaimer=disclaimer,
        )

        legacy_signal_list.additional_properties = d
        return legacy_signal_list

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
