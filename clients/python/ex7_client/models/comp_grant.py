from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.billing_paid_tier_id import BillingPaidTierId

T = TypeVar("T", bound="CompGrant")


@_attrs_define
class CompGrant:
    """
    Attributes:
        user_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        tier (BillingPaidTierId): A tier that can be bought or comped (not `free`).
        expires_at (datetime.datetime | None):
        reason (str):
        granted_by (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        granted_at (datetime.datetime):
    """

    user_id: UUID
    tier: BillingPaidTierId
    expires_at: datetime.datetime | None
    reason: str
    granted_by: UUID
    granted_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = str(self.user_id)

        tier = self.tier.value

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        reason = self.reason

        granted_by = str(self.granted_by)

        granted_at = self.granted_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_id": user_id,
                "tier": tier,
                "expires_at": expires_at,
                "reason": reason,
                "granted_by": granted_by,
                "granted_at": granted_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        user_id = UUID(d.pop("user_id"))

        tier = BillingPaidTierId(d.pop("tier"))

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

        reason = d.pop("reason")

        granted_by = UUID(d.pop("granted_by"))

        granted_at = datetime.datetime.fromisoformat(d.pop("granted_at"))

        comp_grant = cls(
            user_id=user_id,
            tier=tier,
            expires_at=expires_at,
            reason=reason,
            granted_by=granted_by,
            granted_at=granted_at,
        )

        comp_grant.additional_properties = d
        return comp_grant

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
