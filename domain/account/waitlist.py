"""Waitlist sign-ups: address normalisation."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from domain.errors import Invalid


def normalize_email(raw: str) -> str:
    """Trimmed and lower-cased, after a syntax check (no DNS look-up: domain code does no I/O)."""
    try:
        checked = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise Invalid(
            f"Not a valid email address: {exc}", errors=[{"loc": ["body", "email"], "msg": str(exc), "type": "format"}]
        ) from exc
    return checked.normalized.lower()
