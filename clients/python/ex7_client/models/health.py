from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.health_status import HealthStatus

if TYPE_CHECKING:
    from ..models.health_database import HealthDatabase
    from ..models.loop_state import LoopState


T = TypeVar("T", bound="Health")


@_attrs_define
class Health:
    """
    Attributes:
        status (HealthStatus): `unavailable`: the database does not answer (503). `degraded`: the API answers, but a
            background loop of this process crashed and waits to be restarted. `ok` otherwise.
        version (str):
        uptime_seconds (float):
        time (datetime.datetime):
        database (HealthDatabase):
        loops (list[LoopState]): The background loops this process supervises (the market-data feed, ...), empty when it
            runs none.
    """

    status: HealthStatus
    version: str
    uptime_seconds: float
    time: datetime.datetime
    database: HealthDatabase
    loops: list[LoopState]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        version = self.version

        uptime_seconds = self.uptime_seconds

        time = self.time.isoformat()

        database = self.database.to_dict()

        loops = []
        for loops_item_data in self.loops:
            loops_item = loops_item_data.to_dict()
            loops.append(loops_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "version": version,
                "uptime_seconds": uptime_seconds,
                "time": time,
                "database": database,
                "loops": loops,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.health_database import HealthDatabase  # noqa: PLC0415
        from ..models.loop_state import LoopState  # noqa: PLC0415

        d = dict(src_dict)
        status = HealthStatus(d.pop("status"))

        version = d.pop("version")

        uptime_seconds = d.pop("uptime_seconds")

        time = datetime.datetime.fromisoformat(d.pop("time"))

        database = HealthDatabase.from_dict(d.pop("database"))

        loops = []
        _loops = d.pop("loops")
        for loops_item_data in _loops:
            loops_item = LoopState.from_dict(loops_item_data)

            loops.append(loops_item)

        health = cls(
            status=status,
            version=version,
            uptime_seconds=uptime_seconds,
            time=time,
            database=database,
            loops=loops,
        )

        health.additional_properties = d
        return health

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
