from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.alert_event_type import AlertEventType
from ..types import UNSET, Unset

T = TypeVar("T", bound="AlertSubscriptionPatchRequest")


@_attrs_define
class AlertSubscriptionPatchRequest:
    """
    Attributes:
        enabled (bool | Unset):
        events (list[AlertEventType] | Unset):
    """

    enabled: bool | Unset = UNSET
    events: list[AlertEventType] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        enabled = self.enabled

        events: list[str] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for events_item_data in self.events:
                events_item = events_item_data.value
                events.append(events_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if events is not UNSET:
            field_dict["events"] = events

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        enabled = d.pop("enabled", UNSET)

        _events = d.pop("events", UNSET)
        events: list[AlertEventType] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for events_item_data in _events:
                events_item = AlertEventType(events_item_data)

                events.append(events_item)

        alert_subscription_patch_request = cls(
            enabled=enabled,
            events=events,
        )

        return alert_subscription_patch_request
