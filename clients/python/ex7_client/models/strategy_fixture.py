from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.timeframe import Timeframe

T = TypeVar("T", bound="StrategyFixture")


@_attrs_define
class StrategyFixture:
    """
    Attributes:
        slug (str):  Example: sma-crossover.
        name (str):
        description (str):
        instrument (str):  Example: MNQ.
        timeframe (Timeframe):
    """

    slug: str
    name: str
    description: str
    instrument: str
    timeframe: Timeframe
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        slug = self.slug

        name = self.name

        description = self.description

        instrument = self.instrument

        timeframe = self.timeframe.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "slug": slug,
                "name": name,
                "description": description,
                "instrument": instrument,
                "timeframe": timeframe,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        slug = d.pop("slug")

        name = d.pop("name")

        description = d.pop("description")

        instrument = d.pop("instrument")

        timeframe = Timeframe(d.pop("timeframe"))

        strategy_fixture = cls(
            slug=slug,
            name=name,
            description=description,
            instrument=instrument,
            timeframe=timeframe,
        )

        strategy_fixture.additional_properties = d
        return strategy_fixture

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
