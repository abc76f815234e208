from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.live_stats import LiveStats
    from ..models.runtime_reconciliation import RuntimeReconciliation
    from ..models.strategy_performance_backtest_type_0 import (
        StrategyPerformanceBacktestType0,
    )


T = TypeVar("T", bound="StrategyPerformance")


@_attrs_define
class StrategyPerformance:
    """
    Attributes:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        name (str):
        version (int):
        backtest (None | StrategyPerformanceBacktestType0): The backtest of the head version over all stored data
            (cached per version and data extent); null when there is no stored data for its instrument and timeframe, or its
            graph does not validate.
        live (LiveStats):
        reconciliation (list[RuntimeReconciliation] | Unset): Beyond the reference. One entry per runtime of the
            strategy (paper, live) that has run; see RuntimeReconciliation.
    """

    strategy_id: UUID
    name: str
    version: int
    backtest: None | StrategyPerformanceBacktestType0
    live: LiveStats
    reconciliation: list[RuntimeReconciliation] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.strategy_performance_backtest_type_0 import (
            StrategyPerformanceBacktestType0,  # noqa: PLC0415
        )

        strategy_id = str(self.strategy_id)

        name = self.name

        version = self.version

        backtest: dict[str, Any] | None
        if isinstance(self.backtest, StrategyPerformanceBacktestType0):
            backtest = self.backtest.to_dict()
        else:
            backtest = self.backtest

        live = self.live.to_dict()

        reconciliation: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.reconciliation, Unset):
            reconciliation = []
            for reconciliation_item_data in self.reconciliation:
                reconciliation_item = reconciliation_item_data.to_dict()
                reconciliation.append(reconciliation_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "strategy_id": strategy_id,
                "name": name,
                "version": version,
                "backtest": backtest,
                "live": live,
            }
        )
        if reconciliation is not UNSET:
            field_dict["reconciliation"] = reconciliation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.live_stats import LiveStats  # noqa: PLC0415
        from ..models.runtime_reconciliation import RuntimeReconciliation  # noqa: PLC0415
        from ..models.strategy_performance_backtest_type_0 import (
            StrategyPerformanceBacktestType0,  # noqa: PLC0415
        )

        d = dict(src_dict)
        strategy_id = UUID(d.pop("strategy_id"))

        name = d.pop("name")

        version = d.pop("version")

        def _parse_backtest(data: object) -> None | StrategyPerformanceBacktestType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                backtest_type_0 = StrategyPerformanceBacktestType0.from_dict(data)

                return backtest_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StrategyPerformanceBacktestType0, data)

        backtest = _parse_backtest(d.pop("backtest"))

        live = LiveStats.from_dict(d.pop("live"))

        _reconciliation = d.pop("reconciliation", UNSET)
        reconciliation: list[RuntimeReconciliation] | Unset = UNSET
        if _reconciliation is not UNSET:
            reconciliation = []
            for reconciliation_item_data in _reconciliation:
                reconciliation_item = RuntimeReconciliation.from_dict(reconciliation_item_data)

                reconciliation.append(reconciliation_item)

        strategy_performance = cls(
            strategy_id=strategy_id,
            name=name,
            version=version,
            backtest=backtest,
            live=live,
            reconciliation=reconciliation,
        )

        strategy_performance.additional_properties = d
        return strategy_performance

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
