from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.graph_validation_error import GraphValidationError


T = TypeVar("T", bound="StrategyValidation")


@_attrs_define
class StrategyValidation:
    """The result of validating a graph (with the strategy's instrument and timeframe). `valid` is true exactly when
    `errors` is empty.

        Attributes:
            valid (bool):
            errors (list[GraphValidationError]): The graph's issues, at most 200. When there were more, the list holds the
                first 200, `errors_total` says how many there were and `errors_truncated` is true.
            errors_total (int | Unset): How many issues there were in all, before `errors` was cut to 200. Optional: when it
                is absent, `errors` is the complete list.
            errors_truncated (bool | Unset): True when `errors` was cut to its first 200 issues (then `errors_total` is
                larger than 200). Optional: absent or false, `errors` is the complete list.
    """

    valid: bool
    errors: list[GraphValidationError]
    errors_total: int | Unset = UNSET
    errors_truncated: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        valid = self.valid

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        errors_total = self.errors_total

        errors_truncated = self.errors_truncated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "valid": valid,
                "errors": errors,
            }
        )
        if errors_total is not UNSET:
            field_dict["errors_total"] = errors_total
        if errors_truncated is not UNSET:
            field_dict["errors_truncated"] = errors_truncated

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.graph_validation_error import GraphValidationError  # noqa: PLC0415

        d = dict(src_dict)
        valid = d.pop("valid")

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = GraphValidationError.from_dict(errors_item_data)

            errors.append(errors_item)

        errors_total = d.pop("errors_total", UNSET)

        errors_truncated = d.pop("errors_truncated", UNSET)

        strategy_validation = cls(
            valid=valid,
            errors=errors,
            errors_total=errors_total,
            errors_truncated=errors_truncated,
        )

        strategy_validation.additional_properties = d
        return strategy_validation

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
