"""Billing tag: tiers, compliance and the CFTC disclaimer, the caller's billing state, admin comps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from domain.billing import compliance
from domain.billing.entitlements import ENTITLING_STATUSES
from domain.billing.tiers import Tier
from domain.decimals import money
from ex7.auth import is_admin
from generated import models
from handlers._http import as_caller, client_ip, deps, parse, respond, user_agent
from services import billing
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
        return respond(grant)
