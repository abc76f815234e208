from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.resend_event_data_bounce import ResendEventDataBounce


T = TypeVar("T", bound="ResendEventData")


@_attrs_define
class ResendEventData:
    """
    Attributes:
        email_id (str | Unset): The provider message id of the delivery.
        to (list[str] | Unset):
        from_ (str | Unset):
        subject (str | Unset):
        bounce (ResendEventDataBounce | Unset):
    """

    email_id: str | Unset = UNSET
    to: list[str] | Unset = UNSET
    from_: str | Unset = UNSET
    subject: str | Unset = UNSET
    bounce: ResendEventDataBounce | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email_id = self.email_id

        to: list[str] | Unset = UNSET
        if not isinstance(self.to, Unset):
            to = self.to

        from_ = self.from_

        subject = self.subject

        bounce: dict[str, Any] | Unset = UNSET
        if not isinstance(self.bounce, Unset):
            bounce = self.bounce.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if email_id is not UNSET:
            field_dict["email_id"] = email_id
        if to is not UNSET:
            field_dict["to"] = to
        if from_ is not UNSET:
            field_dict["from"] = from_
        if subject is not UNSET:
            field_dict["subject"] = subject
        if bounce is not UNSET:
            field_dict["bounce"] = bounce

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.resend_event_data_bounce import ResendEventDataBounce  # noqa: PLC0415

        d = dict(src_dict)
        email_id = d.pop("email_id", UNSET)

        to = cast(list[str], d.pop("to", UNSET))

        from_ = d.pop("from", UNSET)

        subject = d.pop("subject", UNSET)

        _bounce = d.pop("bounce", UNSET)
        bounce: ResendEventDataBounce | Unset
        if isinstance(_bounce, Unset):
            bounce = UNSET
        else:
            bounce = ResendEventDataBounce.from_dict(_bounce)

        resend_event_data = cls(
            email_id=email_id,
            to=to,
            from_=from_,
            subject=subject,
            bounce=bounce,
        )

        resend_event_data.additional_properties = d
        return resend_event_data

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
