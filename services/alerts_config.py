"""What the alert use cases need to know of this deployment (built from the settings by ex7.deps)."""

from __future__ import annotations

import hashlib
import ipaddress
from dataclasses import dataclass

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class AlertsConfig:
    # Where this API is reached from outside: the base of the links in alerts (unsubscribe, verify).
    public_url: str
    # Signs unsubscribe tokens: the same on every replica and across restarts, or old links stop working.
    link_secret: bytes
    email_enabled: bool = False  # an email provider is configured
    telegram_bot_username: str | None = None  # a Telegram bot is configured (its deep links name it)
    # Webhook targets: refused when private, loopback, link-local or metadata, unless inside these.
    webhook_allow: tuple[Network, ...] = ()
    webhook_allow_http: bool = False  # plain http targets (tests, a local receiver), else https only
    verify_ttl_seconds: float = 900.0  # a code and a link work this long
    resend_cooldown_seconds: float = 60.0
    max_wrong_codes: int = 5  # in a row; then verification is locked ...
    lock_seconds: float = 900.0  # ... this long (or until a resend)
    unsubscribe_ttl_days: float = 90.0


def hash_secret(value: str) -> str:
    """Codes and link tokens are kept as hashes: a copy of the table verifies nothing."""
    return hashlib.sha256(value.encode()).hexdigest()
