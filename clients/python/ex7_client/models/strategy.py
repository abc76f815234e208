from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.strategy_status import StrategyStatus
from ..models.timeframe import Timeframe

if TYPE_CHECKING:
    from ..models.strategy_graph import StrategyGraph
    from ..models.strategy_validation import StrategyValidation


T = TypeVar("T", bound="Strategy")


@_attrs_define
class Strategy:
    """
    Attributes:
        id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        name (str):  Example: SMA crossover.
        description (str): May be empty.
        instrument (str):  Example: MNQ.
        timeframe (Timeframe):
        tags (list[str]):  Example: ['trend', 'intraday'].
        status (StrategyStatus): Lifecycle status. draft -> ready -> live by promote; archive from any other status;
            unarchive -> draft.
        current_version (int): The number of the head version.
        graph (StrategyGraph): A strategy graph as stored in a version.
        validation (StrategyValidation): The result of validating a graph (with the strategy's instrument and
            timeframe). `valid` is true exactly when `errors` is empty.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    name: str
    description: str
    instrument: str
    timeframe: Timeframe
    tags: list[str]
    status: StrategyStatus
    current_version: int
    graph: StrategyGraph
    validation: StrategyValidation
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        description = self.description

        instrument = self.instrument

        timeframe = self.timeframe.value

        tags = self.tags

        status = self.status.value

        current_version = self.current_version

        graph = self.graph.to_dict()

        validation = self.validation.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "instrument": instrument,
                "timeframe": timeframe,
                "tags": tags,
                "status": status,
                "current_version": current_version,
                "graph": graph,
                "validation": validation,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.strategy_graph import StrategyGraph  # noqa: PLC0415
        from ..models.strategy_validation import StrategyValidation  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        description = d.pop("description")

        instrument = d.pop("instrument")

        timeframe = Timeframe(d.pop("timeframe"))

        tags = cast(list[str], d.pop("tags"))

        status = StrategyStatus(d.pop("status"))

        current_version = d.pop("current_version")

        graph = StrategyGraph.from_dict(d.pop("graph"))

        validation = StrategyValidation.from_dict(d.pop("validation"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        strategy = cls(
            id=id,
            name=name,
            description=description,
            instrument=instrument,
            timeframe=timeframe,
            tags=tags,
            status=status,
            current_version=current_version,
            graph=graph,
            validation=validation,
            created_at=created_at,
            updated_at=updated_at,
        )

        strategy.additional_properties = d
        return strategy

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
