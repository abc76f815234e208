from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.compliance_document import ComplianceDocument

T = TypeVar("T", bound="ComplianceStatusDocumentsItem")


@_attrs_define
class ComplianceStatusDocumentsItem:
    """
    Attributes:
        document (ComplianceDocument):
        title (str):
        required_version (str):
        accepted_version (None | str):
        accepted_at (datetime.datetime | None):
        current (bool): True when the accepted version is the required one.
    """

    document: ComplianceDocument
    title: str
    required_version: str
    accepted_version: None | str
    accepted_at: datetime.datetime | None
    current: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        document = self.document.value

        title = self.title

        required_version = self.required_version

        accepted_version: None | str
        accepted_version = self.accepted_version

        accepted_at: None | str
        if isinstance(self.accepted_at, datetime.datetime):
            accepted_at = self.accepted_at.isoformat()
        else:
            accepted_at = self.accepted_at

        current = self.current

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "document": document,
                "title": title,
                "required_version": required_version,
                "accepted_version": accepted_version,
                "accepted_at": accepted_at,
                "current": current,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        document = ComplianceDocument(d.pop("document"))

        title = d.pop("title")

        required_version = d.pop("required_version")

        def _parse_accepted_version(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        accepted_version = _parse_accepted_version(d.pop("accepted_version"))

        def _parse_accepted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                accepted_at_type_0 = datetime.datetime.fromisoformat(data)

                return accepted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        accepted_at = _parse_accepted_at(d.pop("accepted_at"))

        current = d.pop("current")

        compliance_status_documents_item = cls(
            document=document,
            title=title,
            required_version=required_version,
            accepted_version=accepted_version,
            accepted_at=accepted_at,
            current=current,
        )

        compliance_status_documents_item.additional_properties = d
        return compliance_status_documents_item

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
