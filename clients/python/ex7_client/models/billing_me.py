from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.billing_me_source import BillingMeSource
from ..models.billing_status import BillingStatus
from ..models.tier_id import TierId

if TYPE_CHECKING:
    from ..models.billing_comp_type_0 import BillingCompType0
    from ..models.billing_usage import BillingUsage
    from ..models.tier_features import TierFeatures


T = TypeVar("T", bound="BillingMe")


@_attrs_define
class BillingMe:
    """
    Attributes:
        tier (TierId):
        source (BillingMeSource): Where the effective tier comes from (on a tie between a subscription and a comp,
            `stripe`).
        status (BillingStatus): Subscription status: `none` without a subscription; the Stripe statuses trialing,
            active,
            past_due, canceled, incomplete; `comped` when the tier comes from an admin comp alone.
        cancel_at_period_end (bool):
        current_period_end (datetime.datetime | None):
        comp (BillingCompType0 | None): The active admin comp; null when there is none.
        entitlements (TierFeatures):
        usage (BillingUsage): What the caller uses of each cap of `entitlements`.
        compliance_accepted (bool): True when every required document is accepted at its current version.
    """

    tier: TierId
    source: BillingMeSource
    status: BillingStatus
    cancel_at_period_end: bool
    current_period_end: datetime.datetime | None
    comp: BillingCompType0 | None
    entitlements: TierFeatures
    usage: BillingUsage
    compliance_accepted: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.billing_comp_type_0 import BillingCompType0  # noqa: PLC0415

        tier = self.tier.value

        source = self.source.value

        status = self.status.value

        cancel_at_period_end = self.cancel_at_period_end

        current_period_end: None | str
        if isinstance(self.current_period_end, datetime.datetime):
            current_period_end = self.current_period_end.isoformat()
        else:
            current_period_end = self.current_period_end

        comp: dict[str, Any] | None
        if isinstance(self.comp, BillingCompType0):
            comp = self.comp.to_dict()
        else:
            comp = self.comp

        entitlements = self.entitlements.to_dict()

        usage = self.usage.to_dict()

        compliance_accepted = self.compliance_accepted

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tier": tier,
                "source": source,
                "status": status,
                "cancel_at_period_end": cancel_at_period_end,
                "current_period_end": current_period_end,
                "comp": comp,
                "entitlements": entitlements,
                "usage": usage,
                "compliance_accepted": compliance_accepted,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.billing_comp_type_0 import BillingCompType0  # noqa: PLC0415
        from ..models.billing_usage import BillingUsage  # noqa: PLC0415
        from ..models.tier_features import TierFeatures  # noqa: PLC0415

        d = dict(src_dict)
        tier = TierId(d.pop("tier"))

        source = BillingMeSource(d.pop("source"))

        status = BillingStatus(d.pop("status"))

        cancel_at_period_end = d.pop("cancel_at_period_end")

        def _parse_current_period_end(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                current_period_end_type_0 = datetime.datetime.fromisoformat(data)

                return current_period_end_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        current_period_end = _parse_current_period_end(d.pop("current_period_end"))

        def _parse_comp(data: object) -> BillingCompType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_billing_comp_type_0 = BillingCompType0.from_dict(data)

                return componentsschemas_billing_comp_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BillingCompType0 | None, data)

        comp = _parse_comp(d.pop("comp"))

        entitlements = TierFeatures.from_dict(d.pop("entitlements"))

        usage = BillingUsage.from_dict(d.pop("usage"))

        compliance_accepted = d.pop("compliance_accepted")

        billing_me = cls(
            tier=tier,
            source=source,
            status=status,
            cancel_at_period_end=cancel_at_period_end,
            current_period_end=current_period_end,
            comp=comp,
            entitlements=entitlements,
            usage=usage,
            compliance_accepted=compliance_accepted,
        )

        billing_me.additional_properties = d
        return billing_me

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
