from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PortalRequest")


@_attrs_define
class PortalRequest:
    """
    Attributes:
        return_url (str):
    """

    return_url: str

    def to_dict(self) -> dict[str, Any]:
        return_url = self.return_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "return_url": return_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        return_url = d.pop("return_url")

        portal_request = cls(
            return_url=return_url,
        )

        return portal_request
