from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TwilioCallback")


@_attrs_define
class TwilioCallback:
    """Twilio's form fields (status callbacks and incoming messages). Only MessageSid, MessageStatus,
    From and Body are read. The other fields Twilio documents are listed so that strict request
    validation does not reject them; further fields are allowed by the schema.

        Attributes:
            message_sid (str | Unset):
            message_status (str | Unset):
            from_ (str | Unset):
            body (str | Unset):
            error_message (str | Unset):
            account_sid (str | Unset):
            messaging_service_sid (str | Unset):
            sms_sid (str | Unset):
            sms_message_sid (str | Unset):
            sms_status (str | Unset):
            to (str | Unset):
            api_version (str | Unset):
            error_code (str | Unset):
            num_media (str | Unset):
            num_segments (str | Unset):
            opt_out_type (str | Unset):
            from_city (str | Unset):
            from_state (str | Unset):
            from_zip (str | Unset):
            from_country (str | Unset):
            to_city (str | Unset):
            to_state (str | Unset):
            to_zip (str | Unset):
            to_country (str | Unset):
            raw_dlr_done_date (str | Unset):
    """

    message_sid: str | Unset = UNSET
    message_status: str | Unset = UNSET
    from_: str | Unset = UNSET
    body: str | Unset = UNSET
    error_message: str | Unset = UNSET
    account_sid: str | Unset = UNSET
    messaging_service_sid: str | Unset = UNSET
    sms_sid: str | Unset = UNSET
    sms_message_sid: str | Unset = UNSET
    sms_status: str | Unset = UNSET
    to: str | Unset = UNSET
    api_version: str | Unset = UNSET
    error_code: str | Unset = UNSET
    num_media: str | Unset = UNSET
    num_segments: str | Unset = UNSET
    opt_out_type: str | Unset = UNSET
    from_city: str | Unset = UNSET
    from_state: str | Unset = UNSET
    from_zip: str | Unset = UNSET
    from_country: str | Unset = UNSET
    to_city: str | Unset = UNSET
    to_state: str | Unset = UNSET
    to_zip: str | Unset = UNSET
    to_country: str | Unset = UNSET
    raw_dlr_done_date: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message_sid = self.message_sid

        message_status = self.message_status

        from_ = self.from_

        body = self.body

        error_message = self.error_message

        account_sid = self.account_sid

        messaging_service_sid = self.messaging_service_sid

        sms_sid = self.sms_sid

        sms_message_sid = self.sms_message_sid

        sms_status = self.sms_status

        to = self.to

        api_version = self.api_version

        error_code = self.error_code

        num_media = self.num_media

        num_segments = self.num_segments

        opt_out_type = self.opt_out_type

        from_city = self.from_city

        from_state = self.from_state

        from_zip = self.from_zip

        from_country = self.from_country

        to_city = self.to_city

        to_state = self.to_state

        to_zip = self.to_zip

        to_country = self.to_country

        raw_dlr_done_date = self.raw_dlr_done_date

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if message_sid is not UNSET:
            field_dict["MessageSid"] = message_sid
        if message_status is not UNSET:
            field_dict["MessageStatus"] = message_status
        if from_ is not UNSET:
            field_dict["From"] = from_
        if body is not UNSET:
            field_dict["Body"] = body
        if error_message is not UNSET:
            field_dict["ErrorMessage"] = error_message
        if account_sid is not UNSET:
            field_dict["AccountSid"] = account_sid
        if messaging_service_sid is not UNSET:
            field_dict["MessagingServiceSid"] = messaging_service_sid
        if sms_sid is not UNSET:
            field_dict["SmsSid"] = sms_sid
        if sms_message_sid is not UNSET:
            field_dict["SmsMessageSid"] = sms_message_sid
        if sms_status is not UNSET:
            field_dict["SmsStatus"] = sms_status
        if to is not UNSET:
            field_dict["To"] = to
        if api_version is not UNSET:
            field_dict["ApiVersion"] = api_version
        if error_code is not UNSET:
            field_dict["ErrorCode"] = error_code
        if num_media is not UNSET:
            field_dict["NumMedia"] = num_media
        if num_segments is not UNSET:
            field_dict["NumSegments"] = num_segments
        if opt_out_type is not UNSET:
            field_dict["OptOutType"] = opt_out_type
        if from_city is not UNSET:
            field_dict["FromCity"] = from_city
        if from_state is not UNSET:
            field_dict["FromState"] = from_state
        if from_zip is not UNSET:
            field_dict["FromZip"] = from_zip
        if from_country is not UNSET:
            field_dict["FromCountry"] = from_country
        if to_city is not UNSET:
            field_dict["ToCity"] = to_city
        if to_state is not UNSET:
            field_dict["ToState"] = to_state
        if to_zip is not UNSET:
            field_dict["ToZip"] = to_zip
        if to_country is not UNSET:
            field_dict["ToCountry"] = to_country
        if raw_dlr_done_date is not UNSET:
            field_dict["RawDlrDoneDate"] = raw_dlr_done_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message_sid = d.pop("MessageSid", UNSET)

        message_status = d.pop("MessageStatus", UNSET)

        from_ = d.pop("From", UNSET)

        body = d.pop("Body", UNSET)

        error_message = d.pop("ErrorMessage", UNSET)

        account_sid = d.pop("AccountSid", UNSET)

        messaging_service_sid = d.pop("MessagingServiceSid", UNSET)

        sms_sid = d.pop("SmsSid", UNSET)

        sms_message_sid = d.pop("SmsMessageSid", UNSET)

        sms_status = d.pop("SmsStatus", UNSET)

        to = d.pop("To", UNSET)

        api_version = d.pop("ApiVersion", UNSET)

        error_code = d.pop("ErrorCode", UNSET)

        num_media = d.pop("NumMedia", UNSET)

        num_segments = d.pop("NumSegments", UNSET)

        opt_out_type = d.pop("OptOutType", UNSET)

        from_city = d.pop("FromCity", UNSET)

        from_state = d.pop("FromState", UNSET)

        from_zip = d.pop("FromZip", UNSET)

        from_country = d.pop("FromCountry", UNSET)

        to_city = d.pop("ToCity", UNSET)

        to_state = d.pop("ToState", UNSET)

        to_zip = d.pop("ToZip", UNSET)

        to_country = d.pop("ToCountry", UNSET)

        raw_dlr_done_date = d.pop("RawDlrDoneDate", UNSET)

        twilio_callback = cls(
            message_sid=message_sid,
            message_status=message_status,
            from_=from_,
            body=body,
            error_message=error_message,
            account_sid=account_sid,
            messaging_service_sid=messaging_service_sid,
            sms_sid=sms_sid,
            sms_message_sid=sms_message_sid,
            sms_status=sms_status,
            to=to,
            api_version=api_version,
            error_code=error_code,
            num_media=num_media,
            num_segments=num_segments,
            opt_out_type=opt_out_type,
            from_city=from_city,
            from_state=from_state,
            from_zip=from_zip,
            from_country=from_country,
            to_city=to_city,
            to_state=to_state,
            to_zip=to_zip,
            to_country=to_country,
            raw_dlr_done_date=raw_dlr_done_date,
        )

        twilio_callback.additional_properties = d
        return twilio_callback

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
