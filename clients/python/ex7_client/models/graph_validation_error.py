from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.graph_validation_error_code import GraphValidationErrorCode
from ..types import UNSET, Unset

T = TypeVar("T", bound="GraphValidationError")


@_attrs_define
class GraphValidationError:
    """
    Attributes:
        code (GraphValidationErrorCode):
        message (str): Human-readable explanation.
        node (None | str | Unset): The id of the node concerned, when there is one.
        edge (int | None | Unset): The index in `edges` of the edge concerned, when there is one.
    """

    code: GraphValidationErrorCode
    message: str
    node: None | str | Unset = UNSET
    edge: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        message = self.message

        node: None | str | Unset
        if isinstance(self.node, Unset):
            node = UNSET
        else:
            node = self.node

        edge: int | None | Unset
        if isinstance(self.edge, Unset):
            edge = UNSET
        else:
            edge = self.edge

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if node is not UNSET:
            field_dict["node"] = node
        if edge is not UNSET:
            field_dict["edge"] = edge

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = GraphValidationErrorCode(d.pop("code"))

        message = d.pop("message")

        def _parse_node(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        node = _parse_node(d.pop("node", UNSET))

        def _parse_edge(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        edge = _parse_edge(d.pop("edge", UNSET))

        graph_validation_error = cls(
            code=code,
            message=message,
            node=node,
            edge=edge,
        )

        graph_validation_error.additional_properties = d
        return graph_validation_error

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
