from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.export_payload_format import ExportPayloadFormat
from ..models.timeframe import Timeframe

if TYPE_CHECKING:
    from ..models.strategy_graph import StrategyGraph


T = TypeVar("T", bound="ExportPayload")


@_attrs_define
class ExportPayload:
    """The portable `ex7.strategy/v1` document. Holds no ids, user ids or timestamps other than `exported_at`.

    Attributes:
        format_ (ExportPayloadFormat):
        exported_at (datetime.datetime):
        name (str):  Example: SMA crossover.
        description (str):
        instrument (str):  Example: MNQ.
        timeframe (Timeframe):
        tags (list[str]):  Example: ['trend', 'intraday'].
        graph (StrategyGraph): A strategy graph as stored in a version.
    """

    format_: ExportPayloadFormat
    exported_at: datetime.datetime
    name: str
    description: str
    instrument: str
    timeframe: Timeframe
    tags: list[str]
    graph: StrategyGraph
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        format_ = self.format_.value

        exported_at = self.exported_at.isoformat()

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
                "format": format_,
                "exported_at": exported_at,
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
        from ..models.strategy_graph import StrategyGraph  # noqa: PLC0415

        d = dict(src_dict)
        format_ = ExportPayloadFormat(d.pop("format"))

        exported_at = datetime.datetime.fromisoformat(d.pop("exported_at"))

        name = d.pop("name")

        description = d.pop("description")

        instrument = d.pop("instrument")

        timeframe = Timeframe(d.pop("timeframe"))

        tags = cast(list[str], d.pop("tags"))

        graph = StrategyGraph.from_dict(d.pop("graph"))

        export_payload = cls(
            format_=format_,
            exported_at=exported_at,
            name=name,
            description=description,
            instrument=instrument,
            timeframe=timeframe,
            tags=tags,
            graph=graph,
        )

        export_payload.additional_properties = d
        return export_payload

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
