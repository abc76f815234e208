from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.signal_side import SignalSide
from ..models.signal_status import SignalStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReconciledTrade")


@_attrs_define
class ReconciledTrade:
    """
    Attributes:
        side (SignalSide):
        entry_bar_ts (datetime.datetime):
        entry_price (str): A decimal number as a string (money, prices). Example: -500.00.
        exit_bar_ts (datetime.datetime | None):
        exit_price (None | str):
        reason (None | str):
        net_pnl (None | str):
        status (SignalStatus | Unset): `closed` by stop, target, exit rule, reverse, max bars or the runtime being
            stopped; `cancelled` by the user or a force-close.
    """

    side: SignalSide
    entry_bar_ts: datetime.datetime
    entry_price: str
    exit_bar_ts: datetime.datetime | None
    exit_price: None | str
    reason: None | str
    net_pnl: None | str
    status: SignalStatus | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        side = self.side.value

        entry_bar_ts = self.entry_bar_ts.isoformat()

        entry_price = self.entry_price

        exit_bar_ts: None | str
        if isinstance(self.exit_bar_ts, datetime.datetime):
            exit_bar_ts = self.exit_bar_ts.isoformat()
        else:
            exit_bar_ts = self.exit_bar_ts

        exit_price: None | str
        exit_price = self.exit_price

        reason: None | str
        reason = self.reason

        net_pnl: None | str
        net_pnl = self.net_pnl

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "side": side,
                "entry_bar_ts": entry_bar_ts,
                "entry_price": entry_price,
                "exit_bar_ts": exit_bar_ts,
                "exit_price": exit_price,
                "reason": reason,
                "net_pnl": net_pnl,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        side = SignalSide(d.pop("side"))

        entry_bar_ts = datetime.datetime.fromisoformat(d.pop("entry_bar_ts"))

        entry_price = d.pop("entry_price")

        def _parse_exit_bar_ts(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                exit_bar_ts_type_0 = datetime.datetime.fromisoformat(data)

                return exit_bar_ts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        exit_bar_ts = _parse_exit_bar_ts(d.pop("exit_bar_ts"))

        def _parse_exit_price(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        exit_price = _parse_exit_price(d.pop("exit_price"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        def _parse_net_pnl(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        net_pnl = _parse_net_pnl(d.pop("net_pnl"))

        _status = d.pop("status", UNSET)
        status: SignalStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = SignalStatus(_status)

        reconciled_trade = cls(
            side=side,
            entry_bar_ts=entry_bar_ts,
            entry_price=entry_price,
            exit_bar_ts=exit_bar_ts,
            exit_price=exit_price,
            reason=reason,
            net_pnl=net_pnl,
            status=status,
        )

        reconciled_trade.additional_properties = d
        return reconciled_trade

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
