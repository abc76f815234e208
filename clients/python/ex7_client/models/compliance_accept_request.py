from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.compliance_document import ComplianceDocument

T = TypeVar("T", bound="ComplianceAcceptRequest")


@_attrs_define
class ComplianceAcceptRequest:
    """
    Attributes:
        document (ComplianceDocument):
        version (str):
    """

    document: ComplianceDocument
    version: str

    def to_dict(self) -> dict[str, Any]:
        document = self.document.value

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "document": document,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        document = ComplianceDocument(d.pop("document"))

        version = d.pop("version")

        compliance_accept_request = cls(
            document=document,
            version=version,
        )

        return compliance_accept_request
