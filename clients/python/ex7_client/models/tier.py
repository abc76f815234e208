from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tier_id import TierId

if TYPE_CHECKING:
    from ..models.tier_features import TierFeatures


T = TypeVar("T", bound="Tier")


@_attrs_define
class Tier:
    """
    Attributes:
        id (TierId):
        name (str):
        description (str):
        price_monthly (str): A decimal number as a string (money, prices). Example: -500.00.
        currency (str):
        features (TierFeatures):
    """

    id: TierId
    name: str
    description: str
    price_monthly: str
    currency: str
    features: TierFeatures
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id.value

        name = self.name

        description = self.description

        price_monthly = self.price_monthly

        currency = self.currency

        features = self.features.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "price_monthly": price_monthly,
                "currency": currency,
                "features": features,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tier_features import TierFeatures  # noqa: PLC0415

        d = dict(src_dict)
        id = TierId(d.pop("id"))

        name = d.pop("name")

        description = d.pop("description")

        price_monthly = d.pop("price_monthly")

        currency = d.pop("currency")

        features = TierFeatures.from_dict(d.pop("features"))

        tier = cls(
            id=id,
            name=name,
            description=description,
            price_monthly=price_monthly,
            currency=currency,
            features=features,
        )

        tier.additional_properties = d
        return tier

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
