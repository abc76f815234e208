from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.alert_channel_type import AlertChannelType
from ..types import UNSET, Unset

T = TypeVar("T", bound="AlertChannelCreateRequest")


@_attrs_define
class AlertChannelCreateRequest:
    """
    Attributes:
        type_ (AlertChannelType):
        destination (str): An email address (email), a Telegram chat handle (telegram) or an https URL (webhook).
        template (None | str | Unset): Webhook channels only: the JSON body to send instead of the standard envelope,
            for a receiver
            that expects its own shape (a broker bridge). Valid JSON whose strings may hold placeholders:
            `{{instrument}}`, `{{side}}`, `{{action}}` (buy or sell), `{{size}}`, `{{entry_price}}`,
            `{{stop_price}}`, `{{target_price}}`, `{{close_price}}`, `{{close_reason}}`, `{{net_pnl}}`,
            `{{timeframe}}`, `{{mode}}`, `{{status}}`, `{{event}}`, `{{strategy_id}}`, `{{strategy_name}}`,
            `{{signal_id}}`, `{{runtime_id}}`, `{{fired_at}}`, `{{bar_ts}}`, `{{closed_at}}`, `{{error}}`,
            `{{reason}}`, `{{delivery_id}}`, `{{created_at}}`. A string that is exactly one placeholder
            takes the value's own JSON type; inside longer text it is substituted as text. So the body is
            always valid JSON and a value can never change its structure. An unknown placeholder or a
            template that is not JSON is a 422 with code `invalid_template`.
    """

    type_: AlertChannelType
    destination: str
    template: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        destination = self.destination

        template: None | str | Unset
        if isinstance(self.template, Unset):
            template = UNSET
        else:
            template = self.template

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "destination": destination,
            }
        )
        if template is not UNSET:
            field_dict["template"] = template

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = AlertChannelType(d.pop("type"))

        destination = d.pop("destination")

        def _parse_template(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        template = _parse_template(d.pop("template", UNSET))

        alert_channel_create_request = cls(
            type_=type_,
            destination=destination,
            template=template,
        )

        return alert_channel_create_request
