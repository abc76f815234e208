from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.compliance_document import ComplianceDocument

T = TypeVar("T", bound="RequiredDocument")


@_attrs_define
class RequiredDocument:
    """
    Attributes:
        document (ComplianceDocument):
        version (str):
        title (str):
    """

    document: ComplianceDocument
    version: str
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        document = self.document.value

        version = self.version

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "document": document,
                "version": version,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        document = ComplianceDocument(d.pop("document"))

        version = d.pop("version")

        title = d.pop("title")

        required_document = cls(
            document=document,
            version=version,
            title=title,
        )

        required_document.additional_properties = d
        return required_document

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
