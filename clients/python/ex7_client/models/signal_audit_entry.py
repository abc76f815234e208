from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.signal_audit_decision import SignalAuditDecision
from ..models.timeframe import Timeframe

if TYPE_CHECKING:
    from ..models.signal_audit_entry_inputs import SignalAuditEntryInputs


T = TypeVar("T", bound="SignalAuditEntry")


@_attrs_define
class SignalAuditEntry:
    """
    Attributes:
        id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        strategy_version (int):
        runtime_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        instrument (str):  Example: MNQ.
        timeframe (Timeframe):
        bar_ts (datetime.datetime):
        decision (SignalAuditDecision):
        inputs (SignalAuditEntryInputs): The values the decision was made from (bar, indicator and condition values).
        reason (None | str): Why, for blocked, error or exit decisions.
        created_at (datetime.datetime):
    """

    id: UUID
    strategy_id: UUID
    strategy_version: int
    runtime_id: UUID
    instrument: str
    timeframe: Timeframe
    bar_ts: datetime.datetime
    decision: SignalAuditDecision
    inputs: SignalAuditEntryInputs
    reason: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        strategy_id = str(self.strategy_id)

        strategy_version = self.strategy_version

        runtime_id = str(self.runtime_id)

        instrument = self.instrument

        timeframe = self.timeframe.value

        bar_ts = self.bar_ts.isoformat()

        decision = self.decision.value

        inputs = self.inputs.to_dict()

        reason: None | str
        reason = self.reason

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "strategy_id": strategy_id,
                "strategy_version": strategy_version,
                "runtime_id": runtime_id,
                "instrument": instrument,
                "timeframe": timeframe,
                "bar_ts": bar_ts,
                "decision": decision,
                "inputs": inputs,
                "reason": reason,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.signal_audit_entry_inputs import SignalAuditEntryInputs  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        strategy_id = UUID(d.pop("strategy_id"))

        strategy_version = d.pop("strategy_version")

        runtime_id = UUID(d.pop("runtime_id"))

        instrument = d.pop("instrument")

        timeframe = Timeframe(d.pop("timeframe"))

        bar_ts = datetime.datetime.fromisoformat(d.pop("bar_ts"))

        decision = SignalAuditDecision(d.pop("decision"))

        inputs = SignalAuditEntryInputs.from_dict(d.pop("inputs"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        signal_audit_entry = cls(
            id=id,
            strategy_id=strategy_id,
            strategy_version=strategy_version,
            runtime_id=runtime_id,
            instrument=instrument,
            timeframe=timeframe,
            bar_ts=bar_ts,
            decision=decision,
            inputs=inputs,
            reason=reason,
            created_at=created_at,
        )

        signal_audit_entry.additional_properties = d
        return signal_audit_entry

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
