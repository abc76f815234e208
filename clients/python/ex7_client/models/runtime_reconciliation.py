from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.runtime_reconciliation_status import RuntimeReconciliationStatus
from ..models.trading_mode import TradingMode

if TYPE_CHECKING:
    from ..models.reconciled_trade import ReconciledTrade
    from ..models.runtime_reconciliation_different_item import (
        RuntimeReconciliationDifferentItem,
    )


T = TypeVar("T", bound="RuntimeReconciliation")


@_attrs_define
class RuntimeReconciliation:
    """A runtime's paper trades set against the backtest of the version it runs over exactly the bars
    it processed (its warm-up, then every bar it audited), trade by trade. A trade matches when
    side, entry bar and price, exit bar and price, exit reason and net P&L are all equal.
    `missing_in_paper`: the backtest traded and paper did not (an entry the risk gate blocked or
    that came too late to publish; after a position closed by hand the two part ways).
    `extra_in_paper`: paper traded and the backtest did not. `closed_outside_engine`: paper
    signals ended by the user, a force-close or the runtime's stop, and those still open. Each list
    holds at most 50 entries (`truncated` says when one was cut).

        Attributes:
            runtime_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
            mode (TradingMode): Paper or live; the two are separate pools for runtimes, signals and risk.
            strategy_version (int):
            bars (int): Bars the runtime evaluated (after its warm-up).
            status (RuntimeReconciliationStatus): `not_run`: nothing evaluated yet, or the version no longer compiles.
            matched (int):
            backtest_trades (int): Trades the engine closed in the backtest.
            paper_trades (int): Signals the runtime fired.
            different (list[RuntimeReconciliationDifferentItem]):
            missing_in_paper (list[ReconciledTrade]):
            extra_in_paper (list[ReconciledTrade]):
            closed_outside_engine (list[ReconciledTrade]):
            truncated (bool):
    """

    runtime_id: UUID
    mode: TradingMode
    strategy_version: int
    bars: int
    status: RuntimeReconciliationStatus
    matched: int
    backtest_trades: int
    paper_trades: int
    different: list[RuntimeReconciliationDifferentItem]
    missing_in_paper: list[ReconciledTrade]
    extra_in_paper: list[ReconciledTrade]
    closed_outside_engine: list[ReconciledTrade]
    truncated: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        runtime_id = str(self.runtime_id)

        mode = self.mode.value

        strategy_version = self.strategy_version

        bars = self.bars

        status = self.status.value

        matched = self.matched

        backtest_trades = self.backtest_trades

        paper_trades = self.paper_trades

        different = []
        for different_item_data in self.different:
            different_item = different_item_data.to_dict()
            different.append(different_item)

        missing_in_paper = []
        for missing_in_paper_item_data in self.missing_in_paper:
            missing_in_paper_item = missing_in_paper_item_data.to_dict()
            missing_in_paper.append(missing_in_paper_item)

        extra_in_paper = []
        for extra_in_paper_item_data in self.extra_in_paper:
            extra_in_paper_item = extra_in_paper_item_data.to_dict()
            extra_in_paper.append(extra_in_paper_item)

        closed_outside_engine = []
        for closed_outside_engine_item_data in self.closed_outside_engine:
            closed_outside_engine_item = closed_outside_engine_item_data.to_dict()
            closed_outside_engine.append(closed_outside_engine_item)

        truncated = self.truncated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "runtime_id": runtime_id,
                "mode": mode,
                "strategy_version": strategy_version,
                "bars": bars,
                "status": status,
                "matched": matched,
                "backtest_trades": backtest_trades,
                "paper_trades": paper_trades,
                "different": different,
                "missing_in_paper": missing_in_paper,
                "extra_in_paper": extra_in_paper,
                "closed_outside_engine": closed_outside_engine,
                "truncated": truncated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reconciled_trade import ReconciledTrade  # noqa: PLC0415
        from ..models.runtime_reconciliation_different_item import (
            RuntimeReconciliationDifferentItem,  # noqa: PLC0415
        )

        d = dict(src_dict)
        runtime_id = UUID(d.pop("runtime_id"))

        mode = TradingMode(d.pop("mode"))

        strategy_version = d.pop("strategy_version")

        bars = d.pop("bars")

        status = RuntimeReconciliationStatus(d.pop("status"))

        matched = d.pop("matched")

        backtest_trades = d.pop("backtest_trades")

        paper_trades = d.pop("paper_trades")

        different = []
        _different = d.pop("different")
        for different_item_data in _different:
            different_item = RuntimeReconciliationDifferentItem.from_dict(different_item_data)

            different.append(different_item)

        missing_in_paper = []
        _missing_in_paper = d.pop("missing_in_paper")
        for missing_in_paper_item_data in _missing_in_paper:
            missing_in_paper_item = ReconciledTrade.from_dict(missing_in_paper_item_data)

            missing_in_paper.append(missing_in_paper_item)

        extra_in_paper = []
        _extra_in_paper = d.pop("extra_in_paper")
        for extra_in_paper_item_data in _extra_in_paper:
            extra_in_paper_item = ReconciledTrade.from_dict(extra_in_paper_item_data)

            extra_in_paper.append(extra_in_paper_item)

        closed_outside_engine = []
        _closed_outside_engine = d.pop("closed_outside_engine")
        for closed_outside_engine_item_data in _closed_outside_engine:
            closed_outside_engine_item = ReconciledTrade.from_dict(closed_outside_engine_item_data)

            closed_outside_engine.append(closed_outside_engine_item)

        truncated = d.pop("truncated")

        runtime_reconciliation = cls(
            runtime_id=runtime_id,
            mode=mode,
            strategy_version=strategy_version,
            bars=bars,
            status=status,
            matched=matched,
            backtest_trades=backtest_trades,
            paper_trades=paper_trades,
            different=different,
            missing_in_paper=missing_in_paper,
            extra_in_paper=extra_in_paper,
            closed_outside_engine=closed_outside_engine,
            truncated=truncated,
        )

        runtime_reconciliation.additional_properties = d
        return runtime_reconciliation

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
