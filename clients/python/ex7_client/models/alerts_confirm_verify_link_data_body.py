from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AlertsConfirmVerifyLinkDataBody")


@_attrs_define
class AlertsConfirmVerifyLinkDataBody:
    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        alerts_confirm_verify_link_data_body = cls()

        return alerts_confirm_verify_link_data_body
