from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.loop_state_status import LoopStateStatus

T = TypeVar("T", bound="LoopState")


@_attrs_define
class LoopState:
    """
    Attributes:
        name (str):  Example: feed-synthetic.
        status (LoopStateStatus): `backoff`: it crashed and is restarted after a delay that doubles up to a minute.
            `finished`: a loop with an end (a replay of a file) reached it.
        restarts (int): Crashes since the process started.
        last_error (None | str): The last crash's exception.
        last_crash_at (datetime.datetime | None):
    """

    name: str
    status: LoopStateStatus
    restarts: int
    last_error: None | str
    last_crash_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        status = self.status.value

        restarts = self.restarts

        last_error: None | str
        last_error = self.last_error

        last_crash_at: None | str
        if isinstance(self.last_crash_at, datetime.datetime):
            last_crash_at = self.last_crash_at.isoformat()
        else:
            last_crash_at = self.last_crash_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "status": status,
                "restarts": restarts,
                "last_error": last_error,
                "last_crash_at": last_crash_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        status = LoopStateStatus(d.pop("status"))

        restarts = d.pop("restarts")

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        def _parse_last_crash_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_crash_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_crash_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_crash_at = _parse_last_crash_at(d.pop("last_crash_at"))

        loop_state = cls(
            name=name,
            status=status,
            restarts=restarts,
            last_error=last_error,
            last_crash_at=last_crash_at,
        )

        loop_state.additional_properties = d
        return loop_state

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
