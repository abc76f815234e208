from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.resend_event_data import ResendEventData


T = TypeVar("T", bound="ResendEvent")


@_attrs_define
class ResendEvent:
    """A Resend webhook event, accepted as sent (new provider fields are ignored).

    Attributes:
        type_ (str): e.g. email.delivered, email.bounced, email.complained.
        created_at (datetime.datetime):
        data (ResendEventData):
    """

    type_: str
    created_at: datetime.datetime
    data: ResendEventData
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "created_at": created_at,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.resend_event_data import ResendEventData  # noqa: PLC0415

        d = dict(src_dict)
        type_ = d.pop("type")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = ResendEventData.from_dict(d.pop("data"))

        resend_event = cls(
            type_=type_,
            created_at=created_at,
            data=data,
        )

        resend_event.additional_properties = d
        return resend_event

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
