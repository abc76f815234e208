"""Billing tag: tiers, compliance and the CFTC disclaimer (Stripe operations come with the billing issue)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from domain.billing import compliance
from domain.billing.tiers import Tier
from domain.decimals import money
from generated import models
from handlers._http import as_caller, client_ip, deps, parse, respond, user_agent
from services import billing


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
