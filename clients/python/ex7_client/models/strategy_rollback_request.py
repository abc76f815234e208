from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="StrategyRollbackRequest")


@_attrs_define
class StrategyRollbackRequest:
    """
    Attributes:
        to_version (int):
        note (str | Unset): Note stored with the new version.
    """

    to_version: int
    note: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        to_version = self.to_version

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "to_version": to_version,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        to_version = d.pop("to_version")

        note = d.pop("note", UNSET)

        strategy_rollback_request = cls(
            to_version=to_version,
            note=note,
        )

        return strategy_rollback_request
