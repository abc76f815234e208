from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.billing_paid_tier_id import BillingPaidTierId

T = TypeVar("T", bound="CheckoutRequest")


@_attrs_define
class CheckoutRequest:
    """
    Attributes:
        tier (BillingPaidTierId): A tier that can be bought or comped (not `free`).
        success_url (str): Where Stripe sends the user after paying.
        cancel_url (str): Where Stripe sends the user when they back out.
    """

    tier: BillingPaidTierId
    success_url: str
    cancel_url: str

    def to_dict(self) -> dict[str, Any]:
        tier = self.tier.value

        success_url = self.success_url

        cancel_url = self.cancel_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tier": tier,
                "success_url": success_url,
                "cancel_url": cancel_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        tier = BillingPaidTierId(d.pop("tier"))

        success_url = d.pop("success_url")

        cancel_url = d.pop("cancel_url")

        checkout_request = cls(
            tier=tier,
            success_url=success_url,
            cancel_url=cancel_url,
        )

        return checkout_request
