from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.telegram_update_message import TelegramUpdateMessage


T = TypeVar("T", bound="TelegramUpdate")


@_attrs_define
class TelegramUpdate:
    """A Telegram Update, accepted as sent; only `message.text` and `message.chat.id` are read.

    Attributes:
        update_id (int):
        message (TelegramUpdateMessage | Unset):
    """

    update_id: int
    message: TelegramUpdateMessage | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        update_id = self.update_id

        message: dict[str, Any] | Unset = UNSET
        if not isinstance(self.message, Unset):
            message = self.message.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "update_id": update_id,
            }
        )
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.telegram_update_message import TelegramUpdateMessage  # noqa: PLC0415

        d = dict(src_dict)
        update_id = d.pop("update_id")

        _message = d.pop("message", UNSET)
        message: TelegramUpdateMessage | Unset
        if isinstance(_message, Unset):
            message = UNSET
        else:
            message = TelegramUpdateMessage.from_dict(_message)

        telegram_update = cls(
            update_id=update_id,
            message=message,
        )

        telegram_update.additional_properties = d
        return telegram_update

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
