from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.alert_delivery_attempt_outcome import AlertDeliveryAttemptOutcome

T = TypeVar("T", bound="AlertDeliveryAttempt")


@_attrs_define
class AlertDeliveryAttempt:
    """
    Attributes:
        attempted_at (datetime.datetime):
        outcome (AlertDeliveryAttemptOutcome): What followed: delivered, retried later, given up (dead letter, or a
            permanent refusal), or the destination is gone (410: the channel is disabled).
        status_code (int | None): The HTTP status (or SMTP reply code); null when no answer came.
        error (None | str):
        latency_ms (int):
    """

    attempted_at: datetime.datetime
    outcome: AlertDeliveryAttemptOutcome
    status_code: int | None
    error: None | str
    latency_ms: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempted_at = self.attempted_at.isoformat()

        outcome = self.outcome.value

        status_code: int | None
        status_code = self.status_code

        error: None | str
        error = self.error

        latency_ms = self.latency_ms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempted_at": attempted_at,
                "outcome": outcome,
                "status_code": status_code,
                "error": error,
                "latency_ms": latency_ms,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attempted_at = datetime.datetime.fromisoformat(d.pop("attempted_at"))

        outcome = AlertDeliveryAttemptOutcome(d.pop("outcome"))

        def _parse_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        status_code = _parse_status_code(d.pop("status_code"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        latency_ms = d.pop("latency_ms")

        alert_delivery_attempt = cls(
            attempted_at=attempted_at,
            outcome=outcome,
            status_code=status_code,
            error=error,
            latency_ms=latency_ms,
        )

        alert_delivery_attempt.additional_properties = d
        return alert_delivery_attempt

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
