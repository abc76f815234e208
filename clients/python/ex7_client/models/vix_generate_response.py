from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.vix_quota import VixQuota
    from ..models.vix_strategy_draft import VixStrategyDraft
    from ..models.vix_validation import VixValidation


T = TypeVar("T", bound="VixGenerateResponse")


@_attrs_define
class VixGenerateResponse:
    """
    Attributes:
        strategy (VixStrategyDraft): A strategy preview, not saved; create it through the strategies API.
        validation (VixValidation):
        explanation (str):
        quota (VixQuota):
    """

    strategy: VixStrategyDraft
    validation: VixValidation
    explanation: str
    quota: VixQuota
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        strategy = self.strategy.to_dict()

        validation = self.validation.to_dict()

        explanation = self.explanation

        quota = self.quota.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "strategy": strategy,
                "validation": validation,
                "explanation": explanation,
                "quota": quota,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.vix_quota import VixQuota  # noqa: PLC0415
        from ..models.vix_strategy_draft import VixStrategyDraft  # noqa: PLC0415
        from ..models.vix_validation import VixValidation  # noqa: PLC0415

        d = dict(src_dict)
        strategy = VixStrategyDraft.from_dict(d.pop("strategy"))

        validation = VixValidation.from_dict(d.pop("validation"))

        explanation = d.pop("explanation")

        quota = VixQuota.from_dict(d.pop("quota"))

        vix_generate_response = cls(
            strategy=strategy,
            validation=validation,
            explanation=explanation,
            quota=quota,
        )

        vix_generate_response.additional_properties = d
        return vix_generate_response

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
