from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.runtime_status import RuntimeStatus
from ..models.trading_mode import TradingMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.runtime_position_type_0 import RuntimePositionType0


T = TypeVar("T", bound="Runtime")


@_attrs_define
class Runtime:
    """
    Attributes:
        id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        strategy_name (str):
        mode (TradingMode): Paper or live; the two are separate pools for runtimes, signals and risk.
        status (RuntimeStatus):
        started_at (datetime.datetime | None):
        stopped_at (datetime.datetime | None):
        last_heartbeat_at (datetime.datetime | None):
        last_bar_ts (datetime.datetime | None):
        last_error (None | str):
        position (None | RuntimePositionType0): The open position the runtime holds, or null when flat.
        strategy_version (int | None | Unset): The strategy version the runtime was started with and runs; null before
            its first start.
        instrument (None | str | Unset): The instrument it runs on, pinned at start.
        timeframe (None | str | Unset): The timeframe it runs on, pinned at start.
        restart_required (bool | Unset): True when the strategy has changed (a newer version, another instrument or
            timeframe) since the runtime was started; the runtime keeps running what it pinned until it is started again.
    """

    id: UUID
    strategy_id: UUID
    strategy_name: str
    mode: TradingMode
    status: RuntimeStatus
    started_at: datetime.datetime | None
    stopped_at: datetime.datetime | None
    last_heartbeat_at: datetime.datetime | None
    last_bar_ts: datetime.datetime | None
    last_error: None | str
    position: None | RuntimePositionType0
    strategy_version: int | None | Unset = UNSET
    instrument: None | str | Unset = UNSET
    timeframe: None | str | Unset = UNSET
    restart_required: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.runtime_position_type_0 import RuntimePositionType0  # noqa: PLC0415

        id = str(self.id)

        strategy_id = str(self.strategy_id)

        strategy_name = self.strategy_name

        mode = self.mode.value

        status = self.status.value

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        stopped_at: None | str
        if isinstance(self.stopped_at, datetime.datetime):
            stopped_at = self.stopped_at.isoformat()
        else:
            stopped_at = self.stopped_at

        last_heartbeat_at: None | str
        if isinstance(self.last_heartbeat_at, datetime.datetime):
            last_heartbeat_at = self.last_heartbeat_at.isoformat()
        else:
            last_heartbeat_at = self.last_heartbeat_at

        last_bar_ts: None | str
        if isinstance(self.last_bar_ts, datetime.datetime):
            last_bar_ts = self.last_bar_ts.isoformat()
        else:
            last_bar_ts = self.last_bar_ts

        last_error: None | str
        last_error = self.last_error

        position: dict[str, Any] | None
        if isinstance(self.position, RuntimePositionType0):
            position = self.position.to_dict()
        else:
            position = self.position

        strategy_version: int | None | Unset
        if isinstance(self.strategy_version, Unset):
            strategy_version = UNSET
        else:
            strategy_version = self.strategy_version

        instrument: None | str | Unset
        if isinstance(self.instrument, Unset):
            instrument = UNSET
        else:
            instrument = self.instrument

        timeframe: None | str | Unset
        if isinstance(self.timeframe, Unset):
            timeframe = UNSET
        else:
            timeframe = self.timeframe

        restart_required = self.restart_required

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "strategy_id": strategy_id,
                "strategy_name": strategy_name,
                "mode": mode,
                "status": status,
                "started_at": started_at,
                "stopped_at": stopped_at,
                "last_heartbeat_at": last_heartbeat_at,
                "last_bar_ts": last_bar_ts,
                "last_error": last_error,
                "position": position,
            }
        )
        if strategy_version is not UNSET:
            field_dict["strategy_version"] = strategy_version
        if instrument is not UNSET:
            field_dict["instrument"] = instrument
        if timeframe is not UNSET:
            field_dict["timeframe"] = timeframe
        if restart_required is not UNSET:
            field_dict["restart_required"] = restart_required

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.runtime_position_type_0 import RuntimePositionType0  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        strategy_id = UUID(d.pop("strategy_id"))

        strategy_name = d.pop("strategy_name")

        mode = TradingMode(d.pop("mode"))

        status = RuntimeStatus(d.pop("status"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        def _parse_stopped_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                stopped_at_type_0 = datetime.datetime.fromisoformat(data)

                return stopped_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        stopped_at = _parse_stopped_at(d.pop("stopped_at"))

        def _parse_last_heartbeat_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_heartbeat_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_heartbeat_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_heartbeat_at = _parse_last_heartbeat_at(d.pop("last_heartbeat_at"))

        def _parse_last_bar_ts(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_bar_ts_type_0 = datetime.datetime.fromisoformat(data)

                return last_bar_ts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_bar_ts = _parse_last_bar_ts(d.pop("last_bar_ts"))

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        def _parse_position(data: object) -> None | RuntimePositionType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                position_type_0 = RuntimePositionType0.from_dict(data)

                return position_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RuntimePositionType0, data)

        position = _parse_position(d.pop("position"))

        def _parse_strategy_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        strategy_version = _parse_strategy_version(d.pop("strategy_version", UNSET))

        def _parse_instrument(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instrument = _parse_instrument(d.pop("instrument", UNSET))

        def _parse_timeframe(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timeframe = _parse_timeframe(d.pop("timeframe", UNSET))

        restart_required = d.pop("restart_required", UNSET)

        runtime = cls(
            id=id,
            strategy_id=strategy_id,
            strategy_name=strategy_name,
            mode=mode,
            status=status,
            started_at=started_at,
            stopped_at=stopped_at,
            last_heartbeat_at=last_heartbeat_at,
            last_bar_ts=last_bar_ts,
            last_error=last_error,
            position=position,
            strategy_version=strategy_version,
            instrument=instrument,
            timeframe=timeframe,
            restart_required=restart_required,
        )

        runtime.additional_properties = d
        return runtime

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
