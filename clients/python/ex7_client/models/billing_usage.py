from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.alert_channel_type import AlertChannelType

T = TypeVar("T", bound="BillingUsage")


@_attrs_define
class BillingUsage:
    """What the caller uses of each cap of `entitlements`.

    Attributes:
        strategies (int): Strategies not deleted (archived ones count).
        running_runtimes (int): Runtimes starting, running or draining.
        vix_generations_this_month (int):
        alert_channels (list[AlertChannelType]):
    """

    strategies: int
    running_runtimes: int
    vix_generations_this_month: int
    alert_channels: list[AlertChannelType]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        strategies = self.strategies

        running_runtimes = self.running_runtimes

        vix_generations_this_month = self.vix_generations_this_month

        alert_channels = []
        for alert_channels_item_data in self.alert_channels:
            alert_channels_item = alert_channels_item_data.value
            alert_channels.append(alert_channels_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "strategies": strategies,
                "running_runtimes": running_runtimes,
                "vix_generations_this_month": vix_generations_this_month,
                "alert_channels": alert_channels,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        strategies = d.pop("strategies")

        running_runtimes = d.pop("running_runtimes")

        vix_generations_this_month = d.pop("vix_generations_this_month")

        alert_channels = []
        _alert_channels = d.pop("alert_channels")
        for alert_channels_item_data in _alert_channels:
            alert_channels_item = AlertChannelType(alert_channels_item_data)

            alert_channels.append(alert_channels_item)

        billing_usage = cls(
            strategies=strategies,
            running_runtimes=running_runtimes,
            vix_generations_this_month=vix_generations_this_month,
            alert_channels=alert_channels,
        )

        billing_usage.additional_properties = d
        return billing_usage

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
