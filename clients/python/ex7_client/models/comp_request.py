from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.billing_paid_tier_id import BillingPaidTierId
from ..types import UNSET, Unset

T = TypeVar("T", bound="CompRequest")


@_attrs_define
class CompRequest:
    """Name the user by exactly one of `user_id` or `email`.

    Attributes:
        tier (BillingPaidTierId): A tier that can be bought or comped (not `free`).
        reason (str):
        user_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        email (str | Unset):
        expires_at (datetime.datetime | Unset): When the comp ends; omit for no end. Must be in the future.
    """

    tier: BillingPaidTierId
    reason: str
    user_id: UUID | Unset = UNSET
    email: str | Unset = UNSET
    expires_at: datetime.datetime | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        tier = self.tier.value

        reason = self.reason

        user_id: str | Unset = UNSET
        if not isinstance(self.user_id, Unset):
            user_id = str(self.user_id)

        email = self.email

        expires_at: str | Unset = UNSET
        if not isinstance(self.expires_at, Unset):
            expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tier": tier,
                "reason": reason,
            }
        )
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if email is not UNSET:
            field_dict["email"] = email
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        tier = BillingPaidTierId(d.pop("tier"))

        reason = d.pop("reason")

        _user_id = d.pop("user_id", UNSET)
        user_id: UUID | Unset
        if isinstance(_user_id, Unset):
            user_id = UNSET
        else:
            user_id = UUID(_user_id)

        email = d.pop("email", UNSET)

        _expires_at = d.pop("expires_at", UNSET)
        expires_at: datetime.datetime | Unset
        if isinstance(_expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = datetime.datetime.fromisoformat(_expires_at)

        comp_request = cls(
            tier=tier,
            reason=reason,
            user_id=user_id,
            email=email,
            expires_at=expires_at,
        )

        return comp_request
