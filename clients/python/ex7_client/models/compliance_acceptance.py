from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.compliance_document import ComplianceDocument

T = TypeVar("T", bound="ComplianceAcceptance")


@_attrs_define
class ComplianceAcceptance:
    """
    Attributes:
        document (ComplianceDocument):
        version (str):
        accepted_at (datetime.datetime):
        ip (None | str):
        user_agent (None | str):
    """

    document: ComplianceDocument
    version: str
    accepted_at: datetime.datetime
    ip: None | str
    user_agent: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        document = self.document.value

        version = self.version

        accepted_at = self.accepted_at.isoformat()

        ip: None | str
        ip = self.ip

        user_agent: None | str
        user_agent = self.user_agent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "document": document,
                "version": version,
                "accepted_at": accepted_at,
                "ip": ip,
                "user_agent": user_agent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        document = ComplianceDocument(d.pop("document"))

        version = d.pop("version")

        accepted_at = datetime.datetime.fromisoformat(d.pop("accepted_at"))

        def _parse_ip(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ip = _parse_ip(d.pop("ip"))

        def _parse_user_agent(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_agent = _parse_user_agent(d.pop("user_agent"))

        compliance_acceptance = cls(
            document=document,
            version=version,
            accepted_at=accepted_at,
            ip=ip,
            user_agent=user_agent,
        )

        compliance_acceptance.additional_properties = d
        return compliance_acceptance

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
