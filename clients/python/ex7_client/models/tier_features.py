from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.alert_channel_type import AlertChannelType
from ..types import UNSET, Unset

T = TypeVar("T", bound="TierFeatures")


@_attrs_define
class TierFeatures:
    """
    Attributes:
        max_strategies (int | None): null means unlimited.
        max_running_runtimes (int | None):
        vix_generations_per_month (int | None):
        alert_channels (list[AlertChannelType]):
        max_alert_channels (int | None | Unset): How many alert channels the tier allows (null means unlimited).
    """

    max_strategies: int | None
    max_running_runtimes: int | None
    vix_generations_per_month: int | None
    alert_channels: list[AlertChannelType]
    max_alert_channels: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        max_strategies: int | None
        max_strategies = self.max_strategies

        max_running_runtimes: int | None
        max_running_runtimes = self.max_running_runtimes

        vix_generations_per_month: int | None
        vix_generations_per_month = self.vix_generations_per_month

        alert_channels = []
        for alert_channels_item_data in self.alert_channels:
            alert_channels_item = alert_channels_item_data.value
            alert_channels.append(alert_channels_item)

        max_alert_channels: int | None | Unset
        if isinstance(self.max_alert_channels, Unset):
            max_alert_channels = UNSET
        else:
            max_alert_channels = self.max_alert_channels

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "max_strategies": max_strategies,
                "max_running_runtimes": max_running_runtimes,
                "vix_generations_per_month": vix_generations_per_month,
                "alert_channels": alert_channels,
            }
        )
        if max_alert_channels is not UNSET:
            field_dict["max_alert_channels"] = max_alert_channels

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_max_strategies(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_strategies = _parse_max_strategies(d.pop("max_strategies"))

        def _parse_max_running_runtimes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_running_runtimes = _parse_max_running_runtimes(d.pop("max_running_runtimes"))

        def _parse_vix_generations_per_month(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        vix_generations_per_month = _parse_vix_generations_per_month(d.pop("vix_generations_per_month"))

        alert_channels = []
        _alert_channels = d.pop("alert_channels")
        for alert_channels_item_data in _alert_channels:
            alert_channels_item = AlertChannelType(alert_channels_item_data)

            alert_channels.append(alert_channels_item)

        def _parse_max_alert_channels(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_alert_channels = _parse_max_alert_channels(d.pop("max_alert_channels", UNSET))

        tier_features = cls(
            max_strategies=max_strategies,
            max_running_runtimes=max_running_runtimes,
            vix_generations_per_month=vix_generations_per_month,
            alert_channels=alert_channels,
            max_alert_channels=max_alert_channels,
        )

        tier_features.additional_properties = d
        return tier_features

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
