from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tier_id import TierId

T = TypeVar("T", bound="VixQuota")


@_attrs_define
class VixQuota:
    """
    Attributes:
        tier (TierId):
        used (int):
        limit (int | None): null means unlimited.
        remaining (int | None): null means unlimited.
        period_start (datetime.datetime):
        period_end (datetime.datetime):
    """

    tier: TierId
    used: int
    limit: int | None
    remaining: int | None
    period_start: datetime.datetime
    period_end: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tier = self.tier.value

        used = self.used

        limit: int | None
        limit = self.limit

        remaining: int | None
        remaining = self.remaining

        period_start = self.period_start.isoformat()

        period_end = self.period_end.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tier": tier,
                "used": used,
                "limit": limit,
                "remaining": remaining,
                "period_start": period_start,
                "period_end": period_end,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        tier = TierId(d.pop("tier"))

        used = d.pop("used")

        def _parse_limit(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        limit = _parse_limit(d.pop("limit"))

        def _parse_remaining(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        remaining = _parse_remaining(d.pop("remaining"))

        period_start = datetime.datetime.fromisoformat(d.pop("period_start"))

        period_end = datetime.datetime.fromisoformat(d.pop("period_end"))

        vix_quota = cls(
            tier=tier,
            used=used,
            limit=limit,
            remaining=remaining,
            period_start=period_start,
            period_end=period_end,
        )

        vix_quota.additional_properties = d
        return vix_quota

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
