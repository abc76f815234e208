from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.problem_code import ProblemCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.graph_validation_error import GraphValidationError
    from ..models.validation_error_item import ValidationErrorItem


T = TypeVar("T", bound="Problem")


@_attrs_define
class Problem:
    """RFC 9457 problem details, with a stable machine `code` and optional extension members.

    Attributes:
        type_ (str): A URI reference identifying the problem type. Example: about:blank.
        title (str):
        status (int):
        detail (str | Unset):
        instance (str | Unset):
        code (ProblemCode | Unset): Stable machine-readable error code, one per failure; clients branch on it. Every
            code this
            server sends is listed here (operations still answering 501 document theirs in their examples):

            - `alert_subscription_not_found`: 404: no such alert subscription (or not the caller's).
            - `alerts_not_configured`: 503: this server has no provider for that channel type (email provider, Telegram bot)
            or no secret for that callback.
            - `already_subscribed`: 409: the caller already holds an active subscription to that tier (checkout).
            - `already_verified`: 409: the channel is verified already.
            - `bad_request`: A request Connexion refused for a reason without a code of its own.
            - `billing_not_configured`: 503: no Stripe key is configured here; the paid operations are off.
            - `body_too_large`: 413: the body is over the server's limit.
            - `channel_disabled`: 409: the channel is disabled (unsubscribed, bounced, gone).
            - `channel_exists`: 409: the caller has a channel of that type and destination already.
            - `channel_not_found`: 404: no such alert channel (or not the caller's).
            - `channel_not_verified`: 409: verify the channel first.
            - `channel_type_not_in_tier`: 403: the caller's tier does not include that channel type; `tier`, `channel_type`,
            `upgrade_to`.
            - `channel_type_unavailable`: 403: `sms` is reserved and not offered yet.
            - `compliance_required`: 409: accept the current compliance documents first; `missing` lists them (checkout).
            - `conflict`: 409 without a more specific code.
            - `database_unavailable`: 503: the database does not answer; retry after Retry-After.
            - `delivery_not_failed`: 409: only a dead-lettered (failed) delivery can be replayed; `current`.
            - `delivery_not_found`: 404: no such delivery (or not the caller's).
            - `destination_not_allowed`: 422: a webhook target that is not https, or is or resolves to a private, loopback,
            link-local or metadata address.
            - `draft_invalid`: 422: the language model could not produce a strategy that validates for that prompt;
            `validation_errors`.
            - `engine_state_mismatch`: A saved evaluator state belongs to another graph, instrument or timeframe.
            - `fixture_not_found`: 404: no fixture strategy with that slug.
            - `forbidden`: 403 without a more specific code.
            - `graph_invalid`: The graph does not validate (409 on promote, 422 on a backtest); `validation_errors`.
            - `idempotency_key_reused`: 409: the Idempotency-Key was used before with a different body.
            - `instrument_not_found`: 404: a path names an instrument the catalogue does not have.
            - `internal_error`: 500: a bug on our side, logged; nothing about it in the answer.
            - `invalid_bars`: The bars given to the engine are not a series (order, time zone, lengths).
            - `invalid_comp`: 422: a comp naming neither or both of user_id and email, or expiring in the past.
            - `invalid_cursor`: 422: a cursor this server did not hand out.
            - `invalid_destination`: 422: a destination that does not fit its channel type.
            - `invalid_indicator_period`: An indicator period outside its bounds.
            - `invalid_link_token`: 422: an unsubscribe or verification link token that is malformed, tampered with, expired
            or used.
            - `invalid_price`: A price that is not a positive finite decimal.
            - `invalid_range`: 422: `from` is not before `to`.
            - `invalid_side`: A side other than long or short.
            - `invalid_signature`: 400: a webhook's signature (Stripe-Signature, Resend's svix-signature) is missing, does
            not match the raw body, or is more than 300 s old.
            - `invalid_size`: A size that is not a whole number of contracts, at least 1.
            - `invalid_template`: 422: a webhook body template that is not JSON or names an unknown placeholder.
            - `invalid_token`: 401: no bearer token, or one that is invalid, expired or for another audience.
            - `invalid_transition`: 409: no such lifecycle move from the current status; `current_status`, `allowed`.
            - `invalid_verification_code`: 422: a wrong or expired verification code.
            - `invalid_webhook_secret`: 401: the Telegram webhook's shared secret is missing or does not match.
            - `live_mode_disabled_v1`: 403: live mode is not available in v1 (start).
            - `live_validation_failed`: 409: ready -> live with failed live-promotion checks; `failures`.
            - `malformed_body`: 400: the body cannot be read (not JSON, not UTF-8, NUL, too deep, missing).
            - `method_not_allowed`: 405, with the allowed methods in `Allow`.
            - `name_taken`: 409: the caller already has a strategy of that name.
            - `no_active_subscription`: 409: nothing to cancel (no active or trialing subscription).
            - `no_billing_customer`: 404: the caller has no Stripe customer yet (never checked out).
            - `no_market_data`: 422: no stored bars where some were needed.
            - `non_finite_number`: A graph holding NaN or Infinity.
            - `not_acceptable`: 406: no representation matches the Accept header.
            - `not_found`: 404 without a more specific code (an unknown route).
            - `not_implemented`: 501: described here, not implemented yet.
            - `nothing_to_resume`: 409: no subscription is set to cancel at period end.
            - `origin_not_allowed`: 422: a success, cancel or return URL outside the allowed front-end origins.
            - `outdated_version`: 409: not the current version of the document; `current_version`.
            - `paper_only`: 403: only paper signals can be closed by hand.
            - `price_off_tick`: A price off the instrument's tick grid.
            - `price_stale`: 409: a close without `close_price` while the newest bar is too old to be the market's price.
            - `prompt_not_understood`: 422: Vix's parser did not understand part of the prompt; `unrecognized` lists the
            words.
            - `quota_exceeded`: 429: the month's Vix generations are used up; `quota`, and Retry-After until the period
            resets.
            - `rate_limited`: 429: too many requests; retry after Retry-After.
            - `request_timeout`: 408: the request body arrived too slowly.
            - `rollback_to_current`: 409: that version is the current one already.
            - `runtime_active`: 409: stop the strategy's runtime first.
            - `runtime_already_active`: 409: the runtime is already running or draining; `current`.
            - `runtime_not_found`: 404: the caller has no runtime for this strategy and mode.
            - `service_unavailable`: 503 without a more specific code.
            - `signal_not_found`: 404: no such signal (or not the caller's).
            - `signal_not_open`: 409: the signal is closed or cancelled already; `current`.
            - `strategy_not_found`: 404: no such strategy (or not the caller's).
            - `strategy_not_startable`: 409: only ready, live or paused strategies can start.
            - `stripe_unavailable`: 503: Stripe could not be reached; nothing was recorded.
            - `subscription_exists`: 409: that strategy (or all) is already subscribed to that channel.
            - `tier_cap_reached`: 403: the caller's tier does not allow one more; `cap`, `limit`, `usage`, `tier` and
            `upgrade_to` (the tier that lifts it).
            - `too_many_streams`: 429: the caller has as many event streams open as allowed; retry after Retry-After.
            - `too_many_verification_attempts`: 429: five wrong codes in a row; retry after Retry-After, or resend.
            - `unknown_document`: 422: not a compliance document this service requires.
            - `unknown_instrument`: 422: not an instrument of the catalogue.
            - `unknown_timeframe`: 422: not a timeframe of the catalogue.
            - `unsupported_format`: 422: an import whose `format` is not `ex7.strategy/v1`.
            - `unsupported_media_type`: 415: a Content-Type the operation does not take.
            - `user_not_found`: 404: no user has that id or email (admin comp).
            - `validation_failed`: 422: the request breaks the contract; `errors` lists where.
            - `verification_cooldown`: 429: a verification was sent less than a minute ago; retry after Retry-After.
            - `version_mismatch`: 412: If-Match or expected_version no longer describes the object.
            - `version_not_found`: 404: the strategy has no such version.
            - `vix_unavailable`: 503: the language-model provider could not be reached or answered an error.
            - `webhook_handler_failed`: 500: a Stripe event was stored but could not be applied; Stripe retries it.
        errors (list[ValidationErrorItem] | Unset): Each validation failure and where it is, at most 100. When there
            were more, the list holds the first 100, `errors_total` says how many there were and `errors_truncated` is true.
        errors_total (int | Unset): How many failures there were in all, before `errors` was cut to 100. Optional: when
            it is absent, `errors` is the complete list.
        errors_truncated (bool | Unset): True when `errors` was cut to its first 100 entries (then `errors_total` is
            larger than 100). Optional: absent or false, `errors` is the complete list.
        validation_errors (list[GraphValidationError] | Unset): With code `graph_invalid`: the graph's validation
            issues, at most 200 (the first ones, as in StrategyValidation); `validation_errors_total` and
            `validation_errors_truncated` say when the list was cut.
        validation_errors_total (int | Unset): How many graph issues there were in all.
        validation_errors_truncated (bool | Unset): True when `validation_errors` was cut to 200.
    """

    type_: str
    title: str
    status: int
    detail: str | Unset = UNSET
    instance: str | Unset = UNSET
    code: ProblemCode | Unset = UNSET
    errors: list[ValidationErrorItem] | Unset = UNSET
    errors_total: int | Unset = UNSET
    errors_truncated: bool | Unset = UNSET
    validation_errors: list[GraphValidationError] | Unset = UNSET
    validation_errors_total: int | Unset = UNSET
    validation_errors_truncated: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        title = self.title

        status = self.status

        detail = self.detail

        instance = self.instance

        code: str | Unset = UNSET
        if not isinstance(self.code, Unset):
            code = self.code.value

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        errors_total = self.errors_total

        errors_truncated = self.errors_truncated

        validation_errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.validation_errors, Unset):
            validation_errors = []
            for validation_errors_item_data in self.validation_errors:
                validation_errors_item = validation_errors_item_data.to_dict()
                validation_errors.append(validation_errors_item)

        validation_errors_total = self.validation_errors_total

        validation_errors_truncated = self.validation_errors_truncated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "title": title,
                "status": status,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail
        if instance is not UNSET:
            field_dict["instance"] = instance
        if code is not UNSET:
            field_dict["code"] = code
        if errors is not UNSET:
            field_dict["errors"] = errors
        if errors_total is not UNSET:
            field_dict["errors_total"] = errors_total
        if errors_truncated is not UNSET:
            field_dict["errors_truncated"] = errors_truncated
        if validation_errors is not UNSET:
            field_dict["validation_errors"] = validation_errors
        if validation_errors_total is not UNSET:
            field_dict["validation_errors_total"] = validation_errors_total
        if validation_errors_truncated is not UNSET:
            field_dict["validation_errors_truncated"] = validation_errors_truncated

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.graph_validation_error import GraphValidationError  # noqa: PLC0415
        from ..models.validation_error_item import ValidationErrorItem  # noqa: PLC0415

        d = dict(src_dict)
        type_ = d.pop("type")

        title = d.pop("title")

        status = d.pop("status")

        detail = d.pop("detail", UNSET)

        instance = d.pop("instance", UNSET)

        _code = d.pop("code", UNSET)
        code: ProblemCode | Unset
        if isinstance(_code, Unset):
            code = UNSET
        else:
            code = ProblemCode(_code)

        _errors = d.pop("errors", UNSET)
        errors: list[ValidationErrorItem] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = ValidationErrorItem.from_dict(errors_item_data)

                errors.append(errors_item)

        errors_total = d.pop("errors_total", UNSET)

        errors_truncated = d.pop("errors_truncated", UNSET)

        _validation_errors = d.pop("validation_errors", UNSET)
        validation_errors: list[GraphValidationError] | Unset = UNSET
        if _validation_errors is not UNSET:
            validation_errors = []
            for validation_errors_item_data in _validation_errors:
                validation_errors_item = GraphValidationError.from_dict(validation_errors_item_data)

                validation_errors.append(validation_errors_item)

        validation_errors_total = d.pop("validation_errors_total", UNSET)

        validation_errors_truncated = d.pop("validation_errors_truncated", UNSET)

        problem = cls(
            type_=type_,
            title=title,
            status=status,
            detail=detail,
            instance=instance,
            code=code,
            errors=errors,
            errors_total=errors_total,
            errors_truncated=errors_truncated,
            validation_errors=validation_errors,
            validation_errors_total=validation_errors_total,
            validation_errors_truncated=validation_errors_truncated,
        )

        problem.additional_properties = d
        return problem

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
