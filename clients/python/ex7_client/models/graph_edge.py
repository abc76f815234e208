from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.graph_endpoint import GraphEndpoint


T = TypeVar("T", bound="GraphEdge")


@_attrs_define
class GraphEdge:
    """Connects an output port of one node to an input port of another.

    Attributes:
        from_ (GraphEndpoint):
        to (GraphEndpoint):
    """

    from_: GraphEndpoint
    to: GraphEndpoint

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.to_dict()

        to = self.to.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from": from_,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.graph_endpoint import GraphEndpoint  # noqa: PLC0415

        d = dict(src_dict)
        from_ = GraphEndpoint.from_dict(d.pop("from"))

        to = GraphEndpoint.from_dict(d.pop("to"))

        graph_edge = cls(
            from_=from_,
            to=to,
        )

        return graph_edge
