"""Billing tag: tiers, compliance and the CFTC disclaimer (Stripe operations come with the billing issue)."""

from __future__ import annotations

from typing import Any

from db import compliance as compliance_db
from domain.billing import compliance
from domain.decimals import money
from generated import models
from handlers._http import as_caller, client_ip, parse, respond, services, user_agent


async def get_disclaimer() -> Any:
    docs = compliance.required_documents(services().document_versions)
    body = models.Disclaimer(
        rule=compliance.CFTC_RULE,
        text=compliance.CFTC_4_41_TEXT,
        documents=[models.RequiredDocument(document=d.document, version=d.version, title=d.title) for d in docs],
    )
    return respond(body, 200)


async def get_compliance_status(token_info: dict[str, Any]) -> Any:
    versions = services().document_versions
    async with as_caller(token_info) as cur:
        rows = await compliance_db.list_for_caller(cur)
    accepted = compliance.accepted_versions(rows)
    latest = {row["document"]: row for row in rows}  # oldest first: the last per document is the latest
    documents = []
    for doc in compliance.required_documents(versions):
        current = doc.version in accepted.get(doc.document, set())
        shown = next((r for r in rows if r["document"] == doc.document and r["version"] == doc.version), None) \
            if current else latest.get(doc.document)
        documents.append(models.Document(
            document=doc.document, title=doc.title, required_version=doc.version,
            accepted_version=shown["version"] if shown else None,
            accepted_at=shown["accepted_at"] if shown else None,
            current=current,
        ))
    body = models.ComplianceStatus(all_accepted=compliance.all_current(accepted, versions), documents=documents)
    return respond(body, 200)


async def accept_compliance(body: dict[str, Any], user: str, token_info: dict[str, Any]) -> Any:
    request = parse(models.ComplianceAcceptRequest, body)
    document = request.document
    compliance.check_acceptable(document, request.version, services().document_versions)
    async with as_caller(token_info) as cur:
        row, created = await compliance_db.accept(cur, user, document, request.version, client_ip(), user_agent())
        return respond(models.ComplianceAcceptance(**row), 201 if created else 200)


async def list_tiers() -> Any:
    items = [
        models.Tier(
            id=t.id, name=t.name, description=t.description, price_monthly=money(t.price_monthly),
            currency=t.currency,
            features=models.TierFeatures(
                max_strategies=t.max_strategies, max_running_runtimes=t.max_running_runtimes,
                vix_generations_per_month=t.vix_generations_per_month,
                alert_channels=list(t.alert_channels),  # type: ignore[arg-type]
            ),
        )
        for t in services().tiers
    ]
    return respond(models.TierList(items=items), 200)
