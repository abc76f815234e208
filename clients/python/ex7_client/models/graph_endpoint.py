from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="GraphEndpoint")


@_attrs_define
class GraphEndpoint:
    """
    Attributes:
        node (str): A node id of the same graph.
        port (str): A port name of that node's type.
    """

    node: str
    port: str

    def to_dict(self) -> dict[str, Any]:
        node = self.node

        port = self.port

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "node": node,
                "port": port,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        node = d.pop("node")

        port = d.pop("port")

        graph_endpoint = cls(
            node=node,
            port=port,
        )

        return graph_endpoint
