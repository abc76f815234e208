"""Billing tag: tiers, compliance and the CFTC disclaimer, the caller's billing state, admin comps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from connexion import request

from domain.billing import compliance
from domain.billing.entitlements import ENTITLING_STATUSES
from domain.billing.errors import WebhookHandlerFailed
from domain.billing.tiers import Tier
from domain.decimals import money
from ex7.auth import is_admin
from ex7.problems import RequestValidationProblem
from generated import models
from handlers._http import as_caller, as_system, client_ip, deps, parse, respond, user_agent
from services import billing, entitlements, subscriptions
from services.billing import BillingState


async def get_disclaimer() -> Any:
    docs = compliance.required_documents(deps().document_versions)
    return respond({
        "rule": compliance.CFTC_RULE, "text": compliance.CFTC_4_41_TEXT,
        "documents": [{"document": d.document, "version": d.version, "title": d.title} for d in docs],
    })


async def get_compliance_status(token_info: dict[str, Any]) -> Any:
    async with as_caller(token_info) as tx:
        status = await billing.get_compliance_status(tx, deps().document_versions)
    return respond({"all_accepted": status.all_accepted, "documents": [asdict(d) for d in status.documents]})


async def accept_compliance(body: dict[str, Any], token_info: dict[str, Any]) -> Any:
    req = parse(models.ComplianceAcceptRequest, body)
    async with as_caller(token_info) as tx:
        row, created = await billing.accept_compliance(tx, req.document, req.version, deps().document_versions,
                                                       ip=client_ip(), user_agent=user_agent())
        return respond(row, 201 if created else 200)


async def list_tiers() -> Any:
    return respond(tiers_document(deps().tiers))


def tiers_document(tiers: Sequence[Tier]) -> dict[str, Any]:
    """The contract's TierList."""
    return {"items": [
        {"id": t.id, "name": t.name, "description": t.description, "price_monthly": money(t.price_monthly),
         "currency": t.currency,
         "features": {"max_strategies": t.max_strategies, "max_running_runtimes": t.max_running_runtimes,
                      "vix_generations_per_month": t.vix_generations_per_month,
                      "max_alert_channels": t.max_alert_channels,
                      "alert_channels": list(t.alert_channels)}}
        for t in tiers
    ]}


async def get_billing_me(token_info: dict[str, Any]) -> Any:
    async with as_caller(token_info) as tx:
        state = await billing.get_billing_me(tx, deps().document_versions)
    return respond(billing_me_document(state))


def billing_me_document(state: BillingState) -> dict[str, Any]:
    """The contract's BillingMe."""
    e = state.entitlement
    sub, comp = e.subscription, e.comp
    if e.source == "comp" and (sub is None or sub.status not in ENTITLING_STATUSES):
        status = "comped"
    elif sub is not None:
        status = sub.status if sub.status in _STATUSES else "canceled"
    else:
        status = "none"
    return {
        "tier": e.tier.id, "source": e.source, "status": status,
        "cancel_at_period_end": bool(sub and sub.cancel_at_period_end),
        "current_period_end": sub.current_period_end if sub else None,
        "comp": None if comp is None else {"tier": comp.tier, "expires_at": comp.expires_at, "reason": comp.reason},
        "entitlements": tiers_document([e.tier])["items"][0]["features"], "usage": state.usage,
        "compliance_accepted": state.compliance_accepted,
    }


# The contract's BillingStatus; Stripe's unpaid, paused and incomplete_expired show as canceled (no tier).
_STATUSES = {"none", "trialing", "active", "past_due", "canceled", "incomplete", "comped"}


async def grant_comp(body: dict[str, Any], token_info: dict[str, Any]) -> Any:
    req = parse(models.CompRequest, body)
    async with as_caller(token_info) as tx:
        grant = await billing.grant_comp(
            tx, admin=is_admin(token_info), user_id=None if req.user_id is None else str(req.user_id),
            email=req.email, tier=req.tier, expires_at=req.expires_at, reason=req.reason)
    # A comp replacing a higher one lowers the tier: the user's runtimes above its cap stop. The admin's
    # transaction cannot see them (RLS), so this runs for no caller, once the grant is committed.
    async with as_system() as tx:
        await entitlements.enforce_runtime_cap(tx, grant["user_id"])
    return respond(grant)


# ---- Stripe: checkout, portal, cancel, resume, the webhook ---------------------------------------------


async def create_checkout_session(body: dict[str, Any], token_info: dict[str, Any]) -> Any:
    req = parse(models.CheckoutRequest, body)
    d = deps()
    async with as_caller(token_info) as tx:
        session = await subscriptions.create_checkout(
            tx, d.stripe, tier=req.tier, success_url=str(req.success_url), cancel_url=str(req.cancel_url),
            idempotency_key=request.headers.get("idempotency-key"), email=token_info.get("email"),
            allowed_origins=d.allowed_origins, versions=d.document_versions)
        return respond({"url": session.url, "session_id": session.session_id})


async def create_portal_session(body: dict[str, Any], token_info: dict[str, Any]) -> Any:
    req = parse(models.PortalRequest, body)
    d = deps()
    async with as_caller(token_info) as tx:
        url = await subscriptions.create_portal(tx, d.stripe, return_url=str(req.return_url),
                                                allowed_origins=d.allowed_origins)
        return respond({"url": url})


async def cancel_subscription(token_info: dict[str, Any]) -> Any:
    async with as_caller(token_info) as tx:
        await subscriptions.cancel(tx, deps().stripe)
        return respond(billing_me_document(await billing.get_billing_me(tx, deps().document_versions)))


async def resume_subscription(token_info: dict[str, Any]) -> Any:
    async with as_caller(token_info) as tx:
        await subscriptions.resume(tx, deps().stripe)
        return respond(billing_me_document(await billing.get_billing_me(tx, deps().document_versions)))


async def handle_stripe_webhook(body: dict[str, Any]) -> Any:
    """The signature was checked on the raw body already (ex7.middleware.StripeSignature)."""
    if not isinstance(body.get("id"), str) or not isinstance(body.get("created", 0), int):
        raise RequestValidationProblem([{"loc": ["body", "id"], "type": "required",
                                         "msg": "A Stripe event has a string id and an integer created time."}])
    async with as_system() as tx:
        await subscriptions.record_event(tx, body)
    try:
        async with as_system() as tx:
            applied = await subscriptions.handle_event(tx, deps().stripe, body)
    except Exception as exc:  # stored, not handled: Stripe's retry handles it
        raise WebhookHandlerFailed("The event could not be applied; it will be retried.") from exc
    return respond({"received": True, "duplicate": not applied})
