from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WaitlistRequest")


@_attrs_define
class WaitlistRequest:
    """
    Attributes:
        email (str):
        source (str | Unset): Where the sign-up came from (free text).
    """

    email: str
    source: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        source = self.source

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
            }
        )
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        source = d.pop("source", UNSET)

        waitlist_request = cls(
            email=email,
            source=source,
        )

        return waitlist_request
