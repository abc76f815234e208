from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.alert_verification_sent_status import AlertVerificationSentStatus

T = TypeVar("T", bound="AlertVerificationSent")


@_attrs_define
class AlertVerificationSent:
    """
    Attributes:
        status (AlertVerificationSentStatus):
        expires_at (datetime.datetime): When the new code stops working.
        verification_url (None | str): Telegram channels only, the bot's deep link (`https://t.me/<bot>?start=<token>`)
            to open and press Start in; null for other types.
    """

    status: AlertVerificationSentStatus
    expires_at: datetime.datetime
    verification_url: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        expires_at = self.expires_at.isoformat()

        verification_url: None | str
        verification_url = self.verification_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "expires_at": expires_at,
                "verification_url": verification_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = AlertVerificationSentStatus(d.pop("status"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        def _parse_verification_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        verification_url = _parse_verification_url(d.pop("verification_url"))

        alert_verification_sent = cls(
            status=status,
            expires_at=expires_at,
            verification_url=verification_url,
        )

        alert_verification_sent.additional_properties = d
        return alert_verification_sent

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
