"""The alert worker's use cases: relay events into the outbox, claim due deliveries, send one, settle it.

**Relay, not the writer's transaction.** Deliveries are written by a relay that reads the event log in
id order and, in one transaction, writes the deliveries of a batch of events and moves its place past
them (db.alerts.relay). Events commit in id order (db/events.py), so the relay never skips one, and
since its place and the rows move together, an event's deliveries are written exactly once. Doing it
in the event's own transaction instead would put a join over subscriptions and channels inside the
id-order lock that every event-writing transaction queues on (the dispatcher's critical section),
and every writer (dispatch, closing by hand, the risk gate, the tier sweep) would have to know about
alerts. The price is the relay's interval (EX7_ALERTS_POLL_SECONDS) between an event and its
deliveries; an event cannot be lost in it (the event is committed, the relay's place is not past it).

**At least once.** A claim sets a delivery `sending` and due again when its lease ends; the send runs
with no transaction open; the attempt is recorded (and the delivery moved on) only by the worker
holding the claim. A worker killed between the send and that record leaves the delivery to come due
again, and it is sent again, with the same `webhook-id` (the delivery id) for the receiver to
deduplicate on. Nothing is ever lost, and two workers never send a delivery at once while its lease
holds.
"""

from __future__ import annotations

import json
import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from db import alerts as alerts_db
from db import events as events_db
from domain.alerts import link_tokens, messages, schedule, template
from services.alert_transports import EmailMessage, Outcome, Transports
from services.alerts_config import AlertsConfig
from services.tx import Tx

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Skipped:
    """Not sent, and not to be: the channel was deleted or disabled, or the address is suppressed."""

    reason: str


async def relay_once(tx: Tx, limit: int = 500) -> tuple[int, bool]:
    """Relay the next batch of events: (deliveries written, whether the relay moved). Another worker
    relaying at the same moment makes this one a no-op (its place is locked, and skipped)."""
    place = await alerts_db.relay_position(tx.cur)
    if place is None:
        return 0, False
    pruned = await events_db.pruned_through(tx.cur)
    if pruned > place:  # the relay was stopped for longer than the retention: what was pruned is gone
        log.warning("alert relay: events %d..%d were pruned before they were relayed; they alert no one",
                    place + 1, pruned)
        await alerts_db.skip_relay_to(tx.cur, pruned)
        place = pruned
    new_place, written = await alerts_db.relay(tx.cur, after=place, limit=limit, at=tx.clock.now())
    return written, new_place != place


async def claim(tx: Tx, *, worker: str, limit: int, lease_seconds: float) -> list[dict[str, Any]]:
    now = tx.clock.now()
    return await alerts_db.claim_due(tx.cur, now=now, lease_until=now + timedelta(seconds=lease_seconds),
                                     worker=worker, limit=limit)


async def send(delivery: dict[str, Any], transports: Transports, cfg: AlertsConfig, now: datetime) -> Outcome | Skipped:
    """Send one claimed delivery (no transaction is open here)."""
    if not delivery["channel_exists"]:
        return Skipped("the channel was deleted")
    if delivery["channel_disabled_at"] is not None:
        return Skipped("the channel is disabled")
    if delivery["suppressed"]:
        return Skipped("the address bounced or complained")
    kind = delivery["kind"]
    if kind != "verification" and delivery["channel_verified_at"] is None:
        return Skipped("the channel is not verified")
    payload = dict(delivery["payload"])
    alert = messages.Alert(kind=kind, delivery_id=str(delivery["id"]), created_at=delivery["created_at"],
                           payload=payload, strategy_name=delivery["strategy_name"], code=payload.get("code"),
                           verify_url=payload.get("verify_url"))
    channel_type = delivery["channel_type"]
    if channel_type == "email":
        if transports.email is None:
            return Outcome(ok=False, latency_ms=0, error="no email provider is configured", permanent=True)
        unsubscribe = None if kind == "verification" else unsubscribe_url(cfg, delivery, now)
        everything = None if kind == "verification" else unsubscribe_url(cfg, delivery, now, whole_channel=True)
        content = messages.email(alert, unsubscribe, everything)
        headers = {} if unsubscribe is None else {"List-Unsubscribe": f"<{unsubscribe}>",
                                                  "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
        return await transports.email.send(EmailMessage(
            to=delivery["destination"], subject=content.subject, text=content.text, html=content.html,
            headers=headers, message_id=str(delivery["id"])))
    if channel_type == "telegram":
        if transports.telegram is None:
            return Outcome(ok=False, latency_ms=0, error="no Telegram bot is configured", permanent=True)
        return await transports.telegram.send(delivery["destination"], messages.telegram(alert))
    if delivery["template"] is not None and kind != "verification":
        body = template.render(delivery["template"], messages.template_values(alert))
    else:
        body = json.dumps(messages.webhook_body(alert), separators=(",", ":")).encode()
    return await transports.webhook.send(delivery["destination"], delivery["secret"], str(delivery["id"]), now, body)


async def prune_log(tx: Tx, retention_days: float) -> int:
    """The delivery log's retention: settled deliveries older than that are deleted (the housekeeping)."""
    return await alerts_db.prune_settled(tx.cur, retention_days * 86400)


def unsubscribe_url(cfg: AlertsConfig, delivery: dict[str, Any], now: datetime, *, whole_channel: bool = False) -> str:
    """The link that stops what sent this: its subscription, or the whole channel."""
    sub = None if whole_channel or delivery["subscription_id"] is None else str(delivery["subscription_id"])
    claims = {"c": str(delivery["channel_id"]), "s": sub}
    token = link_tokens.sign(cfg.link_secret, "unsubscribe", claims, now + timedelta(days=cfg.unsubscribe_ttl_days))
    return f"{cfg.public_url}/api/alerts/unsubscribe?token={token}"


async def settle(tx: Tx, delivery: dict[str, Any], result: Outcome | Skipped, *, worker: str,
                 rng: random.Random, jitter: float = 0.1) -> str | None:
    """Record what the send came to and where the delivery goes next: its new status, or None when
    this worker's claim was lost meanwhile (another worker has it; nothing is written)."""
    now = tx.clock.now()
    if isinstance(result, Skipped):
        done = await alerts_db.record_attempt(
            tx.cur, delivery, worker=worker, at=now, outcome="failed", status_code=None, error=result.reason,
            latency_ms=0, status="suppressed", next_attempt_at=None, provider_message_id=None, counts=False)
        return "suppressed" if done else None
    if result.ok:
        status, outcome, due = "delivered", "delivered", None
    elif result.gone:
        status, outcome, due = "failed", "gone", None
    elif result.permanent:
        status, outcome, due = "failed", "failed", None
    else:
        delay = schedule.next_delay(delivery["failures"] + 1, rng=rng, jitter=jitter,
                                    retry_after=result.retry_after_seconds)
        if delay is None:
            status, outcome, due = "failed", "failed", None
        else:
            status, outcome, due = "pending", "retry", now + timedelta(seconds=delay)
    if not await alerts_db.record_attempt(
            tx.cur, delivery, worker=worker, at=now, outcome=outcome, status_code=result.status_code,
            error=result.error, latency_ms=result.latency_ms, status=status, next_attempt_at=due,
            provider_message_id=result.provider_message_id):
        return None
    channel_id = str(delivery["channel_id"])
    if result.ok and delivery["kind"] == "verification" and delivery["channel_type"] == "webhook" \
            and delivery["channel_verified_at"] is None:
        await alerts_db.mark_verified(tx.cur, channel_id, now)  # a 2xx to the signed ping verifies
    if result.gone:
        reason = f"the destination is gone ({result.error or 'HTTP 410'})"
        if await alerts_db.disable_channel(tx.cur, channel_id, reason, now):
            log.info("alert channel %s disabled: %s", channel_id, reason)
        await alerts_db.suppress_pending_of_channel(tx.cur, channel_id, "the channel was disabled")
    return status
