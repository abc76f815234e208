"""What comes back from outside, for no caller (as ex7_worker): Resend's delivery events and the
unsubscribe links. (Telegram's `/start` is a verification: services.alert_channels.verify_telegram.)"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from db import alerts as alerts_db
from domain.alerts import link_tokens
from domain.alerts.errors import ChannelNotFound, InvalidLinkToken, SubscriptionNotFound
from services.alerts_config import AlertsConfig
from services.tx import Tx

log = logging.getLogger(__name__)

# A bounce is hard when the mailbox cannot receive (Resend's `bounce.type`), and only a hard one
# suppresses the address; a full mailbox or a greylisting server is not a reason to stop for good.
_HARD_BOUNCES = {"permanent", "hard"}


async def resend_event(tx: Tx, message_id: str, event: dict[str, Any]) -> bool:
    """Apply one of Resend's events; False when this svix-id was applied before (or names nothing)."""
    if not await alerts_db.first_time_provider_event(tx.cur, message_id):
        return False
    data: dict[str, Any] = event["data"] if isinstance(event.get("data"), dict) else {}
    email_id = data.get("email_id")
    delivery = await alerts_db.delivery_by_provider_id(tx.cur, email_id) if isinstance(email_id, str) else None
    if delivery is None:
        log.info("Resend %s for unknown email %r: ignored", event.get("type"), email_id)
        return True
    kind = event.get("type")
    channel = await alerts_db.get_channel(tx.cur, str(delivery["channel_id"]))
    recipients = data.get("to") if isinstance(data.get("to"), list) else []
    address = channel["destination"] if channel is not None else (str(recipients[0]).lower() if recipients else None)
    now = tx.clock.now()
    if kind == "email.delivered" and delivery["status"] in ("sending", "delivered", "pending"):
        await alerts_db.set_delivery_status(tx.cur, str(delivery["id"]), "delivered", None)
    elif kind == "email.bounced":
        bounce: dict[str, Any] = data["bounce"] if isinstance(data.get("bounce"), dict) else {}
        why = str(bounce.get("message") or bounce.get("type") or "bounced")[:500]
        await alerts_db.set_delivery_status(tx.cur, str(delivery["id"]), "bounced", f"bounced: {why}")
        if str(bounce.get("type", "")).lower() in _HARD_BOUNCES and address:
            disabled = await alerts_db.suppress_address(tx.cur, address, f"hard bounce: {why}", now)
            log.info("address suppressed after a hard bounce; %d channels disabled", len(disabled))
    elif kind == "email.complained" and address:
        disabled = await alerts_db.suppress_address(tx.cur, address, "the recipient marked an alert as spam", now)
        log.info("address suppressed after a complaint; %d channels disabled", len(disabled))
    return True


# ---- unsubscribe links -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnsubscribeTarget:
    channel: dict[str, Any]
    subscription: dict[str, Any] | None  # None: the whole channel
    strategy_name: str | None


async def unsubscribe_target(tx: Tx, cfg: AlertsConfig, token: str) -> UnsubscribeTarget:
    """What the token stops: a subscription, or the whole channel. InvalidLinkToken for a token not
    ours or expired; ChannelNotFound / SubscriptionNotFound for one whose target is gone."""
    claims = link_tokens.verify(cfg.link_secret, "unsubscribe", token, tx.clock.now())
    channel_id, sub_id = claims.get("c"), claims.get("s")
    if not isinstance(channel_id, str) or not (sub_id is None or isinstance(sub_id, str)):
        raise InvalidLinkToken("This unsubscribe link is malformed.")
    channel = await alerts_db.get_channel(tx.cur, channel_id, lock=True)
    if channel is None:
        raise ChannelNotFound("The channel this link unsubscribes from no longer exists.")
    if sub_id is None:
        return UnsubscribeTarget(channel, None, None)
    sub = await alerts_db.get_subscription(tx.cur, sub_id, lock=True)
    if sub is None:
        raise SubscriptionNotFound("The subscription this link stops no longer exists.")
    name = None if sub["strategy_id"] is None else await alerts_db.strategy_name(tx.cur, str(sub["strategy_id"]))
    return UnsubscribeTarget(channel, sub, name or "all your strategies")


async def unsubscribe(tx: Tx, cfg: AlertsConfig, token: str) -> None:
    """Pause the subscription, or disable the channel; again, or once the target is gone: nothing to do."""
    try:
        target = await unsubscribe_target(tx, cfg, token)
    except (ChannelNotFound, SubscriptionNotFound):
        return
    if target.subscription is not None:
        await alerts_db.update_subscription(tx.cur, str(target.subscription["id"]), enabled=False, events=None)
    else:
        channel_id = str(target.channel["id"])
        await alerts_db.disable_channel(tx.cur, channel_id, "unsubscribed", tx.clock.now())
        await alerts_db.suppress_pending_of_channel(tx.cur, channel_id, "the channel was unsubscribed")
