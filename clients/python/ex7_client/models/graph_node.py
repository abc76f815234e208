from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.graph_node_params import GraphNodeParams
    from ..models.graph_position import GraphPosition


T = TypeVar("T", bound="GraphNode")


@_attrs_define
class GraphNode:
    """
    Attributes:
        id (str): Unique within the graph. Example: fast.
        type_ (str): A node type from `GET /api/engines`. Example: sma.
        params (GraphNodeParams): The node's parameters, checked against its type's `params_schema` during validation.
        position (GraphPosition | Unset): Where the builder draws the node. No effect on evaluation.
    """

    id: str
    type_: str
    params: GraphNodeParams
    position: GraphPosition | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_

        params = self.params.to_dict()

        position: dict[str, Any] | Unset = UNSET
        if not isinstance(self.position, Unset):
            position = self.position.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "type": type_,
                "params": params,
            }
        )
        if position is not UNSET:
            field_dict["position"] = position

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.graph_node_params import GraphNodeParams  # noqa: PLC0415
        from ..models.graph_position import GraphPosition  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        type_ = d.pop("type")

        params = GraphNodeParams.from_dict(d.pop("params"))

        _position = d.pop("position", UNSET)
        position: GraphPosition | Unset
        if isinstance(_position, Unset):
            position = UNSET
        else:
            position = GraphPosition.from_dict(_position)

        graph_node = cls(
            id=id,
            type_=type_,
            params=params,
            position=position,
        )

        return graph_node
