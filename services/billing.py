"""Billing: compliance documents (acceptances); tiers and the disclaimer are configuration and domain text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from db import compliance as compliance_db
from domain.billing import compliance
from domain.billing.compliance import DocumentId
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
