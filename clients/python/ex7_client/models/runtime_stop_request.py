from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.trading_mode import TradingMode
from ..types import UNSET, Unset

T = TypeVar("T", bound="RuntimeStopRequest")


@_attrs_define
class RuntimeStopRequest:
    """
    Attributes:
        mode (TradingMode | Unset): Paper or live; the two are separate pools for runtimes, signals and risk.
    """

    mode: TradingMode | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if mode is not UNSET:
            field_dict["mode"] = mode

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _mode = d.pop("mode", UNSET)
        mode: TradingMode | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = TradingMode(_mode)

        runtime_stop_request = cls(
            mode=mode,
        )

        return runtime_stop_request
