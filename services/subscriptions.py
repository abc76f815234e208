"""Paid subscriptions through Stripe: Checkout, the billing portal, cancel and resume, and Stripe's
webhook events.

Our `subscriptions` rows are a cache of Stripe's state, written only from a subscription read back
from Stripe (after cancel/resume, and for every webhook event: delivery is at least once and in any
order, so an event only says *which* subscription to read again, never what it now is). Each write
is followed by the runtime cap of the tier that results (services.entitlements).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from db import billing as billing_db
from db import compliance as compliance_db
from domain.billing import compliance
from domain.billing.compliance import DocumentId
from domain.billing.errors import (
    AlreadySubscribed,
    BillingNotConfigured,
    ComplianceRequired,
    IdempotencyKeyReused,
    NoActiveSubscription,
    NoBillingCustomer,
    NothingToResume,
    OriginNotAllowed,
)
from domain.billing.tiers import TierId
from services import entitlements
from services.stripe_gateway import StripeGateway, StripeSubscription
from services.tx import Tx

log = logging.getLogger(__name__)


def _configured(gateway: StripeGateway | None) -> StripeGateway:
    if gateway is None:
        raise BillingNotConfigured("Billing is not configured on this server (no STRIPE_SECRET_KEY).")
    return gateway


def _check_origin(url: str, allowed: Sequence[str], field: str) -> None:
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}".lower() not in {a.lower().rstrip("/") for a in allowed}:
        raise OriginNotAllowed(f"{field} must point to one of the allowed front-end origins: {', '.join(allowed)}.",
                               field=field)


@dataclass(frozen=True)
class CheckoutSession:
    session_id: str
    url: str


async def create_checkout(tx: Tx, gateway: StripeGateway | None, *, tier: TierId, success_url: str, cancel_url: str,
                          idempotency_key: str | None, email: str | None, allowed_origins: Sequence[str],
                          versions: Mapping[DocumentId, str]) -> CheckoutSession:
    """A Checkout session for `tier`, for the caller's Stripe customer (made on first use)."""
    stripe = _configured(gateway)
    _check_origin(success_url, allowed_origins, "success_url")
    _check_origin(cancel_url, allowed_origins, "cancel_url")
    user = tx.caller()
    accepted = compliance.accepted_versions(await compliance_db.list_for_caller(tx.cur))
    missing = compliance.missing_documents(accepted, versions)
    if missing:
        raise ComplianceRequired("Accept the current compliance documents before subscribing.", missing=missing)
    await billing_db.lock_billing(tx.cur, user)
    current = await entitlements.of_user(tx)
    if current.source == "stripe" and current.tier.id == tier:
        raise AlreadySubscribed(f"You already hold an active {tier} subscription.")
    request_hash = hashlib.sha256(json.dumps([tier, success_url, cancel_url]).encode()).hexdigest()
    if idempotency_key is not None:
        earlier = await billing_db.checkout_for_key(tx.cur, user, idempotency_key)
        if earlier is not None:
            if earlier["request_hash"] != request_hash:
                raise IdempotencyKeyReused("This Idempotency-Key was used with a different request.")
            return CheckoutSession(earlier["session_id"], earlier["url"])
    customer = await billing_db.customer_of(tx.cur, user)
    if customer is None:
        customer = await stripe.create_customer(user, email)
        await billing_db.add_customer(tx.cur, user, customer)
    session_id, url = await stripe.create_checkout(customer=customer, tier=tier, user_id=user,
                                                   success_url=success_url, cancel_url=cancel_url,
                                                   idempotency_key=idempotency_key)
    if idempotency_key is not None:
        await billing_db.save_checkout(tx.cur, user, idempotency_key, request_hash, session_id, url)
    return CheckoutSession(session_id, url)


async def create_portal(tx: Tx, gateway: StripeGateway | None, *, return_url: str,
                        allowed_origins: Sequence[str]) -> str:
    stripe = _configured(gateway)
    _check_origin(return_url, allowed_origins, "return_url")
    customer = await billing_db.customer_of(tx.cur, tx.caller())
    if customer is None:
        raise NoBillingCustomer("You have no billing account yet: subscribe first.")
    return await stripe.create_portal(customer, return_url)


async def cancel(tx: Tx, gateway: StripeGateway | None) -> None:
    """Cancel at period end (idempotent: an already scheduled cancellation is left as it is)."""
    stripe = _configured(gateway)
    user = tx.caller()
    await billing_db.lock_billing(tx.cur, user)
    live = [s for s in await billing_db.subscriptions_of(tx.cur, user) if s.status in ("active", "trialing")]
    if not live:
        raise NoActiveSubscription("You have no active subscription to cancel.")
    for sub in live:
        if not sub.cancel_at_period_end:
            await _store(tx, user, await stripe.set_cancel_at_period_end(sub.id, True))


async def resume(tx: Tx, gateway: StripeGateway | None) -> None:
    """Withdraw a scheduled cancellation."""
    stripe = _configured(gateway)
    user = tx.caller()
    await billing_db.lock_billing(tx.cur, user)
    scheduled = [s for s in await billing_db.subscriptions_of(tx.cur, user)
                 if s.cancel_at_period_end and s.status in ("active", "trialing", "past_due")]
    if not scheduled:
        raise NothingToResume("No subscription of yours is set to cancel at period end.")
    for sub in scheduled:
        await _store(tx, user, await stripe.set_cancel_at_period_end(sub.id, False))


async def _store(tx: Tx, user_id: str, sub: StripeSubscription) -> None:
    if sub.state is None:
        log.warning("subscription of user %s carries no price of ours; not stored", user_id)
        return
    await billing_db.upsert_subscription(tx.cur, user_id, sub.state)
    await entitlements.enforce_runtime_cap(tx, user_id)


# ---- the webhook (as ex7_worker) ------------------------------------------------------------------------

# Where each event type names the subscription to read again.
_SUBSCRIPTION_OF = {
    "checkout.session.completed": "subscription",
    "customer.subscription.created": "id",
    "customer.subscription.updated": "id",
    "customer.subscription.deleted": "id",
    "invoice.paid": "subscription",
    "invoice.payment_failed": "subscription",
}


async def record_event(tx: Tx, event: Mapping[str, Any]) -> None:
    """Store the event by id before handling it (a redelivery finds it)."""
    await billing_db.record_event(tx.cur, str(event["id"]), str(event.get("type", "")), int(event.get("created", 0)),
                                  dict(event))


async def handle_event(tx: Tx, gateway: StripeGateway | None, event: Mapping[str, Any]) -> bool:
    """Apply a stored event once; False when it had been applied already (a duplicate)."""
    stripe = _configured(gateway)
    event_id = str(event["id"])
    if await billing_db.lock_event(tx.cur, event_id):
        return False
    field = _SUBSCRIPTION_OF.get(str(event.get("type")))
    obj = (event.get("data") or {}).get("object") or {}
    subscription_id = obj.get(field) if field else None
    if isinstance(subscription_id, dict):  # expanded
        subscription_id = subscription_id.get("id")
    if subscription_id:
        sub = await stripe.subscription(str(subscription_id))
        user = await billing_db.user_of_customer(tx.cur, sub.customer) or sub.user_id
        if user is None:
            log.warning("Stripe event %s: subscription %s of an unknown customer; ignored", event_id, subscription_id)
        else:
            await _store(tx, user, sub)
    await billing_db.mark_handled(tx.cur, event_id)
    return True
