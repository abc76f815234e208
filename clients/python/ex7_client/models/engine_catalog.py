from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.node_type import NodeType
    from ..models.strategy_fixture import StrategyFixture


T = TypeVar("T", bound="EngineCatalog")


@_attrs_define
class EngineCatalog:
    """What the strategy builder can render, and the fixture strategies it can start from.

    Attributes:
        items (list[NodeType]):
        fixtures (list[StrategyFixture]):
    """

    items: list[NodeType]
    fixtures: list[StrategyFixture]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        fixtures = []
        for fixtures_item_data in self.fixtures:
            fixtures_item = fixtures_item_data.to_dict()
            fixtures.append(fixtures_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "fixtures": fixtures,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.node_type import NodeType  # noqa: PLC0415
        from ..models.strategy_fixture import StrategyFixture  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = NodeType.from_dict(items_item_data)

            items.append(items_item)

        fixtures = []
        _fixtures = d.pop("fixtures")
        for fixtures_item_data in _fixtures:
            fixtures_item = StrategyFixture.from_dict(fixtures_item_data)

            fixtures.append(fixtures_item)

        engine_catalog = cls(
            items=items,
            fixtures=fixtures,
        )

        engine_catalog.additional_properties = d
        return engine_catalog

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
