from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.graph_edge import GraphEdge
    from ..models.graph_node import GraphNode
    from ..models.strategy_graph_meta import StrategyGraphMeta


T = TypeVar("T", bound="StrategyGraph")


@_attrs_define
class StrategyGraph:
    """A strategy graph as stored in a version.

    Attributes:
        nodes (list[GraphNode]):
        edges (list[GraphEdge]):
        meta (StrategyGraphMeta): Free-form data for the builder. No effect on evaluation.
    """

    nodes: list[GraphNode]
    edges: list[GraphEdge]
    meta: StrategyGraphMeta

    def to_dict(self) -> dict[str, Any]:
        nodes = []
        for nodes_item_data in self.nodes:
            nodes_item = nodes_item_data.to_dict()
            nodes.append(nodes_item)

        edges = []
        for edges_item_data in self.edges:
            edges_item = edges_item_data.to_dict()
            edges.append(edges_item)

        meta = self.meta.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "nodes": nodes,
                "edges": edges,
                "meta": meta,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.graph_edge import GraphEdge  # noqa: PLC0415
        from ..models.graph_node import GraphNode  # noqa: PLC0415
        from ..models.strategy_graph_meta import StrategyGraphMeta  # noqa: PLC0415

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

        meta = StrategyGraphMeta.from_dict(d.pop("meta"))

        strategy_graph = cls(
            nodes=nodes,
            edges=edges,
            meta=meta,
        )

        return strategy_graph
