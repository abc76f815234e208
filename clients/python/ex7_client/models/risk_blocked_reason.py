from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RiskBlockedReason")


@_attrs_define
class RiskBlockedReason:
    """
    Attributes:
        breaker (str): The breaker that tripped, e.g. daily_loss_limit, max_signals_per_day; `error` when the state
            could not be read. Example: daily_loss_limit.
        reason (str): Machine-readable reason tag. Example: daily_loss_limit_breached.
        observed (None | str): The tripping value, e.g. "-512.75" or "6"; null for `error`.
        limit (None | str): The threshold, e.g. "-500.00" or "6"; null for `error`.
    """

    breaker: str
    reason: str
    observed: None | str
    limit: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        breaker = self.breaker

        reason = self.reason

        observed: None | str
        observed = self.observed

        limit: None | str
        limit = self.limit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "breaker": breaker,
                "reason": reason,
                "observed": observed,
                "limit": limit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        breaker = d.pop("breaker")

        reason = d.pop("reason")

        def _parse_observed(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        observed = _parse_observed(d.pop("observed"))

        def _parse_limit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        limit = _parse_limit(d.pop("limit"))

        risk_blocked_reason = cls(
            breaker=breaker,
            reason=reason,
            observed=observed,
            limit=limit,
        )

        risk_blocked_reason.additional_properties = d
        return risk_blocked_reason

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
