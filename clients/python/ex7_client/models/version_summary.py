from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="VersionSummary")


@_attrs_define
class VersionSummary:
    """
    Attributes:
        version (int):
        content_hash (str): SHA-256 (hex) of the version's graph.
        note (None | str):
        created_at (datetime.datetime):
        valid (bool): Whether the graph passed validation when this version was saved.
    """

    version: int
    content_hash: str
    note: None | str
    created_at: datetime.datetime
    valid: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        version = self.version

        content_hash = self.content_hash

        note: None | str
        note = self.note

        created_at = self.created_at.isoformat()

        valid = self.valid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "version": version,
                "content_hash": content_hash,
                "note": note,
                "created_at": created_at,
                "valid": valid,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        version = d.pop("version")

        content_hash = d.pop("content_hash")

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        valid = d.pop("valid")

        version_summary = cls(
            version=version,
            content_hash=content_hash,
            note=note,
            created_at=created_at,
            valid=valid,
        )

        version_summary.additional_properties = d
        return version_summary

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
