from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.timeframe import Timeframe
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.strategy_graph_input import StrategyGraphInput


T = TypeVar("T", bound="StrategyUpdate")


@_attrs_define
class StrategyUpdate:
    """Every field is optional; fields left out keep their value.

    Attributes:
        name (str | Unset):  Example: SMA crossover.
        description (str | Unset):
        tags (list[str] | Unset):  Example: ['trend', 'intraday'].
        instrument (str | Unset):  Example: MNQ.
        timeframe (Timeframe | Unset):
        graph (StrategyGraphInput | Unset): A strategy graph as sent by a client. Only its shape is checked here;
            whether it makes sense
            (known node types, params, connections, cycles, ...) is the validation result, and an invalid
            graph can still be saved as a draft. `meta` defaults to {}.
        note (str | Unset): Note stored with the new version, if the graph change makes one.
        expected_version (int | Unset): The current_version the client last saw; a mismatch answers 412.
    """

    name: str | Unset = UNSET
    description: str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    instrument: str | Unset = UNSET
    timeframe: Timeframe | Unset = UNSET
    graph: StrategyGraphInput | Unset = UNSET
    note: str | Unset = UNSET
    expected_version: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        instrument = self.instrument

        timeframe: str | Unset = UNSET
        if not isinstance(self.timeframe, Unset):
            timeframe = self.timeframe.value

        graph: dict[str, Any] | Unset = UNSET
        if not isinstance(self.graph, Unset):
            graph = self.graph.to_dict()

        note = self.note

        expected_version = self.expected_version

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if tags is not UNSET:
            field_dict["tags"] = tags
        if instrument is not UNSET:
            field_dict["instrument"] = instrument
        if timeframe is not UNSET:
            field_dict["timeframe"] = timeframe
        if graph is not UNSET:
            field_dict["graph"] = graph
        if note is not UNSET:
            field_dict["note"] = note
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.strategy_graph_input import StrategyGraphInput  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        instrument = d.pop("instrument", UNSET)

        _timeframe = d.pop("timeframe", UNSET)
        timeframe: Timeframe | Unset
        if isinstance(_timeframe, Unset):
            timeframe = UNSET
        else:
            timeframe = Timeframe(_timeframe)

        _graph = d.pop("graph", UNSET)
        graph: StrategyGraphInput | Unset
        if isinstance(_graph, Unset):
            graph = UNSET
        else:
            graph = StrategyGraphInput.from_dict(_graph)

        note = d.pop("note", UNSET)

        expected_version = d.pop("expected_version", UNSET)

        strategy_update = cls(
            name=name,
            description=description,
            tags=tags,
            instrument=instrument,
            timeframe=timeframe,
            graph=graph,
            note=note,
            expected_version=expected_version,
        )

        return strategy_update
