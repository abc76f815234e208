"""What a running API needs, built once per app by the factory and reached from requests (ex7.scope)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from db import users as users_db
from db.pool import WORKER_ROLE, Database
from domain.alerts.addresses import parse_allow_list
from domain.billing.compliance import DocumentId
from domain.billing.tiers import DEFAULT_TIERS, InvalidTierCatalogue, Tier, parse_tiers
from ex7.auth import TokenVerifier, is_admin
from ex7.clock import Clock, SystemClock
from ex7.settings import Settings, SettingsError
from ex7.stream.hub import StreamHub
from ex7.workers.supervisor import Supervisor
from services.alert_transports import (
    EmailTransport,
    ResendTransport,
    SmtpTransport,
    TelegramTransport,
    Transports,
    WebhookTransport,
)
from services.alerts_config import AlertsConfig
from services.stripe_gateway import StripeGateway
from services.vix import LocalProvider, ModelProvider, Provider
from services.vix_llm import LlmProvider


class SeenUsers:
    """Creates the caller's `users` row on first sight and refreshes it at most every few minutes."""

    def __init__(self, db: Database, *, refresh_seconds: float = 300.0, capacity: int = 10_000) -> None:
        self._db = db
        self._refresh = refresh_seconds
        self._capacity = capacity
        self._seen: OrderedDict[tuple[str, str | None, bool], float] = OrderedDict()

    async def seen(self, claims: dict[str, Any]) -> None:
        user_id = str(claims["sub"])
        email = claims.get("email") if isinstance(claims.get("email"), str) else None
        key = (user_id, email, is_admin(claims))
        now = time.monotonic()
        if now - self._seen.get(key, float("-inf")) < self._refresh:
            return
        async with self._db.transaction(claims) as cur:
            await users_db.upsert_seen(cur, user_id, email, key[2])
        self._seen[key] = now
        self._seen.move_to_end(key)
        while len(self._seen) > self._capacity:
            self._seen.popitem(last=False)


@dataclass
class Deps:
    settings: Settings
    db: Database
    verifier: TokenVerifier
    users: SeenUsers
    tiers: tuple[Tier, ...]
    alerts: AlertsConfig
    clock: Clock = field(default_factory=SystemClock)
    started_at: float = field(default_factory=time.monotonic)
    supervisor: Supervisor | None = None  # the app's background loops (set by ex7.app)
    hub: StreamHub | None = None  # the process's stream hub (set by ex7.app)
    stripe: StripeGateway | None = None  # None: billing is not configured
    system_db: Database | None = None  # as ex7_worker: what is done for no caller (Stripe's webhook)
    vix: Provider = field(default_factory=LocalProvider)  # what turns a sentence into a strategy draft

    @property
    def document_versions(self) -> dict[DocumentId, str]:
        s = self.settings
        return {
            "terms_of_service": s.terms_of_service_version,
            "risk_disclosure": s.risk_disclosure_version,
            "privacy_policy": s.privacy_policy_version,
        }

    @property
    def allowed_origins(self) -> list[str]:
        return [o.strip() for o in self.settings.ex7_billing_allowed_origins.split(",") if o.strip()]

    async def close(self) -> None:
        await self.db.close()
        await self.verifier.close()
        if self.stripe is not None:
            await self.stripe.close()
        if self.system_db is not None:
            await self.system_db.close()
        await self.vix.close()


def load_tiers(settings: Settings) -> tuple[Tier, ...]:
    """The tier catalogue in force: EX7_TIERS_FILE, else the built-in one (SettingsError when bad)."""
    try:
        return parse_tiers(settings.ex7_tiers_file.read_text()) if settings.ex7_tiers_file else DEFAULT_TIERS
    except (InvalidTierCatalogue, OSError) as exc:
        raise SettingsError(f"EX7_TIERS_FILE {settings.ex7_tiers_file}: {exc}") from exc


def alerts_config(settings: Settings) -> AlertsConfig:
    """The alert settings the use cases read (SettingsError for a Telegram bot without its username)."""
    if settings.telegram_bot_token is not None and not settings.telegram_bot_username:
        raise SettingsError("TELEGRAM_BOT_TOKEN needs TELEGRAM_BOT_USERNAME (the bot's deep links name it).")
    if settings.ex7_alerts_link_secret is not None:
        link_secret = settings.ex7_alerts_link_secret.get_secret_value().encode()
    elif settings.supabase_jwt_secret is not None:
        link_secret = hmac.new(settings.supabase_jwt_secret.get_secret_value().encode(), b"ex7 alert links",
                               hashlib.sha256).digest()
    else:
        link_secret = _PROCESS_LINK_SECRET
    return AlertsConfig(
        public_url=settings.ex7_public_url.rstrip("/"), link_secret=link_secret,
        email_enabled=settings.ex7_email_provider != "none",
        telegram_bot_username=settings.telegram_bot_username if settings.telegram_bot_token else None,
        webhook_allow=parse_allow_list(settings.ex7_webhook_allow_networks),
        webhook_allow_http=settings.ex7_webhook_allow_http)


_PROCESS_LINK_SECRET = secrets.token_bytes(32)


def alert_transports(settings: Settings) -> Transports:
    """The outbound side of alerts, as configured (SettingsError for an email provider without its key)."""
    timeout = settings.ex7_alerts_send_timeout_seconds
    email: EmailTransport | None = None
    if settings.ex7_email_provider == "resend":
        if settings.resend_api_key is None:
            raise SettingsError("EX7_EMAIL_PROVIDER=resend needs RESEND_API_KEY.")
        email = ResendTransport(settings.resend_api_key.get_secret_value(), settings.ex7_email_from,
                                base_url=settings.resend_api_base, timeout_seconds=timeout)
    elif settings.ex7_email_provider == "smtp":
        email = SmtpTransport(settings.smtp_host, settings.smtp_port, settings.ex7_email_from,
                              username=settings.smtp_username,
                              password=settings.smtp_password.get_secret_value() if settings.smtp_password else None,
                              security=settings.smtp_security, timeout_seconds=timeout)
    telegram = None
    if settings.telegram_bot_token is not None:
        telegram = TelegramTransport(settings.telegram_bot_token.get_secret_value(),
                                     base_url=settings.telegram_api_base, timeout_seconds=timeout)
    webhook = WebhookTransport(parse_allow_list(settings.ex7_webhook_allow_networks),
                               timeout_seconds=timeout)
    return Transports(webhook=webhook, email=email, telegram=telegram)


_VIX_BASES = {"anthropic": "https://api.anthropic.com", "openai": "https://api.openai.com"}


def vix_provider(settings: Settings) -> Provider:
    """Vix's generator, as configured (SettingsError for a language model without its key or model)."""
    api = settings.ex7_vix_provider
    if api == "local":
        return LocalProvider()
    if settings.ex7_vix_api_key is None or not settings.ex7_vix_model:
        raise SettingsError(f"EX7_VIX_PROVIDER={api} needs EX7_VIX_API_KEY and EX7_VIX_MODEL.")
    llm = LlmProvider(api=api, api_key=settings.ex7_vix_api_key.get_secret_value(), model=settings.ex7_vix_model,
                      base_url=settings.ex7_vix_base_url or _VIX_BASES[api],
                      timeout_seconds=settings.ex7_vix_timeout_seconds)
    return ModelProvider(llm, api)


def build_deps(settings: Settings, dsn: str, clock: Clock | None = None) -> Deps:
    db = Database(dsn, minsize=settings.db_pool_min, maxsize=settings.db_pool_max, timeout=settings.db_timeout_seconds)
    verifier = TokenVerifier(
        secret=settings.supabase_jwt_secret.get_secret_value() if settings.supabase_jwt_secret else None,
        jwks_url=settings.supabase_jwks_url,
        audience=settings.supabase_jwt_audience,
        issuer=settings.supabase_jwt_issuer,
        jwks_cache_seconds=settings.jwks_cache_seconds,
    )
    tiers = load_tiers(settings)
    stripe = None
    if settings.stripe_secret_key is not None:
        prices = {tier: price for tier, price in (("pro", settings.stripe_price_pro),
                                                  ("elite", settings.stripe_price_elite)) if price}
        stripe = StripeGateway(settings.stripe_secret_key.get_secret_value(), prices=prices,  # type: ignore[arg-type]
                               api_base=settings.stripe_api_base)
    system_db = Database(dsn, minsize=0, maxsize=2, timeout=settings.db_timeout_seconds, role=WORKER_ROLE)
    return Deps(settings=settings, db=db, verifier=verifier, users=SeenUsers(db), tiers=tiers,
                clock=clock or SystemClock(), stripe=stripe, system_db=system_db, alerts=alerts_config(settings),
                vix=vix_provider(settings))
