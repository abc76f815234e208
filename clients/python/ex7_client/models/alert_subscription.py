from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.alert_event_type import AlertEventType

T = TypeVar("T", bound="AlertSubscription")


@_attrs_define
class AlertSubscription:
    """
    Attributes:
        id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        strategy_id (None | UUID): null: every strategy of the caller's, present and future.
        channel_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        events (list[AlertEventType]):
        enabled (bool):
        created_at (datetime.datetime):
    """

    id: UUID
    strategy_id: None | UUID
    channel_id: UUID
    events: list[AlertEventType]
    enabled: bool
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        strategy_id: None | str
        if isinstance(self.strategy_id, UUID):
            strategy_id = str(self.strategy_id)
        else:
            strategy_id = self.strategy_id

        channel_id = str(self.channel_id)

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.value
            events.append(events_item)

        enabled = self.enabled

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "strategy_id": strategy_id,
                "channel_id": channel_id,
                "events": events,
                "enabled": enabled,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        def _parse_strategy_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                strategy_id_type_0 = UUID(data)

                return strategy_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        strategy_id = _parse_strategy_id(d.pop("strategy_id"))

        channel_id = UUID(d.pop("channel_id"))

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = AlertEventType(events_item_data)

            events.append(events_item)

        enabled = d.pop("enabled")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        alert_subscription = cls(
            id=id,
            strategy_id=strategy_id,
            channel_id=channel_id,
            events=events,
            enabled=enabled,
            created_at=created_at,
        )

        alert_subscription.additional_properties = d
        return alert_subscription

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
