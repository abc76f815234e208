from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.timeframe import Timeframe

if TYPE_CHECKING:
    from ..models.vix_strategy_draft_graph import VixStrategyDraftGraph


T = TypeVar("T", bound="VixStrategyDraft")


@_attrs_define
class VixStrategyDraft:
    """A strategy preview, not saved; create it through the strategies API.

    Attributes:
        name (str):
        description (str):
        instrument (str):  Example: MNQ.
        timeframe (Timeframe):
        tags (list[str]):
        graph (VixStrategyDraftGraph): The node graph {nodes, edges, meta}.
    """

    name: str
    description: str
    instrument: str
    timeframe: Timeframe
    tags: list[str]
    graph: VixStrategyDraftGraph
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        instrument = self.instrument

        timeframe = self.timeframe.value

        tags = self.tags

        graph = self.graph.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "description": description,
                "instrument": instrument,
                "timeframe": timeframe,
                "tags": tags,
                "graph": graph,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.vix_strategy_draft_graph import VixStrategyDraftGraph  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description")

        instrument = d.pop("instrument")

        timeframe = Timeframe(d.pop("timeframe"))

        tags = cast(list[str], d.pop("tags"))

        graph = VixStrategyDraftGraph.from_dict(d.pop("graph"))

        vix_strategy_draft = cls(
            name=name,
            description=description,
            instrument=instrument,
            timeframe=timeframe,
            tags=tags,
            graph=graph,
        )

        vix_strategy_draft.additional_properties = d
        return vix_strategy_draft

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
