"""Alerts tag: channels and their verification, subscriptions, the delivery log, and what comes back
from outside (Resend's and Telegram's webhooks, Twilio's, unsubscribe and verification links)."""

from __future__ import annotations

import hmac
import logging
from typing import Any

from connexion import request

from domain.alerts.channels import mask
from domain.alerts.errors import AlertsNotConfigured, InvalidLinkToken, InvalidWebhookSecret
from ex7.problems import RequestValidationProblem
from generated import models
from handlers import alert_pages
from handlers._http import as_caller, as_system, deps, parse, query_time, respond
from services import alert_callbacks, alert_channels, alert_deliveries, alert_subscriptions

log = logging.getLogger(__name__)


def channel_document(row: dict[str, Any]) -> dict[str, Any]:
    """The contract's AlertChannel: the destination masked, always."""
    return {"id": row["id"], "type": row["type"], "destination": mask(row["type"], row["destination"], row["label"]),
            "verified": row["verified_at"] is not None, "disabled": row["disabled_at"] is not None,
            "disabled_reason": row["disabled_reason"], "created_at": row["created_at"],
            "verified_at": row["verified_at"]}


def subscription_document(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "strategy_id": row["strategy_id"], "channel_id": row["channel_id"],
            "events": list(row["events"]), "enabled": row["enabled"], "created_at": row["created_at"]}


def delivery_document(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "channel_id": row["channel_id"], "channel_type": row["channel_type"],
            "strategy_id": row["strategy_id"], "signal_id": row["signal_id"], "event_id": row["event_id"],
            "status": row["status"], "attempts": row["attempts"], "last_error": row["last_error"],
            "next_attempt_at": row["next_attempt_at"] if row["status"] == "pending" else None,
            "created_at": row["created_at"], "delivered_at": row["delivered_at"]}


# ---- channels --------------------------------------------------------------------------------------------


async def list_channels(token_info: dict[str, Any]) -> Any:
    async with as_caller(token_info) as tx:
        rows = await alert_channels.list_channels(tx)
    return respond({"items": [channel_document(r) for r in rows]})


async def create_channel(body: dict[str, Any], token_info: dict[str, Any]) -> Any:
    req = parse(models.AlertChannelCreateRequest, body)
    async with as_caller(token_info) as tx:
        created = await alert_channels.create_channel(tx, deps().alerts, channel_type=req.type,
                                                      destination=req.destination, template=req.template)
        return respond({**channel_document(created.channel), "secret": created.secret,
                        "verification_url": created.verification_url}, 201)


async def delete_channel(token_info: dict[str, Any], channel_id: str) -> Any:
    async with as_caller(token_info) as tx:
        await alert_channels.delete_channel(tx, channel_id)
    return respond(None, 204)


async def resend_verification(token_info: dict[str, Any], channel_id: str) -> Any:
    async with as_caller(token_info) as tx:
        sent = await alert_channels.resend_verification(tx, deps().alerts, channel_id)
        return respond({"status": "sent", "expires_at": sent.expires_at, "verification_url": sent.verification_url})


async def verify_channel(body: dict[str, Any], token_info: dict[str, Any], channel_id: str) -> Any:
    req = parse(models.AlertChannelVerifyRequest, body)
    async with as_caller(token_info) as tx:
        result = await alert_channels.verify_with_code(tx, deps().alerts, channel_id, req.code)
    if isinstance(result, Exception):  # refused, with the wrong try counted (committed above)
        raise result
    return respond(channel_document(result))


# ---- subscriptions ---------------------------------------------------------------------------------------


async def list_subscriptions(token_info: dict[str, Any], strategy_id: str | None = None,
                             channel_id: str | None = None) -> Any:
    async with as_caller(token_info) as tx:
        rows = await alert_subscriptions.list_subscriptions(tx, strategy_id=strategy_id, channel_id=channel_id)
    return respond({"items": [subscription_document(r) for r in rows]})


async def create_subscription(body: dict[str, Any], token_info: dict[str, Any]) -> Any:
    req = parse(models.AlertSubscriptionCreateRequest, body)
    async with as_caller(token_info) as tx:
        row = await alert_subscriptions.create_subscription(
            tx, strategy_id=None if req.strategy_id is None else str(req.strategy_id), channel_id=str(req.channel_id),
            events=None if "events" not in body else list(req.events or ()))
        return respond(subscription_document(row), 201)


async def patch_subscription(body: dict[str, Any], token_info: dict[str, Any], sub_id: str) -> Any:
    req = parse(models.AlertSubscriptionPatchRequest, body)
    async with as_caller(token_info) as tx:
        row = await alert_subscriptions.patch_subscription(
            tx, sub_id, enabled=req.enabled, events=None if req.events is None else list(req.events))
        return respond(subscription_document(row))


async def delete_subscription(token_info: dict[str, Any], sub_id: str) -> Any:
    async with as_caller(token_info) as tx:
        await alert_subscriptions.delete_subscription(tx, sub_id)
    return respond(None, 204)


# ---- deliveries ------------------------------------------------------------------------------------------


async def list_deliveries(token_info: dict[str, Any], strategy_id: str | None = None, status: str | None = None,
                          from_: str | None = None, to: str | None = None, cursor: str | None = None,
                          limit: int = 50) -> Any:
    start, end = query_time("from", from_), query_time("to", to)
    async with as_caller(token_info) as tx:
        page = await alert_deliveries.list_deliveries(tx, strategy_id=strategy_id, status=status, start=start,
                                                      end=end, cursor=cursor, limit=limit)
    return respond({"items": [delivery_document(r) for r in page.items], "next_cursor": page.next_cursor})


async def get_delivery(token_info: dict[str, Any], delivery_id: str) -> Any:
    async with as_caller(token_info) as tx:
        row, attempts = await alert_deliveries.get_delivery(tx, delivery_id)
    return respond({**delivery_document(row), "attempt_log": attempts})


async def replay_delivery(token_info: dict[str, Any], delivery_id: str) -> Any:
    async with as_caller(token_info) as tx:
        row = await alert_deliveries.replay(tx, delivery_id)
        return respond(delivery_document(row))


# ---- links: unsubscribe, verify --------------------------------------------------------------------------


async def get_unsubscribe(token: str) -> Any:
    async with as_system() as tx:
        target = await alert_callbacks.unsubscribe_target(tx, deps().alerts, token)
    channel = target.channel
    preview = {"channel_type": channel["type"], "destination": mask(channel["type"], channel["destination"],
                                                                    channel["label"]),
               "strategy_name": target.strategy_name, "confirm": True}
    if alert_pages.wants_html(request.headers.get("accept")):
        return alert_pages.respond_html(alert_pages.unsubscribe_landing(preview, token))
    return respond(preview)


async def confirm_unsubscribe(body: dict[str, Any] | None = None, token: str | None = None) -> Any:
    token = _link_token(body, token)
    async with as_system() as tx:
        await alert_callbacks.unsubscribe(tx, deps().alerts, token)
    if alert_pages.wants_html(request.headers.get("accept")):
        return alert_pages.respond_html(alert_pages.unsubscribe_done())
    return respond({"unsubscribed": True})


async def get_verify_link(token: str) -> Any:
    async with as_system() as tx:
        channel = await alert_channels.preview_link(tx, token)
    preview = {"channel_type": channel["type"], "destination": mask(channel["type"], channel["destination"],
                                                                    channel["label"]), "confirm": True}
    if alert_pages.wants_html(request.headers.get("accept")):
        return alert_pages.respond_html(alert_pages.verify_landing(preview, token))
    return respond(preview)


async def confirm_verify_link(body: dict[str, Any] | None = None, token: str | None = None) -> Any:
    token = _link_token(body, token)
    async with as_system() as tx:
        channel = await alert_channels.verify_with_link(tx, token)
    if alert_pages.wants_html(request.headers.get("accept")):
        return alert_pages.respond_html(alert_pages.verify_done(mask(channel["type"], channel["destination"],
                                                                     channel["label"])))
    return respond({"verified": True})


def _link_token(body: dict[str, Any] | None, token: str | None) -> str:
    """The token of a link's POST: the query's (one-click, the page's button) or the JSON body's."""
    from_body = body.get("token") if isinstance(body, dict) else None
    chosen = token or from_body
    if not isinstance(chosen, str):
        raise InvalidLinkToken("The link's token is missing: send it as ?token= or in a JSON body {token}.")
    return chosen


# ---- provider webhooks -----------------------------------------------------------------------------------


async def handle_resend_webhook(body: dict[str, Any]) -> Any:
    """The svix signature was checked on the raw body already (ex7.middleware.ResendSignature)."""
    async with as_system() as tx:
        await alert_callbacks.resend_event(tx, request.headers["svix-id"], body)
    return respond({"received": True})


async def handle_telegram_webhook(body: dict[str, Any], secret: str | None = None) -> Any:
    configured = deps().settings.telegram_webhook_secret
    if configured is None:
        raise AlertsNotConfigured("Telegram webhooks are not configured on this server (no TELEGRAM_WEBHOOK_SECRET).")
    given = secret or request.headers.get("x-telegram-bot-api-secret-token") or ""
    if not hmac.compare_digest(given.encode(), configured.get_secret_value().encode()):
        raise InvalidWebhookSecret("The webhook secret does not match.")
    message = body.get("message")
    text = message.get("text") if isinstance(message, dict) else None
    chat = message.get("chat") if isinstance(message, dict) else None
    chat_id = chat.get("id") if isinstance(chat, dict) else None
    from_a_chat = isinstance(chat_id, int) and not isinstance(chat_id, bool)
    if isinstance(text, str) and text.startswith("/start") and from_a_chat:
        token = text.removeprefix("/start").strip()
        if token:
            async with as_system() as tx:
                verified = await alert_channels.verify_telegram(tx, token, str(chat_id))
            log.info("telegram /start: %s", "channel verified" if verified else "no channel waits for that token")
    elif isinstance(text, str):
        log.info("telegram update %s: a text message, ignored (the bot only sends alerts)", body.get("update_id"))
    return respond({"ok": True})


async def handle_twilio_webhook(body: dict[str, Any] | None = None) -> Any:
    """SMS is deferred: acknowledged and logged, so that a Twilio account pointed here gets no errors."""
    fields = body or {}
    if not isinstance(fields, dict):
        raise RequestValidationProblem([{"loc": ["body"], "type": "type", "msg": "A form body is expected."}])
    log.info("twilio callback ignored (SMS is not offered yet): %s %s", fields.get("MessageSid"),
             fields.get("MessageStatus"))
    return respond({"received": True})
