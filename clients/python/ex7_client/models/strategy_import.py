from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.strategy_import_format import StrategyImportFormat
from ..models.strategy_import_name_on_conflict import StrategyImportNameOnConflict
from ..models.timeframe import Timeframe
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.strategy_graph_input import StrategyGraphInput


T = TypeVar("T", bound="StrategyImport")


@_attrs_define
class StrategyImport:
    """An `ExportPayload` plus the import-only `name_on_conflict`.

    Attributes:
        format_ (StrategyImportFormat): Must be exactly ex7.strategy/v1.
        name (str):  Example: SMA crossover.
        instrument (str):  Example: MNQ.
        timeframe (Timeframe):
        graph (StrategyGraphInput): A strategy graph as sent by a client. Only its shape is checked here; whether it
            makes sense
            (known node types, params, connections, cycles, ...) is the validation result, and an invalid
            graph can still be saved as a draft. `meta` defaults to {}.
        exported_at (datetime.datetime | Unset): Accepted and ignored.
        description (str | Unset):  Default: ''.
        tags (list[str] | Unset):  Example: ['trend', 'intraday'].
        name_on_conflict (StrategyImportNameOnConflict | Unset): On a name clash, `suffix` picks "<name> (2)", "<name>
            (3)", ...; `error` answers 409. Default: StrategyImportNameOnConflict.ERROR.
    """

    format_: StrategyImportFormat
    name: str
    instrument: str
    timeframe: Timeframe
    graph: StrategyGraphInput
    exported_at: datetime.datetime | Unset = UNSET
    description: str | Unset = ""
    tags: list[str] | Unset = UNSET
    name_on_conflict: StrategyImportNameOnConflict | Unset = StrategyImportNameOnConflict.ERROR

    def to_dict(self) -> dict[str, Any]:
        format_ = self.format_.value

        name = self.name

        instrument = self.instrument

        timeframe = self.timeframe.value

        graph = self.graph.to_dict()

        exported_at: str | Unset = UNSET
        if not isinstance(self.exported_at, Unset):
            exported_at = self.exported_at.isoformat()

        description = self.description

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        name_on_conflict: str | Unset = UNSET
        if not isinstance(self.name_on_conflict, Unset):
            name_on_conflict = self.name_on_conflict.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "format": format_,
                "name": name,
                "instrument": instrument,
                "timeframe": timeframe,
                "graph": graph,
            }
        )
        if exported_at is not UNSET:
            field_dict["exported_at"] = exported_at
        if description is not UNSET:
            field_dict["description"] = description
        if tags is not UNSET:
            field_dict["tags"] = tags
        if name_on_conflict is not UNSET:
            field_dict["name_on_conflict"] = name_on_conflict

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.strategy_graph_input import StrategyGraphInput  # noqa: PLC0415

        d = dict(src_dict)
        format_ = StrategyImportFormat(d.pop("format"))

        name = d.pop("name")

        instrument = d.pop("instrument")

        timeframe = Timeframe(d.pop("timeframe"))

        graph = StrategyGraphInput.from_dict(d.pop("graph"))

        _exported_at = d.pop("exported_at", UNSET)
        exported_at: datetime.datetime | Unset
        if isinstance(_exported_at, Unset):
            exported_at = UNSET
        else:
            exported_at = datetime.datetime.fromisoformat(_exported_at)

        description = d.pop("description", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        _name_on_conflict = d.pop("name_on_conflict", UNSET)
        name_on_conflict: StrategyImportNameOnConflict | Unset
        if isinstance(_name_on_conflict, Unset):
            name_on_conflict = UNSET
        else:
            name_on_conflict = StrategyImportNameOnConflict(_name_on_conflict)

        strategy_import = cls(
            format_=format_,
            name=name,
            instrument=instrument,
            timeframe=timeframe,
            graph=graph,
            exported_at=exported_at,
            description=description,
            tags=tags,
            name_on_conflict=name_on_conflict,
        )

        return strategy_import
