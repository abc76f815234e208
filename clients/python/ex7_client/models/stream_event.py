from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stream_event_event import StreamEventEvent
from ..types import UNSET, Unset

T = TypeVar("T", bound="StreamEvent")


@_attrs_define
class StreamEvent:
    """One event of the signal stream, as an SSE client parses it (the stream itself is a WHATWG Server-Sent Events stream
    of these, with `retry:` and comment lines besides). `data` is one line of JSON - for `signal` and `signal_closed` a
    Signal; for `compliance` `{rule, text}`, the CFTC Rule 4.41 disclaimer; for `reset` `{reason, detail, resume_from}`;
    for `token_expired` `{detail}`.

        Attributes:
            event (StreamEventEvent):
            data (str): JSON text (see above).
            id (str | Unset): The event id (for `reset`, the position the stream carries on from); a client sends the last
                one it received as Last-Event-ID when it reconnects. SSE clients keep the last id for events without one.
            retry (int | Unset): The reconnect delay in milliseconds.
    """

    event: StreamEventEvent
    data: str
    id: str | Unset = UNSET
    retry: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event = self.event.value

        data = self.data

        id = self.id

        retry = self.retry

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event": event,
                "data": data,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if retry is not UNSET:
            field_dict["retry"] = retry

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event = StreamEventEvent(d.pop("event"))

        data = d.pop("data")

        id = d.pop("id", UNSET)

        retry = d.pop("retry", UNSET)

        stream_event = cls(
            event=event,
            data=data,
            id=id,
            retry=retry,
        )

        stream_event.additional_properties = d
        return stream_event

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
