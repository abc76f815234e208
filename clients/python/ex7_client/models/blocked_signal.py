from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.blocked_signal_side import BlockedSignalSide
from ..models.timeframe import Timeframe
from ..models.trading_mode import TradingMode

if TYPE_CHECKING:
    from ..models.blocked_signal_reason_json import BlockedSignalReasonJson


T = TypeVar("T", bound="BlockedSignal")


@_attrs_define
class BlockedSignal:
    """
    Attributes:
        id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        user_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        strategy_id (None | UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        strategy_version (int | None):
        instrument (str):  Example: MNQ.
        timeframe (Timeframe):
        bar_ts (datetime.datetime):
        mode (TradingMode): Paper or live; the two are separate pools for runtimes, signals and risk.
        side (BlockedSignalSide | None):
        triggered_limit (str): The breaker name. Example: daily_loss_limit.
        reason (str):  Example: daily_loss_limit_breached.
        observed (str): The tripping value; empty for breaker `error` (its reason_json says null). Example: -512.75.
        limit (str): The threshold; empty for breaker `error`. Example: -500.00.
        reason_json (BlockedSignalReasonJson): The full snapshot of the gate's decision (limits and check time).
        blocked_at (datetime.datetime):
    """

    id: UUID
    user_id: UUID
    strategy_id: None | UUID
    strategy_version: int | None
    instrument: str
    timeframe: Timeframe
    bar_ts: datetime.datetime
    mode: TradingMode
    side: BlockedSignalSide | None
    triggered_limit: str
    reason: str
    observed: str
    limit: str
    reason_json: BlockedSignalReasonJson
    blocked_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        user_id = str(self.user_id)

        strategy_id: None | str
        if isinstance(self.strategy_id, UUID):
            strategy_id = str(self.strategy_id)
        else:
            strategy_id = self.strategy_id

        strategy_version: int | None
        strategy_version = self.strategy_version

        instrument = self.instrument

        timeframe = self.timeframe.value

        bar_ts = self.bar_ts.isoformat()

        mode = self.mode.value

        side: None | str
        if isinstance(self.side, BlockedSignalSide):
            side = self.side.value
        else:
            side = self.side

        triggered_limit = self.triggered_limit

        reason = self.reason

        observed = self.observed

        limit = self.limit

        reason_json = self.reason_json.to_dict()

        blocked_at = self.blocked_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "user_id": user_id,
                "strategy_id": strategy_id,
                "strategy_version": strategy_version,
                "instrument": instrument,
                "timeframe": timeframe,
                "bar_ts": bar_ts,
                "mode": mode,
                "side": side,
                "triggered_limit": triggered_limit,
                "reason": reason,
                "observed": observed,
                "limit": limit,
                "reason_json": reason_json,
                "blocked_at": blocked_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.blocked_signal_reason_json import BlockedSignalReasonJson  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        user_id = UUID(d.pop("user_id"))

        def _parse_strategy_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                strategy_id_type_0 = UUID(data)

                return strategy_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        strategy_id = _parse_strategy_id(d.pop("strategy_id"))

        def _parse_strategy_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        strategy_version = _parse_strategy_version(d.pop("strategy_version"))

        instrument = d.pop("instrument")

        timeframe = Timeframe(d.pop("timeframe"))

        bar_ts = datetime.datetime.fromisoformat(d.pop("bar_ts"))

        mode = TradingMode(d.pop("mode"))

        def _parse_side(data: object) -> BlockedSignalSide | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                side_type_1 = BlockedSignalSide(data)

                return side_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BlockedSignalSide | None, data)

        side = _parse_side(d.pop("side"))

        triggered_limit = d.pop("triggered_limit")

        reason = d.pop("reason")

        observed = d.pop("observed")

        limit = d.pop("limit")

        reason_json = BlockedSignalReasonJson.from_dict(d.pop("reason_json"))

        blocked_at = datetime.datetime.fromisoformat(d.pop("blocked_at"))

        blocked_signal = cls(
            id=id,
            user_id=user_id,
            strategy_id=strategy_id,
            strategy_version=strategy_version,
            instrument=instrument,
            timeframe=timeframe,
            bar_ts=bar_ts,
            mode=mode,
            side=side,
            triggered_limit=triggered_limit,
            reason=reason,
            observed=observed,
            limit=limit,
            reason_json=reason_json,
            blocked_at=blocked_at,
        )

        blocked_signal.additional_properties = d
        return blocked_signal

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
