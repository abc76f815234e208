from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.alert_channel_type import AlertChannelType

T = TypeVar("T", bound="AlertVerifyLinkPreview")


@_attrs_define
class AlertVerifyLinkPreview:
    """
    Attributes:
        channel_type (AlertChannelType):
        destination (str): The destination, masked.
        confirm (bool): Always true; verifying needs a POST.
    """

    channel_type: AlertChannelType
    destination: str
    confirm: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel_type = self.channel_type.value

        destination = self.destination

        confirm = self.confirm

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel_type": channel_type,
                "destination": destination,
                "confirm": confirm,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel_type = AlertChannelType(d.pop("channel_type"))

        destination = d.pop("destination")

        confirm = d.pop("confirm")

        alert_verify_link_preview = cls(
            channel_type=channel_type,
            destination=destination,
            confirm=confirm,
        )

        alert_verify_link_preview.additional_properties = d
        return alert_verify_link_preview

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
