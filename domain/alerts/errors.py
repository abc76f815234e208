"""The failures of alerts, one class per code."""

from __future__ import annotations

from domain.errors import Conflict, DomainError, Forbidden, Invalid, NotFound, TooMany


class ChannelNotFound(NotFound):
    code = "channel_not_found"


class SubscriptionNotFound(NotFound):
    code = "alert_subscription_not_found"


class DeliveryNotFound(NotFound):
    code = "delivery_not_found"


class ChannelTypeUnavailable(Forbidden):
    """`sms`: in the contract, not offered yet."""

    code = "channel_type_unavailable"


class ChannelTypeNotInTier(Forbidden):
    """Carries the caller's `tier`, the `channel_type` and `upgrade_to`, the tier that includes it."""

    code = "channel_type_not_in_tier"


class ChannelExists(Conflict):
    code = "channel_exists"


class InvalidDestination(Invalid):
    """A destination that does not fit its channel type (not an email address, not a URL, ...)."""

    code = "invalid_destination"


class DestinationNotAllowed(Invalid):
    """A webhook target that is, or resolves to, a private, loopback, link-local or metadata address
    (outside the configured allow-list), or that is not https."""

    code = "destination_not_allowed"


class InvalidTemplate(Invalid):
    """A webhook body template that does not render to JSON, or names an unknown placeholder."""

    code = "invalid_template"


class AlreadyVerified(Conflict):
    code = "already_verified"


class InvalidVerificationCode(Invalid):
    code = "invalid_verification_code"


class TooManyVerificationAttempts(TooMany):
    code = "too_many_verification_attempts"


class VerificationCooldown(TooMany):
    code = "verification_cooldown"


class ChannelNotVerified(Conflict):
    code = "channel_not_verified"


class ChannelDisabled(Conflict):
    code = "channel_disabled"


class SubscriptionExists(Conflict):
    code = "subscription_exists"


class InvalidLinkToken(Invalid):
    """An unsubscribe or verification link token that is malformed, tampered with, expired or used."""

    code = "invalid_link_token"


class InvalidWebhookSecret(DomainError):
    status = 401
    code = "invalid_webhook_secret"
    title = "Unauthorized"


class DeliveryNotFailed(Conflict):
    """Only a dead-lettered (failed) delivery can be replayed; carries `current` (its status)."""

    code = "delivery_not_failed"


class AlertsNotConfigured(DomainError):
    """No provider for that channel type is configured on this server (no email provider, no bot)."""

    status = 503
    code = "alerts_not_configured"
    title = "Alerts not configured"
