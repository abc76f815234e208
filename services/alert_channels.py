"""Alert channels: created unverified, verified per kind, resent, deleted.

Nothing but the verification is ever sent to an unverified channel (the relay writes deliveries for
verified channels only). Verification per kind:

- email: a 6-digit code to post to the verify operation, and a link whose token verifies without
  it (the public verify-link operations); both single-use, both expire (AlertsConfig.verify_ttl_seconds);
- telegram: the bot's deep link `t.me/<bot>?start=<token>`; pressing Start sends `/start <token>`
  to the bot, and Telegram's webhook brings it here: the chat id becomes the destination;
- webhook: a signed `channel.verification` request carrying the code; a 2xx answer verifies (the
  alert worker records it), and so does posting the code.

The verification messages go through the outbox like every alert (retries, timeouts, the SSRF
guard at send time, the attempt log), written in the transaction that creates the channel.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from db import alerts as alerts_db
from domain.alerts import channels as channel_rules
from domain.alerts.errors import (
    AlertsNotConfigured,
    AlreadyVerified,
    ChannelExists,
    ChannelNotFound,
    ChannelTypeUnavailable,
    InvalidLinkToken,
    InvalidTemplate,
    InvalidVerificationCode,
    TooManyVerificationAttempts,
    VerificationCooldown,
)
from domain.alerts.template import validate_template
from domain.errors import DomainError
from services import entitlements
from services.alert_transports import check_destination
from services.alerts_config import AlertsConfig, hash_secret
from services.tx import Tx


@dataclass(frozen=True)
class CreatedChannel:
    channel: dict[str, Any]
    secret: str | None  # webhook: shown once
    verification_url: str | None  # telegram: the deep link


@dataclass(frozen=True)
class Verification:
    expires_at: datetime
    verification_url: str | None


async def list_channels(tx: Tx) -> list[dict[str, Any]]:
    return await alerts_db.channels_of(tx.cur, tx.caller())


async def create_channel(tx: Tx, cfg: AlertsConfig, *, channel_type: str, destination: str,
                         template: str | None) -> CreatedChannel:
    user = tx.caller()
    if channel_type == "sms":
        raise ChannelTypeUnavailable("SMS alerts are reserved for a later version; use email, telegram or webhook.")
    if channel_type == "email" and not cfg.email_enabled:
        raise AlertsNotConfigured("No email provider is configured on this server (EX7_EMAIL_PROVIDER).")
    if channel_type == "telegram" and cfg.telegram_bot_username is None:
        raise AlertsNotConfigured("No Telegram bot is configured on this server (TELEGRAM_BOT_TOKEN).")
    normal = channel_rules.normalize_destination(channel_type, destination,  # type: ignore[arg-type]
                                                 allow_http=cfg.webhook_allow_http)
    parsed_template = None
    if template is not None:
        if channel_type != "webhook":
            raise InvalidTemplate("Only webhook channels take a body template.")
        parsed_template = validate_template(template)
    if channel_type == "webhook":
        await check_destination(normal, cfg.webhook_allow)
    await entitlements.check_new_channel(tx, channel_type)
    secret = "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode() if channel_type == "webhook" else None
    row = await alerts_db.insert_channel(
        tx.cur, user_id=user, type=channel_type, destination=normal,
        label=normal if channel_type == "telegram" else None, secret=secret, template=parsed_template)
    verification = await _start_verification(tx, cfg, row)
    return CreatedChannel(await _reread(tx, row["id"]), secret, verification.verification_url)


async def delete_channel(tx: Tx, channel_id: str) -> None:
    """Its subscriptions go with it (ON DELETE CASCADE); its deliveries stay in the log, and those not
    sent yet are suppressed when their turn comes."""
    if not await alerts_db.delete_channel(tx.cur, channel_id):
        raise ChannelNotFound("No such alert channel.")


async def resend_verification(tx: Tx, cfg: AlertsConfig, channel_id: str) -> Verification:
    row = await _own_unverified(tx, channel_id)
    now = tx.clock.now()
    if row["verify_sent_at"] is not None:
        wait = (row["verify_sent_at"] + timedelta(seconds=cfg.resend_cooldown_seconds) - now).total_seconds()
        if wait > 0:
            raise VerificationCooldown(f"A verification was sent moments ago; try again in {wait:.0f} s.",
                                       retry_after_seconds=max(1, round(wait)))
    return await _start_verification(tx, cfg, row)


async def verify_with_code(tx: Tx, cfg: AlertsConfig, channel_id: str, code: str) -> dict[str, Any] | DomainError:
    """The channel, verified; or the failure to raise once this transaction is committed, because a
    wrong code is counted (five in a row lock verification), and the count must outlive the refusal."""
    row = await _own_unverified(tx, channel_id)
    now = tx.clock.now()
    if row["locked_until"] is not None and row["locked_until"] > now:
        wait = (row["locked_until"] - now).total_seconds()
        return TooManyVerificationAttempts(
            "Too many wrong codes in a row; wait, or resend the verification for a new code.",
            retry_after_seconds=max(1, round(wait)))
    expired = row["verify_expires_at"] is None or row["verify_expires_at"] <= now
    if row["code_hash"] is None or expired or not secrets.compare_digest(
            row["code_hash"], hash_secret(f"{channel_id}:{code}")):
        failed = row["failed_codes"] + 1
        locked = now + timedelta(seconds=cfg.lock_seconds) if failed >= cfg.max_wrong_codes else None
        await alerts_db.record_wrong_code(tx.cur, channel_id, failed=0 if locked else failed, locked_until=locked)
        why = "has expired; resend the verification" if expired and row["code_hash"] else "is not the one sent"
        return InvalidVerificationCode(f"That code {why}.")
    return await alerts_db.mark_verified(tx.cur, channel_id, now)


# ---- for no caller: the verification link, Telegram's /start ---------------------------------------------


async def preview_link(tx: Tx, token: str) -> dict[str, Any]:
    """The channel an email's verification link would verify (nothing changes)."""
    return await _by_token(tx, token, lock=False)


async def verify_with_link(tx: Tx, token: str) -> dict[str, Any]:
    row = await _by_token(tx, token, lock=True)
    return await alerts_db.mark_verified(tx.cur, row["id"], tx.clock.now())


async def verify_telegram(tx: Tx, token: str, chat_id: str) -> dict[str, Any] | None:
    """`/start <token>` from a chat: that chat becomes the channel's destination. None when the token
    names no channel waiting for it (unknown, used, expired), or the user has that chat already."""
    try:
        row = await _by_token(tx, token, lock=True)
    except InvalidLinkToken:
        return None
    if row["type"] != "telegram":
        return None
    try:
        return await alerts_db.mark_verified(tx.cur, row["id"], tx.clock.now(), destination=chat_id)
    except ChannelExists:
        return None


# ---- helpers ---------------------------------------------------------------------------------------------


async def _own_unverified(tx: Tx, channel_id: str) -> dict[str, Any]:
    row = await alerts_db.get_channel(tx.cur, channel_id, lock=True)
    if row is None:
        raise ChannelNotFound("No such alert channel.")
    if row["verified_at"] is not None:
        raise AlreadyVerified("This channel is verified already.")
    return row


async def _by_token(tx: Tx, token: str, *, lock: bool) -> dict[str, Any]:
    row = await alerts_db.channel_by_token(tx.cur, hash_secret(token), lock=lock)
    if row is None or row["verified_at"] is not None:
        raise InvalidLinkToken("This link is not valid: it was used already, replaced by a newer one, or mistyped.")
    if row["verify_expires_at"] is None or row["verify_expires_at"] <= tx.clock.now():
        raise InvalidLinkToken("This link has expired; ask for a new one from the app.")
    return row


async def _start_verification(tx: Tx, cfg: AlertsConfig, row: dict[str, Any]) -> Verification:
    """A fresh code and token (the old ones stop working) and, but for Telegram, where the user starts
    the exchange, the message that carries them."""
    now = tx.clock.now()
    expires = now + timedelta(seconds=cfg.verify_ttl_seconds)
    code = f"{secrets.randbelow(1_000_000):06d}"
    token = secrets.token_urlsafe(24)  # 32 characters of [A-Za-z0-9_-]: a valid Telegram start parameter
    channel_id = str(row["id"])
    await alerts_db.start_verification(tx.cur, channel_id, code_hash=hash_secret(f"{channel_id}:{code}"),
                                       token_hash=hash_secret(token), expires_at=expires, sent_at=now)
    if row["type"] == "telegram":
        return Verification(expires, f"https://t.me/{cfg.telegram_bot_username}?start={token}")
    payload: dict[str, Any] = {"code": code, "expires_at": expires.isoformat().replace("+00:00", "Z")}
    if row["type"] == "email":
        payload["verify_url"] = f"{cfg.public_url}/api/alerts/verify?token={token}"
    await alerts_db.insert_verification(tx.cur, user_id=str(row["user_id"]), channel_id=channel_id,
                                        channel_type=row["type"], payload=payload, at=now)
    return Verification(expires, None)


async def _reread(tx: Tx, channel_id: Any) -> dict[str, Any]:
    row = await alerts_db.get_channel(tx.cur, str(channel_id))
    assert row is not None
    return row
