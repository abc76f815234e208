from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.reconciled_trade import ReconciledTrade


T = TypeVar("T", bound="RuntimeReconciliationDifferentItem")


@_attrs_define
class RuntimeReconciliationDifferentItem:
    """
    Attributes:
        backtest (ReconciledTrade):
        paper (ReconciledTrade):
    """

    backtest: ReconciledTrade
    paper: ReconciledTrade
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        backtest = self.backtest.to_dict()

        paper = self.paper.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "backtest": backtest,
                "paper": paper,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reconciled_trade import ReconciledTrade  # noqa: PLC0415

        d = dict(src_dict)
        backtest = ReconciledTrade.from_dict(d.pop("backtest"))

        paper = ReconciledTrade.from_dict(d.pop("paper"))

        runtime_reconciliation_different_item = cls(
            backtest=backtest,
            paper=paper,
        )

        runtime_reconciliation_different_item.additional_properties = d
        return runtime_reconciliation_different_item

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
