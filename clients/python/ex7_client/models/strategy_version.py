from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.strategy_graph import StrategyGraph
    from ..models.strategy_validation import StrategyValidation


T = TypeVar("T", bound="StrategyVersion")


@_attrs_define
class StrategyVersion:
    """
    Attributes:
        version (int):
        content_hash (str): SHA-256 (hex) of the version's graph.
        note (None | str):
        created_at (datetime.datetime):
        valid (bool): Whether the graph passed validation when this version was saved.
        graph (StrategyGraph): A strategy graph as stored in a version.
        validation (StrategyValidation): The result of validating a graph (with the strategy's instrument and
            timeframe). `valid` is true exactly when `errors` is empty.
    """

    version: int
    content_hash: str
    note: None | str
    created_at: datetime.datetime
    valid: bool
    graph: StrategyGraph
    validation: StrategyValidation
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        version = self.version

        content_hash = self.content_hash

        note: None | str
        note = self.note

        created_at = self.created_at.isoformat()

        valid = self.valid

        graph = self.graph.to_dict()

        validation = self.validation.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "version": version,
                "content_hash": content_hash,
                "note": note,
                "created_at": created_at,
                "valid": valid,
                "graph": graph,
                "validation": validation,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.strategy_graph import StrategyGraph  # noqa: PLC0415
        from ..models.strategy_validation import StrategyValidation  # noqa: PLC0415

        d = dict(src_dict)
        version = d.pop("version")

        content_hash = d.pop("content_hash")

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        valid = d.pop("valid")

        graph = StrategyGraph.from_dict(d.pop("graph"))

        validation = StrategyValidation.from_dict(d.pop("validation"))

        strategy_version = cls(
            version=version,
            content_hash=content_hash,
            note=note,
            created_at=created_at,
            valid=valid,
            graph=graph,
            validation=validation,
        )

        strategy_version.additional_properties = d
        return strategy_version

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
