from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.alert_channel_type import AlertChannelType

T = TypeVar("T", bound="AlertChannel")


@_attrs_define
class AlertChannel:
    """
    Attributes:
        id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        type_ (AlertChannelType):
        destination (str): The destination, masked for display (e.g. t***@example.com).
        verified (bool):
        disabled (bool): A disabled channel receives nothing (unsubscribed, hard bounce, webhook answered 410, ...).
        disabled_reason (None | str):
        created_at (datetime.datetime):
        verified_at (datetime.datetime | None):
    """

    id: UUID
    type_: AlertChannelType
    destination: str
    verified: bool
    disabled: bool
    disabled_reason: None | str
    created_at: datetime.datetime
    verified_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        type_ = self.type_.value

        destination = self.destination

        verified = self.verified

        disabled = self.disabled

        disabled_reason: None | str
        disabled_reason = self.disabled_reason

        created_at = self.created_at.isoformat()

        verified_at: None | str
        if isinstance(self.verified_at, datetime.datetime):
            verified_at = self.verified_at.isoformat()
        else:
            verified_at = self.verified_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "destination": destination,
                "verified": verified,
                "disabled": disabled,
                "disabled_reason": disabled_reason,
                "created_at": created_at,
                "verified_at": verified_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        type_ = AlertChannelType(d.pop("type"))

        destination = d.pop("destination")

        verified = d.pop("verified")

        disabled = d.pop("disabled")

        def _parse_disabled_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        disabled_reason = _parse_disabled_reason(d.pop("disabled_reason"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_verified_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                verified_at_type_0 = datetime.datetime.fromisoformat(data)

                return verified_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        verified_at = _parse_verified_at(d.pop("verified_at"))

        alert_channel = cls(
            id=id,
            type_=type_,
            destination=destination,
            verified=verified,
            disabled=disabled,
            disabled_reason=disabled_reason,
            created_at=created_at,
            verified_at=verified_at,
        )

        alert_channel.additional_properties = d
        return alert_channel

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
