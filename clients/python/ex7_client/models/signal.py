from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.signal_close_reason import SignalCloseReason
from ..models.signal_side import SignalSide
from ..models.signal_status import SignalStatus
from ..models.timeframe import Timeframe
from ..models.trading_mode import TradingMode

T = TypeVar("T", bound="Signal")


@_attrs_define
class Signal:
    """
    Attributes:
        id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        strategy_version (int): The strategy version that fired the signal.
        mode (TradingMode): Paper or live; the two are separate pools for runtimes, signals and risk.
        instrument (str):  Example: MNQ.
        timeframe (Timeframe):
        side (SignalSide):
        status (SignalStatus): `closed` by stop, target, exit rule, reverse, max bars or the runtime being stopped;
            `cancelled` by the user or a force-close.
        entry_price (str): A decimal number as a string (money, prices). Example: -500.00.
        stop_price (None | str): A decimal number as a string (money, prices). Example: -500.00.
        target_price (None | str): A decimal number as a string (money, prices). Example: -500.00.
        size (int): Number of contracts.
        fired_at (datetime.datetime):
        bar_ts (datetime.datetime): Open time of the bar whose close fired the signal.
        closed_at (datetime.datetime | None):
        close_price (None | str): A decimal number as a string (money, prices). Example: -500.00.
        close_reason (None | SignalCloseReason):
        gross_pnl (None | str): A decimal number as a string (money, prices). Example: -500.00.
        slippage (None | str): Slippage cost in money. Example: -500.00.
        commission (None | str): A decimal number as a string (money, prices). Example: -500.00.
        net_pnl (None | str): A decimal number as a string (money, prices). Example: -500.00.
        slippage_ticks (float | None): Adverse slippage assumed per side, in ticks.
        event_id (int): The stream event id of the signal.
    """

    id: UUID
    strategy_id: UUID
    strategy_version: int
    mode: TradingMode
    instrument: str
    timeframe: Timeframe
    side: SignalSide
    status: SignalStatus
    entry_price: str
    stop_price: None | str
    target_price: None | str
    size: int
    fired_at: datetime.datetime
    bar_ts: datetime.datetime
    closed_at: datetime.datetime | None
    close_price: None | str
    close_reason: None | SignalCloseReason
    gross_pnl: None | str
    slippage: None | str
    commission: None | str
    net_pnl: None | str
    slippage_ticks: float | None
    event_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        strategy_id = str(self.strategy_id)

        strategy_version = self.strategy_version

        mode = self.mode.value

        instrument = self.instrument

        timeframe = self.timeframe.value

        side = self.side.value

        status = self.status.value

        entry_price = self.entry_price

        stop_price: None | str
        stop_price = self.stop_price

        target_price: None | str
        target_price = self.target_price

        size = self.size

        fired_at = self.fired_at.isoformat()

        bar_ts = self.bar_ts.isoformat()

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        close_price: None | str
        close_price = self.close_price

        close_reason: None | str
        if isinstance(self.close_reason, SignalCloseReason):
            close_reason = self.close_reason.value
        else:
            close_reason = self.close_reason

        gross_pnl: None | str
        gross_pnl = self.gross_pnl

        slippage: None | str
        slippage = self.slippage

        commission: None | str
        commission = self.commission

        net_pnl: None | str
        net_pnl = self.net_pnl

        slippage_ticks: float | None
        slippage_ticks = self.slippage_ticks

        event_id = self.event_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "strategy_id": strategy_id,
                "strategy_version": strategy_version,
                "mode": mode,
                "instrument": instrument,
                "timeframe": timeframe,
                "side": side,
                "status": status,
                "entry_price": entry_price,
                "stop_price": stop_price,
                "target_price": target_price,
                "size": size,
                "fired_at": fired_at,
                "bar_ts": bar_ts,
                "closed_at": closed_at,
                "close_price": close_price,
                "close_reason": close_reason,
                "gross_pnl": gross_pnl,
                "slippage": slippage,
                "commission": commission,
                "net_pnl": net_pnl,
                "slippage_ticks": slippage_ticks,
                "event_id": event_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        strategy_id = UUID(d.pop("strategy_id"))

        strategy_version = d.pop("strategy_version")

        mode = TradingMode(d.pop("mode"))

        instrument = d.pop("instrument")

        timeframe = Timeframe(d.pop("timeframe"))

        side = SignalSide(d.pop("side"))

        status = SignalStatus(d.pop("status"))

        entry_price = d.pop("entry_price")

        def _parse_stop_price(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        stop_price = _parse_stop_price(d.pop("stop_price"))

        def _parse_target_price(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        target_price = _parse_target_price(d.pop("target_price"))

        size = d.pop("size")

        fired_at = datetime.datetime.fromisoformat(d.pop("fired_at"))

        bar_ts = datetime.datetime.fromisoformat(d.pop("bar_ts"))

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        def _parse_close_price(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        close_price = _parse_close_price(d.pop("close_price"))

        def _parse_close_reason(data: object) -> None | SignalCloseReason:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                close_reason_type_1 = SignalCloseReason(data)

                return close_reason_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SignalCloseReason, data)

        close_reason = _parse_close_reason(d.pop("close_reason"))

        def _parse_gross_pnl(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        gross_pnl = _parse_gross_pnl(d.pop("gross_pnl"))

        def _parse_slippage(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        slippage = _parse_slippage(d.pop("slippage"))

        def _parse_commission(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        commission = _parse_commission(d.pop("commission"))

        def _parse_net_pnl(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        net_pnl = _parse_net_pnl(d.pop("net_pnl"))

        def _parse_slippage_ticks(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        slippage_ticks = _parse_slippage_ticks(d.pop("slippage_ticks"))

        event_id = d.pop("event_id")

        signal = cls(
            id=id,
            strategy_id=strategy_id,
            strategy_version=strategy_version,
            mode=mode,
            instrument=instrument,
            timeframe=timeframe,
            side=side,
            status=status,
            entry_price=entry_price,
            stop_price=stop_price,
            target_price=target_price,
            size=size,
            fired_at=fired_at,
            bar_ts=bar_ts,
            closed_at=closed_at,
            close_price=close_price,
            close_reason=close_reason,
            gross_pnl=gross_pnl,
            slippage=slippage,
            commission=commission,
            net_pnl=net_pnl,
            slippage_ticks=slippage_ticks,
            event_id=event_id,
        )

        signal.additional_properties = d
        return signal

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
