from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.stripe_event_data import StripeEventData


T = TypeVar("T", bound="StripeEvent")


@_attrs_define
class StripeEvent:
    """A Stripe event object, accepted as sent (its shape belongs to Stripe and changes with API
    versions); authenticity comes from the signature, not from this schema.

        Attributes:
            id (str | Unset):
            object_ (str | Unset):
            type_ (str | Unset):
            created (int | Unset):
            livemode (bool | Unset):
            data (StripeEventData | Unset):
    """

    id: str | Unset = UNSET
    object_: str | Unset = UNSET
    type_: str | Unset = UNSET
    created: int | Unset = UNSET
    livemode: bool | Unset = UNSET
    data: StripeEventData | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        type_ = self.type_

        created = self.created

        livemode = self.livemode

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if object_ is not UNSET:
            field_dict["object"] = object_
        if type_ is not UNSET:
            field_dict["type"] = type_
        if created is not UNSET:
            field_dict["created"] = created
        if livemode is not UNSET:
            field_dict["livemode"] = livemode
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.stripe_event_data import StripeEventData  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        object_ = d.pop("object", UNSET)

        type_ = d.pop("type", UNSET)

        created = d.pop("created", UNSET)

        livemode = d.pop("livemode", UNSET)

        _data = d.pop("data", UNSET)
        data: StripeEventData | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = StripeEventData.from_dict(_data)

        stripe_event = cls(
            id=id,
            object_=object_,
            type_=type_,
            created=created,
            livemode=livemode,
            data=data,
        )

        stripe_event.additional_properties = d
        return stripe_event

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
