from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.timeframe import Timeframe
from ..types import UNSET, Unset

T = TypeVar("T", bound="VixGenerateRequest")


@_attrs_define
class VixGenerateRequest:
    """
    Attributes:
        prompt (str): The strategy described in plain language.
        instrument (str | Unset):  Example: MNQ.
        timeframe (Timeframe | Unset):
    """

    prompt: str
    instrument: str | Unset = UNSET
    timeframe: Timeframe | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        instrument = self.instrument

        timeframe: str | Unset = UNSET
        if not isinstance(self.timeframe, Unset):
            timeframe = self.timeframe.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "prompt": prompt,
            }
        )
        if instrument is not UNSET:
            field_dict["instrument"] = instrument
        if timeframe is not UNSET:
            field_dict["timeframe"] = timeframe

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        prompt = d.pop("prompt")

        instrument = d.pop("instrument", UNSET)

        _timeframe = d.pop("timeframe", UNSET)
        timeframe: Timeframe | Unset
        if isinstance(_timeframe, Unset):
            timeframe = UNSET
        else:
            timeframe = Timeframe(_timeframe)

        vix_generate_request = cls(
            prompt=prompt,
            instrument=instrument,
            timeframe=timeframe,
        )

        return vix_generate_request
