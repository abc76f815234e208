"""Settings from the environment (pydantic-settings). Every field is documented in the README."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from domain.alerts.addresses import parse_allow_list
from ex7.ratelimit import parse_rate


class SettingsError(Exception):
    """A setting that cannot work (an unknown instrument, a tier catalogue that does not parse): the
    service refuses to start, saying which and why. Not a request's fault, so not a DomainError."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", case_sensitive=False)

    # Database. Without DATABASE_URL an embedded PostgreSQL (pgserver) runs in EX7_DATA_DIR.
    database_url: SecretStr | None = None
    ex7_data_dir: Path = Path(".ex7")
    db_pool_min: int = 1
    db_pool_max: int = 10
    db_timeout_seconds: float = 5.0

    # Auth: Supabase-compatible JWTs. HS256 shared secret and/or a JWKS URL for ES256/RS256.
    supabase_jwt_secret: SecretStr | None = None
    supabase_jwks_url: str | None = None
    supabase_jwt_issuer: str | None = None
    supabase_jwt_audience: str = "authenticated"
    jwks_cache_seconds: int = 600

    # Compliance: the current version of each document users must accept.
    terms_of_service_version: str = "2026-06-01"
    risk_disclosure_version: str = "2026-06-01"
    privacy_policy_version: str = "2026-06-01"

    # Tier catalogue: a JSON file replacing the built-in one (see domain.billing.tiers for the shape).
    ex7_tiers_file: Path | None = None

    # Market-data feed run inside `ex7 serve` (ex7/workers/feeds). Unset: `ex7 serve` runs `synthetic`, while the
    # app factory on its own (tests, embedding) runs none.
    ex7_feed: Literal["synthetic", "replay", "none"] | None = None
    ex7_feed_instruments: str = "MNQ,MES,NQ,ES"
    ex7_feed_seed: int = 7
    ex7_feed_backfill_days: int = Field(default=3, ge=1, le=30)
    ex7_replay_file: Path | None = None
    ex7_replay_speed: float = Field(default=60.0, gt=0)
    ex7_replay_from: datetime | None = None

    # Limits. A body over EX7_MAX_BODY_BYTES is refused with 413. Rate limits (token buckets, "N/second",
    # "N/minute", "N/hour" or "off"): public operations per client address, authenticated writes per user.
    ex7_max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    ex7_rate_limit_public: str = "30/minute"
    ex7_rate_limit_writes: str = "120/minute"

    # Billing through Stripe. Without STRIPE_SECRET_KEY the paid operations answer 503
    # `billing_not_configured` and everything else works. STRIPE_API_BASE points the SDK elsewhere (tests).
    stripe_secret_key: SecretStr | None = None
    stripe_webhook_secret: SecretStr | None = None
    stripe_price_pro: str | None = None
    stripe_price_elite: str | None = None
    stripe_api_base: str | None = None
    # Where Checkout and the portal may send the user back to (comma-separated origins).
    ex7_billing_allowed_origins: str = "http://localhost:3000"

    # The signal dispatcher (ex7/workers/dispatcher.py). Unset: `ex7 serve` and `ex7 worker` run one, while the
    # app factory on its own (tests, embedding) runs none. A worker holds a runtime for EX7_LEASE_SECONDS
    # past its last renewal: a worker that dies loses its runtimes to another within that long.
    ex7_dispatcher: bool | None = None
    ex7_lease_seconds: float = Field(default=15.0, ge=1, le=300)
    ex7_dispatch_poll_seconds: float = Field(default=2.0, gt=0, le=60)
    ex7_dispatch_connections: int = Field(default=8, ge=1, le=64)
    # An entry is published live only when its bar is processed within the timeframe plus this grace
    # of the bar's arrival (domain/signals/runtime.py).
    ex7_signal_grace_seconds: float = Field(default=30.0, ge=0)

    # The live stream (ex7/stream): each API process reads the event log when the `events` doorbell rings
    # and at least every EX7_STREAM_POLL_SECONDS (with EX7_STREAM_LISTEN=false, only then); a comment
    # heartbeat after EX7_STREAM_HEARTBEAT_SECONDS of silence; clients reconnect after EX7_STREAM_RETRY_MS;
    # at most EX7_STREAM_MAX_PER_USER streams of one user per process; a client more than
    # EX7_STREAM_BUFFER events behind is dropped (it resumes from the log with Last-Event-ID).
    ex7_stream_poll_seconds: float = Field(default=1.0, gt=0, le=60)
    ex7_stream_listen: bool = True
    ex7_stream_heartbeat_seconds: float = Field(default=15.0, gt=0, le=300)
    ex7_stream_retry_ms: int = Field(default=3000, ge=0, le=600_000)
    ex7_stream_max_per_user: int = Field(default=5, ge=1, le=100_000)
    ex7_stream_buffer: int = Field(default=1000, ge=1, le=1_000_000)
    # A stream ends after this long (clients reconnect and resume): long-lived connections spread again
    # over the replicas after a deploy, and none outlives its purpose.
    ex7_stream_max_seconds: float = Field(default=3600.0, gt=0, le=7 * 86400)
    # Events older than this many days are pruned (by the process that runs the dispatcher, every five
    # minutes); a client resuming from before that gets a `reset` event.
    ex7_events_retention_days: float = Field(default=7.0, gt=0, le=3650)

    # Alerts (services/alert_sending.py, ex7/workers/alerts.py). Unset EX7_ALERTS: `ex7 serve` and `ex7 worker` run the
    # delivery worker, the app factory on its own (tests, embedding) none. It relays new events into the outbox
    # and sends what is due every EX7_ALERTS_POLL_SECONDS (at once again while there is more), at most
    # EX7_ALERTS_CONCURRENCY sends at a time, each claimed for EX7_ALERTS_LEASE_SECONDS (a worker that dies
    # mid-send leaves its deliveries to another after that long).
    ex7_alerts: bool | None = None
    ex7_alerts_poll_seconds: float = Field(default=1.0, gt=0, le=60)
    ex7_alerts_concurrency: int = Field(default=16, ge=1, le=256)
    ex7_alerts_lease_seconds: float = Field(default=120.0, ge=5, le=3600)
    # Settled deliveries (delivered, failed, bounced, suppressed) older than this many days are pruned from
    # the delivery log, with their attempts, by the housekeeping; pending ones stay.
    ex7_alerts_retention_days: float = Field(default=90.0, gt=0, le=3650)
    # The base URL of this API as users reach it: unsubscribe and verification links point there.
    ex7_public_url: str = "http://127.0.0.1:8000"
    # Signs unsubscribe links (any long random string; the same on every replica). Unset: derived from
    # SUPABASE_JWT_SECRET, else random per process (links then stop working at a restart: set it).
    ex7_alerts_link_secret: SecretStr | None = None
    # Webhook targets that are private, loopback, link-local or metadata addresses are refused, unless inside
    # EX7_WEBHOOK_ALLOW_NETWORKS (comma-separated CIDRs, e.g. 127.0.0.0/8 for a receiver on this machine);
    # EX7_WEBHOOK_ALLOW_HTTP also takes plain http URLs (https only otherwise).
    ex7_webhook_allow_networks: str = ""
    ex7_webhook_allow_http: bool = False
    # A send (webhook, email, Telegram) that takes longer is a failed attempt. A claim's lease must outlast
    # two of them (EX7_ALERTS_LEASE_SECONDS), or a slow send could be claimed and sent again meanwhile.
    ex7_alerts_send_timeout_seconds: float = Field(default=10.0, gt=0, le=60)
    # Email: `resend` (Resend's HTTP API), `smtp`, or `none` (email channels answer 503). From address:
    ex7_email_provider: Literal["resend", "smtp", "none"] = "none"
    ex7_email_from: str = "EX7 Alerts <alerts@localhost>"
    resend_api_key: SecretStr | None = None
    resend_api_base: str = "https://api.resend.com"
    resend_webhook_secret: SecretStr | None = None  # whsec_...: verifies Resend's (Svix) callbacks
    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_security: Literal["none", "starttls", "tls"] = "starttls"
    # Telegram: the bot that sends alerts; its webhook (setWebhook) must carry TELEGRAM_WEBHOOK_SECRET.
    telegram_bot_token: SecretStr | None = None
    telegram_bot_username: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_api_base: str = "https://api.telegram.org"

    # Vix (services/vix.py): `local`, the deterministic parser (no network), or a language model behind
    # Anthropic's Messages API or an OpenAI-compatible chat completions API (EX7_VIX_API_KEY, EX7_VIX_MODEL;
    # EX7_VIX_BASE_URL points elsewhere, e.g. a local model server or the tests' fake).
    ex7_vix_provider: Literal["local", "anthropic", "openai"] = "local"
    ex7_vix_api_key: SecretStr | None = None
    ex7_vix_model: str | None = None
    ex7_vix_base_url: str | None = None
    ex7_vix_timeout_seconds: float = Field(default=30.0, gt=0, le=120)

    # Background loops: a crashed loop is restarted after this many seconds, doubling up to a minute.
    ex7_restart_backoff_seconds: float = Field(default=1.0, gt=0, le=60)

    # Serving. The docs site (`ex7 docs build` writes it, `ex7 serve` serves it at /docs/): EX7_DOCS_DIR, by
    # default the `docs` folder of EX7_DATA_DIR (see docs_dir).
    ex7_docs_dir: Path | None = None
    ex7_dev: bool = Field(default=False, description="Validate responses and print a dev token.")
    # Slow clients (ex7/server.py): a request head must be complete within this long of the connection
    # opening (on a kept-alive connection, of the request's first byte), else the connection is closed...
    ex7_header_timeout_seconds: float = Field(default=10.0, gt=0)
    # ... and its whole body within this long of the head's end, else 408 and the connection is closed.
    ex7_body_timeout_seconds: float = Field(default=30.0, gt=0)
    log_level: str = "INFO"

    @property
    def docs_dir(self) -> Path:
        """Where the built docs site is: EX7_DOCS_DIR, else `<EX7_DATA_DIR>/docs`."""
        return self.ex7_docs_dir if self.ex7_docs_dir is not None else self.ex7_data_dir / "docs"

    @model_validator(mode="after")
    def _lease_outlasts_sends(self) -> Settings:
        if self.ex7_alerts_lease_seconds < 2 * self.ex7_alerts_send_timeout_seconds:
            raise ValueError("EX7_ALERTS_LEASE_SECONDS must be at least twice EX7_ALERTS_SEND_TIMEOUT_SECONDS")
        return self

    @field_validator("ex7_webhook_allow_networks")
    @classmethod
    def _networks(cls, value: str) -> str:
        parse_allow_list(value)  # a bad network fails at start
        return value

    @field_validator("ex7_rate_limit_public", "ex7_rate_limit_writes")
    @classmethod
    def _a_rate(cls, value: str) -> str:
        parse_rate(value)  # a bad rate fails at start, not on the first request
        return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
