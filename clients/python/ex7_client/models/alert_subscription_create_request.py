from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.alert_event_type import AlertEventType
from ..types import UNSET, Unset

T = TypeVar("T", bound="AlertSubscriptionCreateRequest")


@_attrs_define
class AlertSubscriptionCreateRequest:
    """
    Attributes:
        channel_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        strategy_id (None | Unset | UUID): The strategy whose events are sent; absent or null: every strategy of the
            caller's, present and future.
        events (list[AlertEventType] | Unset):
    """

    channel_id: UUID
    strategy_id: None | Unset | UUID = UNSET
    events: list[AlertEventType] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        channel_id = str(self.channel_id)

        strategy_id: None | str | Unset
        if isinstance(self.strategy_id, Unset):
            strategy_id = UNSET
        elif isinstance(self.strategy_id, UUID):
            strategy_id = str(self.strategy_id)
        else:
            strategy_id = self.strategy_id

        events: list[str] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for events_item_data in self.events:
                events_item = events_item_data.value
                events.append(events_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel_id": channel_id,
            }
        )
        if strategy_id is not UNSET:
            field_dict["strategy_id"] = strategy_id
        if events is not UNSET:
            field_dict["events"] = events

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel_id = UUID(d.pop("channel_id"))

        def _parse_strategy_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                strategy_id_type_0 = UUID(data)

                return strategy_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        strategy_id = _parse_strategy_id(d.pop("strategy_id", UNSET))

        _events = d.pop("events", UNSET)
        events: list[AlertEventType] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for events_item_data in _events:
                events_item = AlertEventType(events_item_data)

                events.append(events_item)

        alert_subscription_create_request = cls(
            channel_id=channel_id,
            strategy_id=strategy_id,
            events=events,
        )

        return alert_subscription_create_request
