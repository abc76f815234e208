from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.timeframe import Timeframe
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.strategy_graph_input import StrategyGraphInput


T = TypeVar("T", bound="StrategyCreate")


@_attrs_define
class StrategyCreate:
    """
    Attributes:
        name (str):  Example: SMA crossover.
        instrument (str):  Example: MNQ.
        timeframe (Timeframe):
        graph (StrategyGraphInput): A strategy graph as sent by a client. Only its shape is checked here; whether it
            makes sense
            (known node types, params, connections, cycles, ...) is the validation result, and an invalid
            graph can still be saved as a draft. `meta` defaults to {}.
        description (str | Unset):  Default: ''.
        tags (list[str] | Unset):  Example: ['trend', 'intraday'].
        note (str | Unset): Note stored with version 1.
    """

    name: str
    instrument: str
    timeframe: Timeframe
    graph: StrategyGraphInput
    description: str | Unset = ""
    tags: list[str] | Unset = UNSET
    note: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        instrument = self.instrument

        timeframe = self.timeframe.value

        graph = self.graph.to_dict()

        description = self.description

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "instrument": instrument,
                "timeframe": timeframe,
                "graph": graph,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if tags is not UNSET:
            field_dict["tags"] = tags
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.strategy_graph_input import StrategyGraphInput  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        instrument = d.pop("instrument")

        timeframe = Timeframe(d.pop("timeframe"))

        graph = StrategyGraphInput.from_dict(d.pop("graph"))

        description = d.pop("description", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        note = d.pop("note", UNSET)

        strategy_create = cls(
            name=name,
            instrument=instrument,
            timeframe=timeframe,
            graph=graph,
            description=description,
            tags=tags,
            note=note,
        )

        return strategy_create
