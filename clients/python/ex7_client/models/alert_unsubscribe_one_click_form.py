from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.alert_unsubscribe_one_click_form_list_unsubscribe import (
    AlertUnsubscribeOneClickFormListUnsubscribe,
)

T = TypeVar("T", bound="AlertUnsubscribeOneClickForm")


@_attrs_define
class AlertUnsubscribeOneClickForm:
    """RFC 8058 one-click body; the token is in the query string.

    Attributes:
        list_unsubscribe (AlertUnsubscribeOneClickFormListUnsubscribe):
    """

    list_unsubscribe: AlertUnsubscribeOneClickFormListUnsubscribe

    def to_dict(self) -> dict[str, Any]:
        list_unsubscribe = self.list_unsubscribe.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "List-Unsubscribe": list_unsubscribe,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        list_unsubscribe = AlertUnsubscribeOneClickFormListUnsubscribe(d.pop("List-Unsubscribe"))

        alert_unsubscribe_one_click_form = cls(
            list_unsubscribe=list_unsubscribe,
        )

        return alert_unsubscribe_one_click_form
