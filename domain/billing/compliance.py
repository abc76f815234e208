"""Compliance: the CFTC Rule 4.41 disclaimer and the documents every user must accept."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from domain.errors import Conflict, Invalid

CFTC_RULE = "17 CFR 4.41(b)(1)(i)"

# Word for word, as 17 CFR 4.41(b)(1)(i) requires next to any hypothetical or simulated results.
CFTC_4_41_TEXT = (
    "Hypothetical or simulated performance results have certain inherent limitations. Unlike an actual "
    "performance record, simulated results do not represent actual trading. Also, since the trades have not "
    "actually been executed, the results may have under- or over-compensated for the impact, if any, of "
    "certain market factors, such as lack of liquidity. Simulated trading programs in general are also "
    "subject to the fact that they are designed with the benefit of hindsight. No representation is being "
    "made that any account will or is likely to achieve profits or losses similar to those shown."
)

DocumentId = Literal["terms_of_service", "risk_disclosure", "privacy_policy"]

DOCUMENT_TITLES: dict[DocumentId, str] = {
    "terms_of_service": "Terms of Service",
    "risk_disclosure": "Risk Disclosure (CFTC Rule 4.41)",
    "privacy_policy": "Privacy Policy",
}


@dataclass(frozen=True)
class RequiredDocument:
    document: DocumentId
    version: str
    title: str


def required_documents(versions: Mapping[DocumentId, str]) -> list[RequiredDocument]:
    """The documents in a stable order, at the versions configured for this deployment."""
    return [RequiredDocument(doc, versions[doc], title) for doc, title in DOCUMENT_TITLES.items()]


class UnknownDocument(Invalid):
    code = "unknown_document"


class OutdatedVersion(Conflict):
    """Only the current version of a document can be accepted; carries `current_version`."""

    code = "outdated_version"


def check_acceptable(document: str, version: str, versions: Mapping[DocumentId, str]) -> None:
    """Only the current version of a known document can be accepted."""
    current = next((v for doc, v in versions.items() if doc == document), None)
    if current is None:
        raise UnknownDocument(f"Unknown document {document!r}.")
    if version != current:
        raise OutdatedVersion(f"Version {version} of {document} is not the current one; accept version {current}.",
                              current_version=current)


def accepted_versions(acceptances: Iterable[Mapping[str, Any]]) -> dict[str, set[str]]:
    """The versions accepted of each document, from acceptance records (`document`, `version`)."""
    accepted: dict[str, set[str]] = {}
    for acceptance in acceptances:
        accepted.setdefault(acceptance["document"], set()).add(acceptance["version"])
    return accepted


def missing_documents(accepted: dict[str, set[str]], versions: Mapping[DocumentId, str]) -> list[DocumentId]:
    """The required documents not accepted at their current version."""
    return [doc for doc in versions if versions[doc] not in accepted.get(doc, set())]


def all_current(accepted: dict[str, set[str]], versions: Mapping[DocumentId, str]) -> bool:
    """True when every required document has been accepted at its current version."""
    return not missing_documents(accepted, versions)
