"""The failures of billing, one class per code."""

from __future__ import annotations

from domain.errors import Conflict, DomainError, Forbidden, Invalid, NotFound


class CapReached(Forbidden):
    """Carries `cap`, `limit`, `usage`, the caller's `tier` and `upgrade_to`, the tier that lifts it."""

    code = "tier_cap_reached"


class BillingNotConfigured(DomainError):
    status = 503
    code = "billing_not_configured"
    title = "Billing not configured"


class StripeUnavailable(DomainError):
    status = 503
    code = "stripe_unavailable"
    title = "Stripe unavailable"


class ComplianceRequired(Conflict):
    """Carries `missing`: the documents still to accept at their current version."""

    code = "compliance_required"


class AlreadySubscribed(Conflict):
    code = "already_subscribed"


class IdempotencyKeyReused(Conflict):
    code = "idempotency_key_reused"


class NoBillingCustomer(NotFound):
    code = "no_billing_customer"


class NoActiveSubscription(Conflict):
    code = "no_active_subscription"


class NothingToResume(Conflict):
    code = "nothing_to_resume"


class UserNotFound(NotFound):
    code = "user_not_found"


class OriginNotAllowed(Invalid):
    code = "origin_not_allowed"


class InvalidComp(Invalid):
    code = "invalid_comp"


class WebhookHandlerFailed(DomainError):
    """Handling a stored Stripe event failed: 500, so that Stripe delivers it again."""

    status = 500
    code = "webhook_handler_failed"
    title = "Internal Server Error"
