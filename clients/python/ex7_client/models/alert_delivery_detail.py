from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.alert_channel_type import AlertChannelType
from ..models.alert_delivery_status import AlertDeliveryStatus

if TYPE_CHECKING:
    from ..models.alert_delivery_attempt import AlertDeliveryAttempt


T = TypeVar("T", bound="AlertDeliveryDetail")


@_attrs_define
class AlertDeliveryDetail:
    """
    Attributes:
        id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        channel_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        channel_type (AlertChannelType):
        strategy_id (None | UUID):
        signal_id (None | UUID):
        event_id (int | None): The stream event that caused the alert.
        status (AlertDeliveryStatus):
        attempts (int):
        last_error (None | str):
        next_attempt_at (datetime.datetime | None):
        created_at (datetime.datetime):
        delivered_at (datetime.datetime | None):
        attempt_log (list[AlertDeliveryAttempt]): Every attempt, oldest first.
    """

    id: UUID
    channel_id: UUID
    channel_type: AlertChannelType
    strategy_id: None | UUID
    signal_id: None | UUID
    event_id: int | None
    status: AlertDeliveryStatus
    attempts: int
    last_error: None | str
    next_attempt_at: datetime.datetime | None
    created_at: datetime.datetime
    delivered_at: datetime.datetime | None
    attempt_log: list[AlertDeliveryAttempt]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        channel_id = str(self.channel_id)

        channel_type = self.channel_type.value

        strategy_id: None | str
        if isinstance(self.strategy_id, UUID):
            strategy_id = str(self.strategy_id)
        else:
            strategy_id = self.strategy_id

        signal_id: None | str
        if isinstance(self.signal_id, UUID):
            signal_id = str(self.signal_id)
        else:
            signal_id = self.signal_id

        event_id: int | None
        event_id = self.event_id

        status = self.status.value

        attempts = self.attempts

        last_error: None | str
        last_error = self.last_error

        next_attempt_at: None | str
        if isinstance(self.next_attempt_at, datetime.datetime):
            next_attempt_at = self.next_attempt_at.isoformat()
        else:
            next_attempt_at = self.next_attempt_at

        created_at = self.created_at.isoformat()

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        attempt_log = []
        for attempt_log_item_data in self.attempt_log:
            attempt_log_item = attempt_log_item_data.to_dict()
            attempt_log.append(attempt_log_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "channel_id": channel_id,
                "channel_type": channel_type,
                "strategy_id": strategy_id,
                "signal_id": signal_id,
                "event_id": event_id,
                "status": status,
                "attempts": attempts,
                "last_error": last_error,
                "next_attempt_at": next_attempt_at,
                "created_at": created_at,
                "delivered_at": delivered_at,
                "attempt_log": attempt_log,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.alert_delivery_attempt import AlertDeliveryAttempt  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        channel_id = UUID(d.pop("channel_id"))

        channel_type = AlertChannelType(d.pop("channel_type"))

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

        def _parse_signal_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                signal_id_type_0 = UUID(data)

                return signal_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        signal_id = _parse_signal_id(d.pop("signal_id"))

        def _parse_event_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        event_id = _parse_event_id(d.pop("event_id"))

        status = AlertDeliveryStatus(d.pop("status"))

        attempts = d.pop("attempts")

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        def _parse_next_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("next_attempt_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_delivered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at"))

        attempt_log = []
        _attempt_log = d.pop("attempt_log")
        for attempt_log_item_data in _attempt_log:
            attempt_log_item = AlertDeliveryAttempt.from_dict(attempt_log_item_data)

            attempt_log.append(attempt_log_item)

        alert_delivery_detail = cls(
            id=id,
            channel_id=channel_id,
            channel_type=channel_type,
            strategy_id=strategy_id,
            signal_id=signal_id,
            event_id=event_id,
            status=status,
            attempts=attempts,
            last_error=last_error,
            next_attempt_at=next_attempt_at,
            created_at=created_at,
            delivered_at=delivered_at,
            attempt_log=attempt_log,
        )

        alert_delivery_detail.additional_properties = d
        return alert_delivery_detail

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
