from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.required_document import RequiredDocument


T = TypeVar("T", bound="Disclaimer")


@_attrs_define
class Disclaimer:
    """
    Attributes:
        rule (str):
        text (str):
        documents (list[RequiredDocument]):
    """

    rule: str
    text: str
    documents: list[RequiredDocument]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rule = self.rule

        text = self.text

        documents = []
        for documents_item_data in self.documents:
            documents_item = documents_item_data.to_dict()
            documents.append(documents_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rule": rule,
                "text": text,
                "documents": documents,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.required_document import RequiredDocument  # noqa: PLC0415

        d = dict(src_dict)
        rule = d.pop("rule")

        text = d.pop("text")

        documents = []
        _documents = d.pop("documents")
        for documents_item_data in _documents:
            documents_item = RequiredDocument.from_dict(documents_item_data)

            documents.append(documents_item)

        disclaimer = cls(
            rule=rule,
            text=text,
            documents=documents,
        )

        disclaimer.additional_properties = d
        return disclaimer

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
