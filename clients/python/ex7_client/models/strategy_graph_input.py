from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.graph_edge import GraphEdge
    from ..models.graph_node import GraphNode
    from ..models.strategy_graph_input_meta import StrategyGraphInputMeta


T = TypeVar("T", bound="StrategyGraphInput")


@_attrs_define
class StrategyGraphInput:
    """A strategy graph as sent by a client. Only its shape is checked here; whether it makes sense
    (known node types, params, connections, cycles, ...) is the validation result, and an invalid
    graph can still be saved as a draft. `meta` defaults to {}.

        Attributes:
            nodes (list[GraphNode]):
            edges (list[GraphEdge]):
            meta (StrategyGraphInputMeta | Unset): Free-form data for the builder (viewport, notes). No effect on
                evaluation.
    """

    nodes: list[GraphNode]
    edges: list[GraphEdge]
    meta: StrategyGraphInputMeta | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        nodes = []
        for nodes_item_data in self.nodes:
            nodes_item = nodes_item_data.to_dict()
            nodes.append(nodes_item)

        edges = []
        for edges_item_data in self.edges:
            edges_item = edges_item_data.to_dict()
            edges.append(edges_item)

        meta: dict[str, Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "nodes": nodes,
                "edges": edges,
            }
        )
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.graph_edge import GraphEdge  # noqa: PLC0415
        from ..models.graph_node import GraphNode  # noqa: PLC0415
        from ..models.strategy_graph_input_meta import StrategyGraphInputMeta  # noqa: PLC0415

        d = dict(src_dict)
        nodes = []
        _nodes = d.pop("nodes")
        for nodes_item_data in _nodes:
            nodes_item = GraphNode.from_dict(nodes_item_data)

            nodes.append(nodes_item)

        edges = []
        _edges = d.pop("edges")
        for edges_item_data in _edges:
            edges_item = GraphEdge.from_dict(edges_item_data)

            edges.append(edges_item)

        _meta = d.pop("meta", UNSET)
        meta: StrategyGraphInputMeta | Unset
        if isinstance(_meta, Unset):
            meta = UNSET
        else:
            meta = StrategyGraphInputMeta.from_dict(_meta)

        strategy_graph_input = cls(
            nodes=nodes,
            edges=edges,
            meta=meta,
        )

        return strategy_graph_input
