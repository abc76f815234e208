"""Billing: compliance documents (acceptances), the caller's billing state and admin comps; tiers and the
disclaimer are configuration and domain text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from db import alerts as alerts_db
from db import billing as billing_db
from db import compliance as compliance_db
from domain.billing import compliance
from domain.billing.compliance import DocumentId
from domain.billing.entitlements import Entitlement
from domain.billing.errors import InvalidComp, UserNotFound
from domain.errors import Forbidden
from services import entitlements, vix
from services.tx import Tx


@dataclass(frozen=True)
class DocumentStatus:
    document: DocumentId
    title: str
    required_version: str
    accepted_version: str | None
    accepted_at: datetime | None
    current: bool


@dataclass(frozen=True)
class ComplianceStatus:
    all_accepted: bool
    documents: list[DocumentStatus]


async def get_compliance_status(tx: Tx, versions: Mapping[DocumentId, str]) -> ComplianceStatus:
    """Per required document: the current acceptance if there is one, else the latest acceptance."""
    rows = await compliance_db.list_for_caller(tx.cur)
    accepted = compliance.accepted_versions(rows)
    latest = {row["document"]: row for row in rows}  # oldest first: the last per document is the latest
    documents = []
    for doc in compliance.required_documents(versions):
        current = doc.version in accepted.get(doc.document, set())
        shown = next((r for r in rows if r["document"] == doc.document and r["version"] == doc.version), None) \
            if current else latest.get(doc.document)
        documents.append(DocumentStatus(
            document=doc.document, title=doc.title, required_version=doc.version,
            accepted_version=shown["version"] if shown else None, accepted_at=shown["accepted_at"] if shown else None,
            current=current,
        ))
    return ComplianceStatus(compliance.all_current(accepted, versions), documents)


async def accept_compliance(tx: Tx, document: DocumentId, version: str, versions: Mapping[DocumentId, str], *,
                            ip: str | None, user_agent: str | None) -> tuple[dict[str, Any], bool]:
    """Record the acceptance of the current `version` of `document`; (row, created). Accepting again
    changes nothing and returns the first acceptance."""
    compliance.check_acceptable(document, version, versions)
    return await compliance_db.accept(tx.cur, tx.caller(), document, version, ip, user_agent)


# ---- the caller's billing state and admin comps --------------------------------------------------------


@dataclass(frozen=True)
class BillingState:
    entitlement: Entitlement
    usage: dict[str, Any]
    compliance_accepted: bool


async def get_billing_me(tx: Tx, versions: Mapping[DocumentId, str]) -> BillingState:
    """The effective tier and where it comes from, the subscription and comp behind it, the caps,
    what the caller uses of each, and whether the compliance documents are accepted."""
    user = tx.caller()
    current = await entitlements.of_user(tx)
    usage = {"strategies": await billing_db.strategies_count(tx.cur, user),
             "running_runtimes": len(await billing_db.active_runtimes(tx.cur, user)),
             "vix_generations_this_month": (await vix.get_quota(tx)).used,
             "alert_channels": await alerts_db.channel_types_of(tx.cur, user)}
    accepted = compliance.accepted_versions(await compliance_db.list_for_caller(tx.cur))
    return BillingState(current, usage, compliance.all_current(accepted, versions))


async def grant_comp(tx: Tx, *, admin: bool, user_id: str | None, email: str | None, tier: str,
                     expires_at: datetime | None, reason: str) -> dict[str, Any]:
    """An admin gives a user `tier` until `expires_at` (None: no end), replacing their comp; audited
    with who and when (the replaced rows stay). A lower tier than before leaves runtimes above its cap:
    the caller applies `entitlements.enforce_runtime_cap` for the user once this has committed."""
    if not admin:
        raise Forbidden("Only an admin can grant a comp.")
    if (user_id is None) == (email is None):
        raise InvalidComp("Name the user by exactly one of user_id or email.")
    if expires_at is not None and expires_at <= tx.clock.now():
        raise InvalidComp("expires_at must be in the future.")
    target = await billing_db.find_user(tx.cur, user_id=user_id, email=email)
    if target is None:
        raise UserNotFound("No user has that id or email.")
    await billing_db.lock_billing(tx.cur, target)
    return await billing_db.grant_comp(tx.cur, target, tier=tier, expires_at=expires_at, reason=reason,
                                       granted_by=tx.caller())
